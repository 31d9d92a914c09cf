import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SEALED_VALUE_MARKER } from '@tppo/eventsourcing';
import { type ApiHarness, startApi } from './support/api-harness';

type Auth = { Authorization: string };

/**
 * Protected personal data is read one subject at a time with a stated purpose, only
 * where the identity policy and the subject's consent allow; every attempt is in the access log,
 * which holds no personal data, and the ministry (or the region's task force) can list it.
 */
describe('reading identities, and the access log', () => {
  let api: ApiHarness;
  let police: Auth, uptd: Auth, rsud: Auth, kejari: Auth, ministry: Auth, taskForceNtt: Auth;
  let caseId: string;
  let victim: string;
  let witness: string;
  const post = async (as: Auth, path: string, body: object) => {
    const res = await api.http.post(`/cases/${caseId}/${path}`).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { resourceId?: string };
  };
  const identity = (as: Auth, ref: string, purpose: string) => api.http.get(`/cases/${caseId}/subjects/${ref}/identity?purpose=${purpose}`).set(as);

  beforeAll(async () => {
    api = await startApi();
    [police, uptd, rsud, kejari, ministry, taskForceNtt] = [
      await api.as('polres-nunukan'),
      await api.as('uptd-ppa-nunukan'),
      await api.as('rsud-nunukan'),
      await api.as('kejari-nunukan'),
      await api.as('kemenpppa'),
      await api.as('gugus-tugas-ntt'),
    ];
    caseId = (await api.http.post('/cases').set(police).send({ regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] }).expect(201)).body.id;
    victim = (await post(police, 'victims', { identity: { fullName: 'Rina Wulandari', nik: '5310014104900002', phone: '+62 812 0000 1111' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1990-04-01' })).resourceId!;
    // The victim consents to the police (investigation) and the UPTD PPA (case management), not to the hospital.
    await post(police, 'consents', {
      subjectRef: victim,
      givenBy: 'VICTIM',
      recipientAgencyTypes: ['POLICE', 'SERVICE_UNIT'],
      recipientUnitIds: [],
      purposes: ['INVESTIGATION', 'CASE_MANAGEMENT', 'MEDICAL_CARE'],
      dataCategories: ['IDENTITY', 'CONTACT'],
    });
    const referral = (await post(police, 'referrals', { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: new Date(Date.now() + 86_400_000).toISOString() })).resourceId!;
    await post(uptd, `referrals/${referral}/acceptance`, {});
    // Urgent care on a legal basis: the hospital takes part without the victim's consent.
    await post(uptd, 'service-requests', { subjectRef: victim, kind: 'URGENT_CARE', providerUnitId: 'rsud-nunukan', legalBasis: 'VITAL_INTEREST', justification: 'Untreated injuries' });
    await post(police, 'investigation', { warrantNumber: 'Sprin.Sidik/40/II/2026/Reskrim' });
    await post(police, 'investigation/notice', { noticeNumber: 'SPDP/40/II/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', victimNotified: true });
    witness = (await post(police, 'witnesses', { identity: { fullName: 'Agus Salim' } })).resourceId!;
  });
  afterAll(async () => api.close());

  it('gives the identity to a unit the policy and the consent allow, for the stated purpose', async () => {
    const res = await identity(uptd, victim, 'CASE_MANAGEMENT').expect(200);
    expect(res.body).toEqual({ subjectRef: victim, role: 'VICTIM', identity: { fullName: 'Rina Wulandari', nik: '5310014104900002', phone: '+62 812 0000 1111' } });
    expect(res.headers['cache-control']).toBe('no-store');
    await identity(police, victim, 'INVESTIGATION').expect(200);
    // The police also lead the case (they opened it): the lead reads without a consent.
    await identity(police, victim, 'PROSECUTION').expect(200);
  });

  it('refuses where the consent does not reach: another purpose, another agency, a witness outside criminal procedure', async () => {
    expect((await identity(uptd, victim, 'PROSECUTION').expect(403)).body.code).toBe('IDENTITY_NOT_DISCLOSED');
    // The hospital takes part (it provides a service) but the victim did not consent to HEALTH.
    await identity(rsud, victim, 'MEDICAL_CARE').expect(403);
    await identity(uptd, witness, 'CASE_MANAGEMENT').expect(403);
    expect((await identity(kejari, witness, 'PROSECUTION').expect(200)).body.identity).toEqual({ fullName: 'Agus Salim' });
  });

  it('needs a purpose, and answers a unit outside the case or an unknown person with 404', async () => {
    expect((await api.http.get(`/cases/${caseId}/subjects/${victim}/identity`).set(uptd)).status).toBe(400);
    expect((await identity(uptd, victim, 'CURIOSITY')).status).toBe(400);
    await identity(await api.as('dinsos-nunukan'), victim, 'CASE_MANAGEMENT').expect(404);
    await identity(uptd, 'nobody-here', 'CASE_MANAGEMENT').expect(404);
  });

  it('records every attempt, granted or not, with no personal data; the ministry lists it, others may not', async () => {
    const log = (await api.http.get(`/cases/${caseId}/access-log?limit=100`).set(ministry).expect(200)).body.items as { unitId: string; purpose: string; outcome: string; subjectRef: string }[];
    expect(log.map((r) => [r.unitId, r.purpose, r.outcome])).toEqual(
      expect.arrayContaining([
        ['uptd-ppa-nunukan', 'CASE_MANAGEMENT', 'GRANTED'],
        ['polres-nunukan', 'INVESTIGATION', 'GRANTED'],
        ['uptd-ppa-nunukan', 'PROSECUTION', 'DENIED'],
        ['rsud-nunukan', 'MEDICAL_CARE', 'DENIED'],
        ['kejari-nunukan', 'PROSECUTION', 'GRANTED'],
        ['dinsos-nunukan', 'CASE_MANAGEMENT', 'NOT_FOUND'],
      ]),
    );
    expect(log.length).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(log)).not.toMatch(/Rina|Wulandari|5310014104900002|0000 1111|Agus/);
    expect(JSON.stringify(log)).not.toMatch(SEALED_VALUE_MARKER);
    const raw = readFileSync(api.config.accessLogFile).toString('latin1');
    expect(raw).not.toMatch(/Rina|5310014104900002|Agus/);
    await api.http.get(`/cases/${caseId}/access-log`).set(police).expect(403);
    await api.http.get(`/cases/${caseId}/access-log`).set(taskForceNtt).expect(404);
  });
});
