import { DATA_CATEGORIES } from '@tppo/case-domain';
import { DISCLOSURE_POLICIES, type DisclosurePolicyVersion } from '../apps/coordination-api/src/cases/disclosure-policy';
import { type ApiHarness, startApi } from './support/api-harness';
import { ADULT, inDays, OPEN_CASE } from './support/sample-bodies';

/**
 * "What could the shelter see of this case then?", asked by the ministry for an ombudsman or a court.
 * The store stamps each event with the server's clock when it records it, and that is what the view
 * goes by: so the story is told in real instants, each taken between two recordings.
 */
type Auth = { Authorization: string };

const SHELTER = 'uptd-ppa-nunukan';

/** An instant after everything recorded so far and before anything recorded next: the clock is polled past it. */
const instant = async (): Promise<string> => {
  const taken = Date.now();
  const deadline = taken + 5_000;
  while (Date.now() <= taken) {
    if (Date.now() > deadline) throw new Error('The clock did not move');
    await new Promise((resolve) => setImmediate(resolve));
  }
  return new Date(taken).toISOString();
};

describe('GET /cases/{id}/as-of: what a unit could see of a case at a past instant', () => {
  let api: ApiHarness;
  let police: Auth;
  let shelter: Auth;
  let ministry: Auth;
  let caseId: string;
  let victimRef: string;
  /** The instants asked about: before the referral, after the withdrawal was declared but before it was recorded, and after. */
  const at = { beforeReferral: '', withdrawnUnrecorded: '', withdrawn: '' };

  const post = async (who: Auth, path: string, body: object): Promise<{ id: string; resourceId: string }> => (await api.http.post(path).set(who).send(body).expect((res) => expect(res.status).toBeLessThan(300))).body;
  const asOf = (when: string, unit = SHELTER, who: Auth = ministry, purpose = 'OMBUDSMAN_INQUIRY') =>
    api.http.get(`/cases/${caseId}/as-of`).query({ at: when, unit, purpose }).set(who);

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REPORTS_PER_MINUTE: '0' });
    police = await api.as('polres-nunukan');
    shelter = await api.as(SHELTER);
    ministry = await api.as('kemenpppa');

    // The police open the case and lead it; the victim consents to the shelter (by its unit id) housing her.
    caseId = (await post(police, '/cases', OPEN_CASE)).id;
    victimRef = (await post(police, `/cases/${caseId}/victims`, ADULT)).resourceId;
    const consentId = (await post(police, `/cases/${caseId}/consents`, {
      subjectRef: victimRef, givenBy: 'VICTIM', recipientAgencyTypes: [], recipientUnitIds: [SHELTER], purposes: ['SHELTER'], dataCategories: DATA_CATEGORIES,
    })).resourceId;
    at.beforeReferral = await instant();
    const referralId = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: SHELTER, purpose: 'SHELTER', urgency: 'URGENT', dueBy: inDays(2) })).resourceId;
    await post(shelter, `/cases/${caseId}/referrals/${referralId}/acceptance`, {});
    // She withdraws her consent; the police record it a moment later, declaring when she did.
    const declared = await instant();
    at.withdrawnUnrecorded = await instant();
    await post(police, `/cases/${caseId}/consents/${consentId}/withdrawal`, { reason: 'She no longer wants the shelter to hold her file', occurredAt: declared });
    at.withdrawn = await instant();
  });
  afterAll(async () => api.close());

  it('shows the victim to the shelter while her consent was in force, and withholds her once its withdrawal was recorded', async () => {
    const shared = await asOf(at.withdrawnUnrecorded).expect(200);
    expect(shared.headers['cache-control']).toBe('no-store');
    expect(shared.body).toMatchObject({
      caseId, unitId: SHELTER, agencyType: 'SERVICE_UNIT', purpose: 'OMBUDSMAN_INQUIRY', participated: true, policyVersion: 1,
      consentBound: true, withheldUnderConsent: [], jurisdiction: { regionCode: '00', grounds: ['NATIONAL'] },
      // The withdrawal was declared before this instant but recorded after it: the shelter could not know yet.
      eventsUpTo: { count: 5, revision: 4, recordedLater: 1 },
    });
    expect(shared.body.view.victims).toEqual([expect.objectContaining({ subjectRef: victimRef })]);
    expect(shared.body.view).toHaveProperty('investigation');

    const withdrawn = await asOf(at.withdrawn).expect(200);
    expect(withdrawn.body).toMatchObject({ participated: true, policyVersion: 1, consentBound: true, withheldUnderConsent: [victimRef], eventsUpTo: { count: 6, recordedLater: 0 } });
    expect(withdrawn.body.view.victims).toEqual([]);
    // Her consent and the referral stay in the view: they are why the shelter is on the case, and why it lost her file.
    expect(withdrawn.body.view.consents).toEqual([expect.objectContaining({ subjectRef: victimRef, withdrawn: true })]);
    expect(withdrawn.body.view.referrals).toEqual([expect.objectContaining({ toUnitId: SHELTER, status: 'accepted' })]);
  });

  it('does not bind the lead to the consent, and says so of a unit not yet on the case, with no view', async () => {
    const lead = await asOf(at.withdrawn, 'polres-nunukan').expect(200);
    expect(lead.body).toMatchObject({ participated: true, consentBound: false, withheldUnderConsent: [] });
    expect(lead.body.view.victims).toEqual([expect.objectContaining({ subjectRef: victimRef })]);

    const before = await asOf(at.beforeReferral).expect(200);
    expect(before.body).toMatchObject({ participated: false, policyVersion: 1, eventsUpTo: { count: 3 } });
    expect(before.body).not.toHaveProperty('view');
  });

  it('answers an earlier instant by the policy of that instant after a new version comes into force', async () => {
    const earlier = (await asOf(at.withdrawnUnrecorded).expect(200)).body;
    const policies = api.app.get<DisclosurePolicyVersion[]>(DISCLOSURE_POLICIES);
    const inForceFrom = await instant();
    // Version 2 keeps the criminal process from the shelters.
    policies.push({ version: 2, inForceFrom, fields: { ...policies[0]!.fields, investigation: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK'] } });
    const later = await instant();

    expect((await asOf(at.withdrawnUnrecorded).expect(200)).body).toEqual(earlier);
    const now = (await asOf(later).expect(200)).body;
    expect(now).toMatchObject({ policyVersion: 2, participated: true });
    expect(now.view).not.toHaveProperty('investigation');
    // The live view goes by the version in force now as well.
    expect((await api.http.get(`/cases/${caseId}`).set(shelter).expect(200)).body).not.toHaveProperty('investigation');
  });

  it('is for oversight alone: a task force for its region, a participant not at all', async () => {
    const kaltara = await asOf(at.withdrawn, SHELTER, await api.as('gugus-tugas-kaltara')).expect(200);
    expect(kaltara.body.jurisdiction).toEqual({ regionCode: '65', grounds: ['CASE_REGION', 'LEAD_UNIT_REGION'] });
    expect((await asOf(at.withdrawn, SHELTER, await api.as('gugus-tugas-ntt')).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await asOf(at.withdrawn, SHELTER, police).expect(403)).body).toMatchObject({ code: 'AGENCY_NOT_PERMITTED' });
    expect((await asOf(at.withdrawn, SHELTER, shelter).expect(403)).body).toMatchObject({ code: 'AGENCY_NOT_PERMITTED' });
  });

  it('refuses an unknown unit, an instant to come or before the case, and a question without a purpose', async () => {
    expect((await asOf(at.withdrawn, 'no-such-unit').expect(400)).body).toMatchObject({ code: 'UNKNOWN_UNIT' });
    expect((await asOf(inDays(1)).expect(400)).body).toMatchObject({ code: 'AS_OF_IN_FUTURE' });
    expect((await asOf(inDays(-1)).expect(400)).body).toMatchObject({ code: 'AS_OF_BEFORE_CASE' });
    await asOf(at.withdrawn, SHELTER, ministry, 'CURIOSITY').expect(400);
  });

  it('puts every answer in the case’s access log: who asked, about which unit, which instant, and why', async () => {
    await asOf(at.withdrawn, SHELTER, ministry, 'COURT_ORDER').expect(200);
    await asOf(at.withdrawn, SHELTER, await api.as('gugus-tugas-ntt')).expect(404);
    const log = (await api.http.get(`/cases/${caseId}/access-log`).query({ limit: 100 }).set(ministry).expect(200)).body.items as Record<string, unknown>[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId, subjectRef: '(case)', role: null, purpose: 'AS_OF_VIEW:COURT_ORDER', outcome: 'GRANTED',
          userId: 'officer@kemenpppa', unitId: 'kemenpppa', agencyType: 'MINISTRY', aboutUnitId: SHELTER, asOf: at.withdrawn,
        }),
        expect.objectContaining({ purpose: 'AS_OF_VIEW:OMBUDSMAN_INQUIRY', outcome: 'NOT_FOUND', unitId: 'gugus-tugas-ntt', aboutUnitId: SHELTER, asOf: at.withdrawn }),
      ]),
    );
    // The log names people by nothing but the case: no identity, and no view.
    expect(JSON.stringify(log)).not.toContain(ADULT.identity.fullName);
  });
});
