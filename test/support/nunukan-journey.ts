import { randomUUID } from 'node:crypto';
import { SEALED_VALUE_MARKER } from '@tppo/eventsourcing';
import { type ApiHarness, startApi } from './api-harness';

type Auth = { Authorization: string };

/**
 * A case as Nunukan handles them: a 16-year-old girl comes back through Tawau after being recruited
 * for a Sabah palm-oil estate. The police open the case; the UPTD PPA takes over protection and the
 * lead; services are delivered; the investigation runs through SPDP, P-19 and P-21 to a conviction
 * with restitution, which is paid; the lead closes the case.
 */
export const describeNunukanJourney = (name: string, environment: () => Promise<Record<string, string>>): void =>
describe(`journey (${name}): a child victim from Nunukan, from arrival to a paid restitution`, () => {
  let api: ApiHarness;
  let police: Auth;
  let uptd: Auth;
  let rsud: Auth;
  let kejari: Auth;
  let court: Auth;
  let dinsos: Auth;
  beforeAll(async () => {
    api = await startApi({ ...(await environment()), RATE_LIMIT_PER_MINUTE: '0' });
    police = await api.as('polres-nunukan');
    uptd = await api.as('uptd-ppa-nunukan');
    rsud = await api.as('rsud-nunukan');
    kejari = await api.as('kejari-nunukan');
    court = await api.as('pn-nunukan');
    dinsos = await api.as('dinsos-nunukan');
  });
  afterAll(async () => api.close());

  let caseId: string;
  const post = async (as: Auth, path: string, body: object, status: number) => {
    const res = await api.http.post(path.startsWith('/') ? path : `/cases/${caseId}/${path}`).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; revision: number; resourceId?: string; eventIds: string[] };
  };
  const view = async (as: Auth) => (await api.http.get(`/cases/${caseId}`).set(as).expect(200)).body;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it('walks the whole case over HTTP', async () => {
    // Intake by the police.
    caseId = (await post(police, '/cases', { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['NON_PROCEDURAL_MIGRANT_WORKER', 'DEBT_BONDAGE'] }, 201)).id;
    const victim = (await post(police, 'victims', { identity: { fullName: 'Siti Aminah', nik: '5310014104100001' }, sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.10', birthDate: '2010-04-01' }, 201)).resourceId!;
    await post(police, `victims/${victim}/status`, { status: 'CONFIRMED', reason: 'Recruited by deception, passport held by the employer' }, 200);
    await post(police, `victims/${victim}/risk-assessments`, { level: 'HIGH', factors: ['DEBT_TO_RECRUITER', 'TRAFFICKER_CONTACT'] }, 200);

    // A child has no valid consent until a guardian is appointed: the first referral rests on the law.
    const referral = (
      await post(police, 'referrals', { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: inDays(1), legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child, no guardian present' }, 201)
    ).resourceId!;
    await post(uptd, `referrals/${referral}/acceptance`, {}, 200);
    const guardian = (await post(uptd, `victims/${victim}/guardians`, { identity: { fullName: 'Ani Rahayu' }, relationship: 'PARENT' }, 201)).resourceId!;
    await post(police, 'consents', {
      subjectRef: victim,
      givenBy: 'GUARDIAN',
      guardianRef: guardian,
      recipientAgencyTypes: ['POLICE', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'PROSECUTOR', 'COURT', 'LPSK'],
      recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'MEDICAL_CARE', 'SHELTER', 'INVESTIGATION', 'PROSECUTION'],
      dataCategories: ['CASE_FACTS', 'IDENTITY', 'HEALTH'],
    }, 201);

    // The UPTD PPA takes over the lead by handoff.
    const handoff = (await post(police, 'lead-handoffs', { toUnitId: 'uptd-ppa-nunukan', reason: 'Child protection and case management move to the UPTD PPA' }, 201)).resourceId!;
    expect((await view(police)).leadUnitId).toBe('polres-nunukan');
    await post(uptd, `lead-handoffs/${handoff}/acceptance`, {}, 200);
    expect((await view(uptd)).leadUnitId).toBe('uptd-ppa-nunukan');

    // Services: medical rehabilitation at the district hospital, and a shelter place.
    const service = (await post(uptd, 'service-requests', { subjectRef: victim, kind: 'MEDICAL_REHABILITATION', providerUnitId: 'rsud-nunukan' }, 201)).resourceId!;
    await post(rsud, `service-requests/${service}/delivery`, { note: 'Treated for untreated injuries' }, 200);
    await post(uptd, 'shelter-placements', { subjectRef: victim, shelterKind: 'UPTD_PPA_SHELTER' }, 201);

    // The criminal process, beside protection.
    await post(police, 'police-report', { reportNumber: 'LP/B/12/II/2026/SPKT/POLRES NUNUKAN', reportKind: 'MODEL_B', reportedOn: '2026-02-09' }, 200);
    await post(police, 'investigation', { warrantNumber: 'Sprin.Sidik/15/II/2026/Reskrim' }, 200);
    await post(police, 'investigation/notice', { noticeNumber: 'SPDP/15/II/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', victimNotified: true }, 200);
    await post(police, 'suspects', { identity: { fullName: 'Budi Santoso' }, role: 'RECRUITER' }, 201);
    await post(police, 'case-file', { caseFileNumber: 'BP/15/III/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan' }, 200);
    await post(kejari, 'case-file/return', { instructions: 'Add the forensic medical report (visum) and the recruiter bank records' }, 200);
    expect((await view(kejari)).investigation.stage).toBe('file_returned');
    await post(police, 'case-file/resubmission', {}, 200);
    await post(kejari, 'case-file/completeness', {}, 200);
    await post(police, 'handover', {}, 200);
    await post(kejari, 'indictment', { indictmentNumber: 'PDM-07/NNK/04/2026', courtUnitId: 'pn-nunukan', restitutionClaimed: true, restitutionAmount: 45_000_000 }, 200);
    await post(kejari, 'hearings', { heldOn: '2026-05-04', agenda: 'VICTIM_TESTIMONY' }, 200);
    await post(court, 'verdict', { outcome: 'CONVICTED', sentenceMonths: 48, restitutionAmount: 45_000_000, notifiedAt: new Date().toISOString() }, 200);
    expect((await view(court)).investigation).toMatchObject({ stage: 'verdict', restitutionStatus: 'due', restitutionAmount: 45_000_000 });
    await post(kejari, 'restitution/payments', { amount: 45_000_000, paidOn: '2026-06-10' }, 200);
    expect((await view(kejari)).investigation).toMatchObject({ restitutionStatus: 'paid' });

    // The lead closes the case; afterwards only reopening is accepted.
    await post(uptd, 'closure', { outcome: 'REINTEGRATED', reason: 'Home with her family, school re-enrolment done' }, 200);
    const closed = await view(uptd);
    expect(closed.status).toBe('closed');
    const refused = await api.http.post(`/cases/${caseId}/victims/${victim}/risk-assessments`).set(uptd).send({ level: 'LOW', factors: [] }).expect(409);
    expect(refused.body.code).toBe('CASE_CLOSED');
    expect(JSON.stringify(closed)).not.toMatch(/Siti|Ani Rahayu|Budi/);
    // Social services never took part: the case does not exist for them.
    await api.http.get(`/cases/${caseId}`).set(dinsos).expect(404);

    // Each audience reads only what the disclosure policy grants it.
    const common = ['caseId', 'status', 'revision', 'openedByUnitId', 'leadUnitId', 'leadAgencyType', 'closedAt', 'victims', 'consents', 'referrals', 'leadHandoffs', 'erasures', 'legalHolds'];
    const shapes: [Auth, string[]][] = [
      [rsud, [...common, 'serviceRequests']],
      [court, [...common, 'subjects', 'policeReportNumber', 'investigation']],
      [kejari, [...common, 'subjects', 'policeReportNumber', 'investigation', 'lpskRequests']],
      [uptd, [...common, 'policeReportNumber', 'investigation', 'serviceRequests', 'shelterPlacements', 'lpskRequests']],
      [police, [...common, 'subjects', 'policeReportNumber', 'investigation', 'serviceRequests', 'lpskRequests']],
    ];
    for (const [as, fields] of shapes) expect(Object.keys(await view(as)).sort()).toEqual([...fields].sort());

    // The ministry audits the whole sequence: verified chain, acting units, lead holders, no identity.
    const timeline = (await api.http.get(`/cases/${caseId}/timeline`).set(await api.as('kemenpppa')).expect(200)).body;
    expect(timeline.chain).toMatchObject({ valid: true, events: timeline.entries.length });
    expect(timeline.entries[0]).toMatchObject({ revision: 0, type: 'CaseOpened', actingUnitId: 'polres-nunukan', leadUnitId: 'polres-nunukan' });
    expect(timeline.entries.at(-1)).toMatchObject({ type: 'CaseClosed', actingUnitId: 'uptd-ppa-nunukan', leadUnitId: 'uptd-ppa-nunukan' });
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ConsentOverrideRecorded', 'LeadHandoffAccepted', 'CaseFileReturned', 'VerdictIssued', 'RestitutionPaid']));
    expect(JSON.stringify(timeline)).not.toMatch(/Siti|Ani Rahayu|Budi|5310014104100001/);
    expect(JSON.stringify(timeline)).not.toMatch(SEALED_VALUE_MARKER);
    // The provincial task force sees it too, and so does that of her home province (she is from
    // Manggarai, NTT); another province's task force and a police unit do not.
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(await api.as('gugus-tugas-kaltara')).expect(200)).body.jurisdiction.grounds).toEqual(['CASE_REGION', 'LEAD_UNIT_REGION']);
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(await api.as('gugus-tugas-ntt')).expect(200)).body.jurisdiction.grounds).toEqual(['VICTIM_ORIGIN']);
    await api.http.get(`/cases/${caseId}/timeline`).set(await api.as('gugus-tugas-jatim')).expect(404);
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(police)).status).toBe(403);
  });

  it('50 concurrent conflicting commands on one case leave exactly the valid outcome', async () => {
    caseId = (await post(police, '/cases', { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] }, 201)).id;
    const before = (await view(police)).revision;
    // Only one lead handoff may be pending: every proposal races for it.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.http
          .post(`/cases/${caseId}/lead-handoffs`)
          .set(police)
          .send({ toUnitId: i % 2 === 0 ? 'uptd-ppa-nunukan' : 'dinsos-nunukan', reason: `Proposal ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.code))).toEqual(new Set(['HANDOFF_PENDING']));
    const after = await view(police);
    expect(after.leadHandoffs).toHaveLength(1);
    expect(after.revision).toBe(before + 1);
  });
});
