import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../apps/coordination-api/src/infrastructure/tokens';
import { VIEW_DISCLOSURE, type ViewName } from '../../apps/coordination-api/src/read/views/view-disclosure';
import { type ApiHarness, startApi } from './api-harness';
import { eventually } from './eventually';

type Auth = { Authorization: string };
const DAY_MS = 86_400_000;

/**
 * Each agency's worklist through HTTP: after each command the unit whose list it is sees it, with its
 * clocks; nobody else does; time passing breaks a clock (the API's clock is injected); and every
 * answer carries only the fields the view's disclosure policy lists.
 */
export const describeWorklists = (name: string, environment: () => Promise<Record<string, string>>): void =>
describe(`agency worklists (${name})`, () => {
  let api: ApiHarness;
  let police: Auth, uptd: Auth, dinsos: Auth, kejari: Auth, lpsk: Auth, rsud: Auth, policeKupang: Auth;
  let caseId: string;
  let victim: string;
  let openapi: { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
  beforeAll(async () => {
    // A 5-day service clock by configuration: the due dates below come from it.
    api = await startApi({ ...(await environment()), DEADLINE_DAYS_SERVICE: '5' });
    const as = async (unitId: string) => api.as(unitId);
    police = await as('polres-nunukan');
    uptd = await as('uptd-ppa-nunukan');
    dinsos = await as('dinsos-nunukan');
    kejari = await as('kejari-nunukan');
    lpsk = await as('lpsk-ri');
    rsud = await as('rsud-nunukan');
    policeKupang = await as('polresta-kupang-kota');
    openapi = (await api.http.get('/docs-json').expect(200)).body;
  });
  afterAll(async () => api.close());

  const post = async (as: Auth, path: string, body: object) => {
    const res = await api.http.post(path.startsWith('/') ? path : `/cases/${caseId}/${path}`).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; revision: number; resourceId?: string };
  };

  /** The read side is eventually consistent: ask (bounded) until the case shows at the revision the last command made. */
  const worklist = (as: Auth, path: string, revision: number) =>
    eventually(
      async () => {
        const body = (await api.http.get(`/worklists/${path}`).set(as).expect(200)).body as { items: { caseId: string; revision: number }[] };
        const item = body.items.find((x) => x.caseId === caseId);
        if (!item || item.revision < revision) throw new Error(`the case is ${item ? `at revision ${item.revision}` : 'not listed'}`);
        return { body, item: item as Record<string, unknown> | undefined };
      },
      { what: `the ${path} worklist to show the case at revision ${revision}` },
    );

  const assertShape = (view: ViewName, item: Record<string, unknown> | undefined) => {
    expect(item).toBeDefined();
    const allowed: readonly string[] = VIEW_DISCLOSURE[view].fields;
    expect(Object.keys(item!).filter((field) => !allowed.includes(field))).toEqual([]);
  };

  it('walks one case through every worklist', async () => {
    caseId = (await post(police, '/cases', { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] })).id;
    victim = (await post(police, 'victims', { identity: { fullName: 'Rina Wulandari', nik: '5310014104900002' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1990-04-01' })).resourceId!;
    await post(police, 'consents', {
      subjectRef: victim,
      givenBy: 'VICTIM',
      recipientAgencyTypes: ['POLICE', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'PROSECUTOR', 'LPSK'],
      recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'INVESTIGATION', 'PROSECUTION', 'PSYCHOSOCIAL_SUPPORT', 'WITNESS_PROTECTION'],
      dataCategories: ['CASE_FACTS', 'IDENTITY', 'CONTACT'],
    });
    const referral = (await post(police, 'referrals', { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: new Date(Date.now() + DAY_MS).toISOString() })).resourceId!;
    await post(uptd, `referrals/${referral}/acceptance`, {});

    // Police: the investigation with its SPDP clock, and the victim as a witness they may contact.
    let revision = (await post(police, 'investigation', { warrantNumber: 'Sprin.Sidik/31/II/2026/Reskrim' })).revision;
    const forPolice = await worklist(police, 'police', revision);
    expect(forPolice.item).toMatchObject({
      investigation: { policeUnitId: 'polres-nunukan', stage: 'investigating', spdp: { status: 'RUNNING', breached: false, daysLeft: 6, rule: expect.stringMatching(/Law 20\/2025/) } },
      witnesses: [{ subjectRef: victim, role: 'VICTIM', isChild: false, contactConsented: true }],
    });
    assertShape('police', forPolice.item);
    expect(JSON.stringify(forPolice.body)).not.toMatch(/Rina|5310014104900002/);
    // Not a police unit: no police list. Another police unit: not its case.
    expect((await api.http.get('/worklists/police').set(uptd).expect(403)).body.code).toBe('AGENCY_NOT_PERMITTED');
    expect((await api.http.get('/worklists/police').set(policeKupang).expect(200)).body.items.some((x: { caseId: string }) => x.caseId === caseId)).toBe(false);

    // Care: the UPTD leads nothing yet but asks social services for psychosocial support.
    const service = (await post(uptd, 'service-requests', { subjectRef: victim, kind: 'PSYCHOSOCIAL', providerUnitId: 'dinsos-nunukan' })).resourceId!;
    revision = (await post(uptd, 'shelter-placements', { subjectRef: victim, shelterKind: 'UPTD_PPA_SHELTER' })).revision;
    const forUptd = await worklist(uptd, 'care', revision);
    expect(forUptd.item).toMatchObject({
      victims: [{ subjectRef: victim, isChild: false, ageBand: '35-44' }],
      consentsInForce: [{ subjectRef: victim, dataCategories: ['CASE_FACTS', 'IDENTITY', 'CONTACT'] }],
      services: [{ serviceRequestId: service, providerUnitId: 'dinsos-nunukan', clock: { status: 'RUNNING', daysLeft: 4, rule: expect.stringMatching(/5 days by configuration; the law says 7/) } }],
      placements: [{ subjectRef: victim, shelterKind: 'UPTD_PPA_SHELTER' }],
    });
    assertShape('care', forUptd.item);
    const due = (await api.http.get('/worklists/care/services-due').set(dinsos).expect(200)).body.items;
    expect(due).toEqual([expect.objectContaining({ caseId, serviceRequestId: service, clock: expect.objectContaining({ status: 'RUNNING', breached: false }) })]);
    expect((await api.http.get('/worklists/care').set(rsud)).status).toBe(403);

    // Prosecution: SPDP, then the case file; restitution is not in any demand yet.
    await post(police, 'investigation/notice', { noticeNumber: 'SPDP/31/II/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan', victimNotified: true });
    revision = (await post(police, 'case-file', { caseFileNumber: 'BP/31/III/2026/Reskrim', prosecutorUnitId: 'kejari-nunukan' })).revision;
    const forKejari = await worklist(kejari, 'prosecution', revision);
    expect(forKejari.item).toMatchObject({
      caseFile: { caseFileNumber: 'BP/31/III/2026/Reskrim', policeUnitId: 'polres-nunukan', stage: 'file_under_review', returns: 0, review: { status: 'RUNNING', daysLeft: 13 } },
      restitution: { assessments: [], assessedTotal: 0, missingFromDemand: true },
    });
    assertShape('prosecution', forKejari.item);
    expect((await worklist(police, 'police', revision)).item).toMatchObject({ investigation: { spdp: { status: 'STOPPED', breached: false } }, caseFile: { review: { status: 'RUNNING' } } });

    // LPSK: a protection request, then its restitution assessment, which the prosecutor sees too.
    await post(uptd, 'lpsk-requests', { subjectRef: victim, toUnitId: 'lpsk-ri', measures: ['SAFE_HOUSE'] });
    revision = (await post(lpsk, 'restitution/assessments', { subjectRef: victim, amount: 30_000_000 })).revision;
    const forLpsk = await worklist(lpsk, 'lpsk', revision);
    expect(forLpsk.item).toMatchObject({
      protectionRequests: [{ subjectRef: victim, fromUnitId: 'uptd-ppa-nunukan', measures: ['SAFE_HOUSE'] }],
      restitution: { assessedTotal: 30_000_000, missingFromDemand: true },
    });
    assertShape('lpsk', forLpsk.item);
    expect((await worklist(kejari, 'prosecution', revision)).item).toMatchObject({ restitution: { assessedTotal: 30_000_000, missingFromDemand: true } });
  });

  it('shows a clock as breached once its due date passes without the stopping event', async () => {
    const clock = api.app.get<Clock>(CLOCK);
    const later = new Date(Date.now() + 20 * DAY_MS);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(later);
    try {
      const due = (await api.http.get('/worklists/care/services-due').set(dinsos).expect(200)).body.items;
      expect(due).toEqual([expect.objectContaining({ caseId, clock: expect.objectContaining({ status: 'RUNNING', breached: true, daysLeft: -16 }) })]);
      const review = (await api.http.get('/worklists/prosecution').set(kejari).expect(200)).body.items.find((x: { caseId: string }) => x.caseId === caseId);
      expect(review.caseFile.review).toMatchObject({ status: 'RUNNING', breached: true, daysLeft: -7 });
    } finally {
      spy.mockRestore();
    }
  });

  it('documents every field the disclosure table lists, and no other', () => {
    const schemas = openapi.components.schemas;
    const items: Record<ViewName, string> = { police: 'PoliceItem', care: 'CareItem', prosecution: 'ProsecutionItem', lpsk: 'LpskItem' };
    for (const [view, schema] of Object.entries(items) as [ViewName, string][]) {
      expect([view, Object.keys(schemas[schema]?.properties ?? {}).sort()]).toEqual([view, [...VIEW_DISCLOSURE[view].fields].sort()]);
    }
  });

  it('checks its queries', async () => {
    expect((await api.http.get('/worklists/police?stage=asleep').set(police)).status).toBe(400);
    expect((await api.http.get('/worklists/care?limit=101').set(uptd)).status).toBe(400);
    expect((await api.http.get('/worklists/lpsk?unit=lpsk-ri').set(lpsk)).status).toBe(400);
    expect((await api.http.get('/worklists/police?stage=investigating&limit=1').set(police).expect(200)).body).toMatchObject({ limit: 1, offset: 0 });
    await api.http.get('/worklists/police').expect(401);
  });
});
