import { randomUUID } from 'node:crypto';
import { COMMAND_PERMISSIONS } from '@tppo/case-domain';
import { type ApiHarness, startApi } from './support/api-harness';
import { ADULT, inDays, INTERCEPTION_REPORT, OPEN_CASE, SAMPLE_BODIES } from './support/sample-bodies';

type Auth = { Authorization: string };
type Answer = { id: string; revision: number; resourceId?: string; eventIds: string[] };

/** Units of the seed registry, by agency type, that take part in no case of this suite unless named. */
const OUTSIDERS: Record<string, string> = {
  POLICE: 'polres-sumba-barat',
  SERVICE_UNIT: 'uptd-ppa-sumba-barat',
  SOCIAL_SERVICES: 'dinsos-sumba-barat',
  PROSECUTOR: 'kejari-sumba-barat',
  COURT: 'pn-waikabubak',
  LPSK: 'lpsk-ri',
  MIGRANT_PROTECTION: 'bp3mi-ntt',
  FOREIGN_AFFAIRS: 'kbri-kuala-lumpur',
  IMMIGRATION: 'imigrasi-nunukan',
  HEALTH: 'rsud-sk-lerik',
  LEGAL_AID: 'lbh-apik-ntt',
  NGO: 'rumah-perempuan-kupang',
};

describe('every case route', () => {
  let api: ApiHarness;
  let police: Auth;
  let uptd: Auth;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    police = await api.as('polres-nunukan');
    uptd = await api.as('uptd-ppa-nunukan');
  });
  afterAll(async () => api.close());

  const post = async (as: Auth, path: string, body: object, status: number): Promise<Answer> => {
    const res = await api.http.post(path).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
    return res.body as Answer;
  };
  const revisionOf = async (caseId: string) => (await api.http.get(`/cases/${caseId}`).set(police).expect(200)).body.revision as number;

  it('answers 404 to a unit outside the case on every case route, whatever it asks, and writes nothing', async () => {
    const caseId = (await post(police, '/cases', OPEN_CASE, 201)).id;
    const doc = (await api.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/cases/{caseId}/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([method]) => method === 'post')
          .map(([, op]) => ({ path, type: op.operationId as keyof typeof SAMPLE_BODIES })),
      );
    expect(routes.map((r) => r.type).sort()).toEqual(Object.keys(SAMPLE_BODIES).sort());
    for (const { path, type } of routes) {
      const outsider = await api.as(OUTSIDERS[COMMAND_PERMISSIONS[type][0]!]!);
      const url = path.replace('{caseId}', caseId).replace(/\{[A-Za-z]+\}/g, 'some-id');
      // A stale If-Match must not tell a stranger the case exists or its revision (412 would).
      const res = await api.http.post(url).set(outsider).set('If-Match', '"7"').send(SAMPLE_BODIES[type]);
      expect({ type, status: res.status, code: res.body.code }).toEqual({ type, status: 404, code: 'NOT_FOUND' });
    }
    expect(await revisionOf(caseId)).toBe(0);
  });

  it('referrals: decline and withdrawal end participation at once; completion; only the addressee answers', async () => {
    const caseId = (await post(police, '/cases', OPEN_CASE, 201)).id;
    const victim = (await post(police, `/cases/${caseId}/victims`, ADULT, 201)).resourceId!;
    await post(police, `/cases/${caseId}/consents`, {
      subjectRef: victim, givenBy: 'VICTIM', recipientAgencyTypes: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'LPSK'], recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'MEDICAL_CARE', 'WITNESS_PROTECTION', 'SHELTER'], dataCategories: ['CASE_FACTS'],
    }, 201);
    const dinsos = await api.as('dinsos-nunukan');
    const rsud = await api.as('rsud-nunukan');

    const toDinsos = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: 'dinsos-nunukan', purpose: 'SHELTER', urgency: 'ROUTINE', dueBy: inDays(7) }, 201)).resourceId!;
    await api.http.get(`/cases/${caseId}`).set(dinsos).expect(200);
    const notAddressee = await api.http.post(`/cases/${caseId}/referrals/${toDinsos}/acceptance`).set(uptd).send({});
    expect(notAddressee.status).toBe(404); // the UPTD takes no part yet: it cannot even see the case
    await post(dinsos, `/cases/${caseId}/referrals/${toDinsos}/decline`, { reason: 'No shelter place this month' }, 200);
    await api.http.get(`/cases/${caseId}`).set(dinsos).expect(404);

    const toRsud = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: 'rsud-nunukan', purpose: 'MEDICAL_CARE', urgency: 'URGENT', dueBy: inDays(1) }, 201)).resourceId!;
    await post(police, `/cases/${caseId}/referrals/${toRsud}/withdrawal`, { reason: 'Treated at the police clinic instead' }, 200);
    await api.http.get(`/cases/${caseId}`).set(rsud).expect(404);

    const toUptd = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: inDays(1) }, 201)).resourceId!;
    const wrongAnswer = await api.http.post(`/cases/${caseId}/referrals/${toUptd}/acceptance`).set(police).send({});
    expect({ status: wrongAnswer.status, code: wrongAnswer.body.code }).toEqual({ status: 403, code: 'NOT_ADDRESSED_UNIT' });
    await post(uptd, `/cases/${caseId}/referrals/${toUptd}/acceptance`, {}, 200);
    await post(uptd, `/cases/${caseId}/referrals/${toUptd}/completion`, { outcome: 'Case management plan agreed' }, 200);
    expect((await api.http.get(`/cases/${caseId}`).set(uptd).expect(200)).body.referrals.map((r: { status: string }) => r.status).sort()).toEqual(['completed', 'declined', 'withdrawn']);

    const unknownUnit = await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'polsek-nowhere', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: inDays(1) });
    expect({ status: unknownUnit.status, code: unknownUnit.body.code, field: unknownUnit.body.errors?.[0]?.field }).toEqual({ status: 400, code: 'UNKNOWN_UNIT', field: 'toUnitId' });
    const noConsent = await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'kejari-nunukan', purpose: 'PROSECUTION', urgency: 'ROUTINE', dueBy: inDays(7) });
    expect({ status: noConsent.status, code: noConsent.body.code }).toEqual({ status: 409, code: 'CONSENT_REQUIRED' });
  });

  it('handoffs, custody, shelter, return home and LPSK protection', async () => {
    const caseId = (await post(police, '/cases', OPEN_CASE, 201)).id;
    const victim = (await post(police, `/cases/${caseId}/victims`, ADULT, 201)).resourceId!;
    await post(police, `/cases/${caseId}/consents`, {
      subjectRef: victim, givenBy: 'VICTIM', recipientAgencyTypes: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'LPSK'], recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'WITNESS_PROTECTION', 'SHELTER'], dataCategories: ['CASE_FACTS'],
    }, 201);
    const dinsos = await api.as('dinsos-nunukan');
    const lpsk = await api.as('lpsk-ri');

    const declined = (await post(police, `/cases/${caseId}/lead-handoffs`, { toUnitId: 'dinsos-nunukan', reason: 'Long-term rehabilitation' }, 201)).resourceId!;
    await post(dinsos, `/cases/${caseId}/lead-handoffs/${declined}/decline`, { reason: 'No capacity this month' }, 200);
    const accepted = (await post(police, `/cases/${caseId}/lead-handoffs`, { toUnitId: 'uptd-ppa-nunukan', reason: 'Protection moves to the UPTD' }, 201)).resourceId!;
    await post(uptd, `/cases/${caseId}/lead-handoffs/${accepted}/acceptance`, {}, 200);
    await post(uptd, `/cases/${caseId}/victims/${victim}/custody-transfers`, { fromUnitId: 'polres-nunukan' }, 200);

    const placement = (await post(uptd, `/cases/${caseId}/shelter-placements`, { subjectRef: victim, shelterKind: 'UPTD_PPA_SHELTER' }, 201)).resourceId!;
    expect((await api.http.get(`/cases/${caseId}`).set(uptd).expect(200)).body.victims[0].activePlacementId).toBe(placement);
    await post(uptd, `/cases/${caseId}/shelter-placements/${placement}/end`, { reason: 'Returned to her family' }, 200);
    await post(uptd, `/cases/${caseId}/victims/${victim}/repatriation`, { fromCountry: 'MY', arrivalRegionCode: '65.03', arrivedOn: '2026-02-08' }, 200);
    await post(uptd, `/cases/${caseId}/victims/${victim}/reintegration`, { regionCode: '53.10', completedOn: '2026-04-01' }, 200);

    const request = (await post(uptd, `/cases/${caseId}/lpsk-requests`, { subjectRef: victim, toUnitId: 'lpsk-ri', measures: ['SAFE_HOUSE', 'RESTITUTION_FACILITATION'] }, 201)).resourceId!;
    await post(lpsk, `/cases/${caseId}/lpsk-requests/${request}/decision`, { decision: 'GRANTED', measures: ['SAFE_HOUSE'], reason: 'Threats from the recruiter network' }, 200);
    const view = (await api.http.get(`/cases/${caseId}`).set(lpsk).expect(200)).body;
    expect(view.lpskRequests).toEqual([expect.objectContaining({ requestId: request, status: 'granted' })]);
    expect(view.leadHandoffs.map((h: { status: string }) => h.status).sort()).toEqual(['accepted', 'declined']);
  });

  it('the criminal process: witnesses, restitution assessed and defaulted, SP3, reopening and corrections', async () => {
    const kejari = await api.as('kejari-nunukan');
    const court = await api.as('pn-nunukan');
    const lpsk = await api.as('lpsk-ri');
    const dinsos = await api.as('dinsos-nunukan');
    const caseId = (await post(police, '/cases', OPEN_CASE, 201)).id;
    const victim = (await post(police, `/cases/${caseId}/victims`, ADULT, 201)).resourceId!;
    await post(police, `/cases/${caseId}/consents`, {
      subjectRef: victim, givenBy: 'VICTIM', recipientAgencyTypes: ['LPSK', 'PROSECUTOR', 'COURT'], recipientUnitIds: [],
      purposes: ['WITNESS_PROTECTION', 'PROSECUTION'], dataCategories: ['CASE_FACTS'],
    }, 201);
    await post(police, `/cases/${caseId}/witnesses`, { identity: { fullName: 'Dewi Lestari', phone: '+62 812 5555 0101' } }, 201);
    await post(police, `/cases/${caseId}/investigation`, { warrantNumber: 'Sprin.Sidik/16/II/2026' }, 200);

    const early = await api.http.post(`/cases/${caseId}/case-file/completeness`).set(kejari).send({});
    expect(early.status).toBe(404); // no file was submitted: the prosecutor does not take part yet
    const prosecutionBySocialServices = await api.http.post(`/cases/${caseId}/indictment`).set(dinsos).send(SAMPLE_BODIES.FileIndictment);
    expect({ status: prosecutionBySocialServices.status, code: prosecutionBySocialServices.body.code }).toEqual({ status: 403, code: 'AGENCY_NOT_PERMITTED' });

    await post(police, `/cases/${caseId}/case-file`, { caseFileNumber: 'BP/16/III/2026', prosecutorUnitId: 'kejari-nunukan' }, 200);
    await post(kejari, `/cases/${caseId}/case-file/completeness`, {}, 200);
    const again = await api.http.post(`/cases/${caseId}/case-file/completeness`).set(kejari).send({});
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CASE_FILE_NOT_UNDER_REVIEW' });
    await post(police, `/cases/${caseId}/handover`, {}, 200);
    await post(kejari, `/cases/${caseId}/indictment`, { indictmentNumber: 'PDM-08/NNK/04/2026', courtUnitId: 'pn-nunukan', restitutionClaimed: true, restitutionAmount: 20_000_000 }, 200);
    const request = (await post(police, `/cases/${caseId}/lpsk-requests`, { subjectRef: victim, toUnitId: 'lpsk-ri', measures: ['RESTITUTION_FACILITATION'] }, 201)).resourceId!;
    expect(request).toBeDefined();
    await post(lpsk, `/cases/${caseId}/restitution/assessments`, { subjectRef: victim, amount: 20_000_000 }, 200);
    await post(court, `/cases/${caseId}/verdict`, { outcome: 'CONVICTED', sentenceMonths: 36, restitutionAmount: 20_000_000, notifiedAt: new Date().toISOString() }, 200);
    await post(kejari, `/cases/${caseId}/restitution/payments`, { amount: 5_000_000, paidOn: '2026-06-10' }, 200);
    await post(kejari, `/cases/${caseId}/restitution/default`, { reason: 'Nothing more paid 14 days after notice' }, 200);
    expect((await api.http.get(`/cases/${caseId}`).set(kejari).expect(200)).body.investigation).toMatchObject({ restitutionStatus: 'defaulted', restitutionPaid: 5_000_000 });

    await post(police, `/cases/${caseId}/closure`, { outcome: 'REINTEGRATED', reason: 'Back with her family' }, 200);
    const closed = await api.http.post(`/cases/${caseId}/victims/${victim}/risk-assessments`).set(police).send({ level: 'LOW', factors: [] });
    expect({ status: closed.status, code: closed.body.code }).toEqual({ status: 409, code: 'CASE_CLOSED' });
    await post(police, `/cases/${caseId}/reopening`, { reason: 'Contacted by the same recruiter again' }, 200);
    const registered = (await api.http.get(`/cases/${caseId}`).set(police).expect(200)).body;
    expect(registered.status).toBe('open');

    // The victim's registration was the third event: correct its sex field as the issuing unit.
    const victimEvent = (await post(police, `/cases/${caseId}/victims`, { ...ADULT, sex: 'MALE' }, 201)).eventIds[0]!;
    await post(police, `/cases/${caseId}/events/${victimEvent}/corrections`, { corrected: { sex: 'FEMALE' }, reason: 'Typo at intake' }, 200);
    const notIssuer = await api.http.post(`/cases/${caseId}/events/${victimEvent}/corrections`).set(kejari).send({ corrected: { sex: 'MALE' }, reason: 'x' });
    expect(notIssuer.status).toBe(403);

    // SP3 on a second case.
    const other = (await post(police, '/cases', OPEN_CASE, 201)).id;
    await post(police, `/cases/${other}/investigation`, { warrantNumber: 'Sprin.Sidik/17/II/2026' }, 200);
    await post(police, `/cases/${other}/investigation/termination`, { ground: 'INSUFFICIENT_EVIDENCE', reason: 'The only witness withdrew' }, 200);
    expect((await api.http.get(`/cases/${other}`).set(police).expect(200)).body.investigation.stage).toBe('terminated');
  });

  it('interception reports: counts only, one stream per report, idempotent', async () => {
    const immigration = await api.as('imigrasi-nunukan');
    const report = INTERCEPTION_REPORT;
    const key = randomUUID();
    const first = await api.http.post('/interception-reports').set(immigration).set('Idempotency-Key', key).send(report).expect(201);
    expect(first.headers['location']).toBe(`/interception-reports/${first.body.id}`);
    const retry = await api.http.post('/interception-reports').set(immigration).set('Idempotency-Key', key).send(report).expect(201);
    expect(retry.body).toEqual(first.body);
    const twice = await api.http.post('/interception-reports').set(immigration).send({ ...report, counts: [...report.counts, { sex: 'FEMALE', ageBand: '18-24', count: 1 }] });
    expect(twice.status).toBe(400);
    const socialServices = await api.http.post('/interception-reports').set(await api.as('dinsos-nunukan')).send(report);
    expect(socialServices.status).toBe(403);
  });
});
