import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from './support/api-harness';
import { eventually } from './support/eventually';
import { OPEN_CASE } from './support/sample-bodies';

type Auth = { Authorization: string };
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * What a whole case run from outside showed: facts recorded late, bursts of commands on one case,
 * and the task force of the victim's home province.
 */
describe('a whole case, as its users run it', () => {
  let api: ApiHarness;
  let police: Auth;
  let uptd: Auth;
  let kemenpppa: Auth;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    police = await api.as('polres-nunukan');
    uptd = await api.as('uptd-ppa-nunukan');
    kemenpppa = await api.as('kemenpppa');
  });
  afterAll(async () => api.close());

  const post = async (as: Auth, path: string, body: object, status = 200) => {
    const res = await api.http.post(path).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; revision: number; resourceId?: string; eventIds: string[] };
  };
  const openCase = async (as: Auth, occurredAt?: string, body: object = OPEN_CASE) => (await post(as, '/cases', { ...body, ...(occurredAt ? { occurredAt } : {}) }, 201)).id;
  type Clock = { kind: string; status: string; stoppedAt: string; dueAt: string; startLateEntry?: object };
  const spdpClock = async (caseId: string, as: Auth): Promise<Clock> => {
    // The read side is eventually consistent: wait (bounded) for the projector.
    return eventually(
      async () => {
        const found = ((await api.http.get(`/cases/${caseId}/clocks`).set(as).expect(200)).body.items as Clock[]).find((k) => k.kind === 'SPDP');
        if (found?.status !== 'STOPPED') throw new Error(`the SPDP clock is ${found ? found.status : 'not there'}`);
        return found;
      },
      { what: `the SPDP clock of ${caseId} to stop` },
    );
  };

  describe('facts recorded late', () => {
    it('a late SPDP sent within the deadline: the clock is met, and the entry is marked late', async () => {
      const caseId = await openCase(police, daysAgo(10));
      await post(police, `/cases/${caseId}/investigation`, { warrantNumber: 'Sprin.Sidik/9/2026', occurredAt: daysAgo(9) });
      // Sent on paper 6 days after the investigation opened (due after 7), recorded 3 days later.
      await post(police, `/cases/${caseId}/investigation/notice`, { noticeNumber: 'SPDP/9/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true, occurredAt: daysAgo(3) });

      const spdp = await spdpClock(caseId, police);
      expect(spdp).toMatchObject({ status: 'STOPPED', outcome: 'MET', breaches: 0, stopLateEntry: { daysLater: 3 } });
      expect(Math.abs(Date.parse(spdp.stoppedAt) - Date.parse(daysAgo(3)))).toBeLessThan(60_000);
      expect(Date.parse(spdp.stoppedAt)).toBeLessThan(Date.parse(spdp.dueAt));
      expect(spdp.startLateEntry).toMatchObject({ daysLater: 9 });

      const timeline = (await api.http.get(`/cases/${caseId}/timeline`).set(kemenpppa).expect(200)).body;
      const notice = timeline.entries.find((e: { type: string }) => e.type === 'InvestigationNoticeSent');
      expect(notice).toMatchObject({ lateEntry: { daysLater: 3, recordedAt: notice.recordedAt } });
      expect(Date.parse(notice.recordedAt) - Date.parse(notice.occurredAt)).toBeGreaterThan(3 * DAY - 60_000);
      // Nothing rewrites the order of the log: entries stay in the order they were recorded.
      const recorded = timeline.entries.map((e: { recordedAt: string }) => e.recordedAt);
      expect([...recorded].sort()).toEqual(recorded);
      expect(timeline.entries.map((e: { revision: number }) => e.revision)).toEqual(timeline.entries.map((_: unknown, i: number) => i));
      expect(timeline.chain).toMatchObject({ valid: true });
      expect(timeline.clocks.find((k: { kind: string }) => k.kind === 'SPDP')).toMatchObject({ outcome: 'MET', stopLateEntry: { daysLater: 3 } });
      expect(timeline.entries.find((e: { type: string }) => e.type === 'CaseOpened').lateEntry).toMatchObject({ daysLater: 10 });
    });

    it('refuses a time in the future, before the case opened, or too far back, each with its own code', async () => {
      const caseId = await openCase(police, daysAgo(5));
      const refused = async (occurredAt: string) => {
        const res = await api.http.post(`/cases/${caseId}/witnesses`).set(police).send({ identity: { fullName: 'Dewi' }, occurredAt });
        return [res.status, res.body.code];
      };
      expect(await refused(new Date(Date.now() + 3_600_000).toISOString())).toEqual([409, 'OCCURRED_AT_IN_FUTURE']);
      expect(await refused(daysAgo(6))).toEqual([409, 'OCCURRED_AT_BEFORE_CASE_OPENED']);
      const tooOld = await api.http.post('/cases').set(police).send({ ...OPEN_CASE, occurredAt: daysAgo(31) });
      expect([tooOld.status, tooOld.body.code]).toEqual([409, 'OCCURRED_AT_TOO_FAR_BACK']);
      const malformed = await api.http.post(`/cases/${caseId}/witnesses`).set(police).send({ identity: { fullName: 'Dewi' }, occurredAt: 'yesterday' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
    });

    it('a breach built from past dates shows as a breach, to the ministry too', async () => {
      const caseId = await openCase(police, daysAgo(25));
      await post(police, `/cases/${caseId}/investigation`, { warrantNumber: 'Sprin.Sidik/10/2026', occurredAt: daysAgo(20) });
      await post(police, `/cases/${caseId}/investigation/notice`, { noticeNumber: 'SPDP/10/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true, occurredAt: daysAgo(5) });
      expect(await spdpClock(caseId, police)).toMatchObject({ outcome: 'LATE', breaches: 1 });
      const timeline = (await api.http.get(`/cases/${caseId}/timeline`).set(kemenpppa).expect(200)).body;
      expect(timeline.clocks.find((k: { kind: string }) => k.kind === 'SPDP')).toMatchObject({ outcome: 'LATE', breaches: 1, stopLateEntry: { daysLater: 5 } });
    });
  });

  describe('a burst of commands on one case', () => {
    it('50 different commands sent at once all apply, without a 409', async () => {
      const caseId = await openCase(police);
      const before = (await api.http.get(`/cases/${caseId}`).set(police).expect(200)).headers['etag'];
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => api.http.post(`/cases/${caseId}/witnesses`).set(police).set('Idempotency-Key', randomUUID()).send({ identity: { fullName: `Saksi ${i}` } })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
      const after = (await api.http.get(`/cases/${caseId}`).set(police).expect(200)).headers['etag'];
      expect(Number(JSON.parse(String(after)))).toBe(Number(JSON.parse(String(before))) + 50);
      // Each answer names the revision its own command produced: 50 different ones.
      expect(new Set(answers.map((a) => a.body.revision)).size).toBe(50);
    });

    it('50 acceptances of the same referral sent at once give exactly one ReferralAccepted', async () => {
      const caseId = await openCase(police);
      await post(police, `/cases/${caseId}/victims`, { identity: { fullName: 'Rina' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1998-07-12' }, 201);
      const referral = (
        await post(police, `/cases/${caseId}/referrals`, { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: new Date(Date.now() + DAY).toISOString(), legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Emergency' }, 201)
      ).resourceId!;
      const answers = await Promise.all(Array.from({ length: 50 }, () => api.http.post(`/cases/${caseId}/referrals/${referral}/acceptance`).set(uptd).send({})));
      const written = answers.flatMap((a) => (a.status === 200 ? a.body.eventIds : []));
      expect(written).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'REFERRAL_NOT_PENDING')).toBe(true);
      expect(answers.some((a) => a.body.code === 'CONCURRENCY_CONFLICT')).toBe(false);
      const timeline = (await api.http.get(`/cases/${caseId}/timeline`).set(kemenpppa).expect(200)).body;
      expect(timeline.entries.filter((e: { type: string }) => e.type === 'ReferralAccepted')).toHaveLength(1);
    });
  });

  describe("the task force of the victim's home province", () => {
    let caseId: string;
    beforeAll(async () => {
      // A 16-year-old from Kupang, found in Nunukan; the UPTD PPA of Kota Kupang takes over the lead.
      caseId = await openCase(police, undefined, { ...OPEN_CASE, source: 'ARRIVAL' });
      await post(police, `/cases/${caseId}/victims`, { identity: { fullName: 'Maria Ndun' }, sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.71', birthDate: '2010-03-02' }, 201);
      const kupang = await api.as('uptd-ppa-kota-kupang');
      const handoff = (
        await post(police, `/cases/${caseId}/lead-handoffs`, { toUnitId: 'uptd-ppa-kota-kupang', reason: 'She goes home to Kupang', legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Unaccompanied child' }, 201)
      ).resourceId!;
      await post(kupang, `/cases/${caseId}/lead-handoffs/${handoff}/acceptance`, {});
    });

    const timelineAs = async (unitId: string) => api.http.get(`/cases/${caseId}/timeline`).set(await api.as(unitId));

    it('is seen by the task force of the place and by that of her home, each saying why', async () => {
      expect((await timelineAs('gugus-tugas-kaltara')).body.jurisdiction).toEqual({ regionCode: '65', grounds: ['CASE_REGION'] });
      expect((await timelineAs('gugus-tugas-nunukan')).body.jurisdiction).toEqual({ regionCode: '65.03', grounds: ['CASE_REGION'] });
      expect((await timelineAs('gugus-tugas-ntt')).body.jurisdiction).toEqual({ regionCode: '53', grounds: ['LEAD_UNIT_REGION', 'VICTIM_ORIGIN'] });
      expect((await timelineAs('kemenpppa')).body.jurisdiction).toEqual({ regionCode: '00', grounds: ['NATIONAL'] });
      const log = await api.http.get(`/cases/${caseId}/access-log`).set(await api.as('gugus-tugas-ntt')).expect(200);
      expect(log.body.jurisdiction.grounds).toEqual(['LEAD_UNIT_REGION', 'VICTIM_ORIGIN']);
    });

    it('is not seen by the task force of another NTT regency, nor by that of another province', async () => {
      for (const unit of ['gugus-tugas-sumba-barat', 'gugus-tugas-jatim']) {
        const res = await timelineAs(unit);
        expect([unit, res.status, res.body.code]).toEqual([unit, 404, 'NOT_FOUND']);
        expect((await api.http.get(`/cases/${caseId}/access-log`).set(await api.as(unit))).status).toBe(404);
      }
    });

    it("counts her in the statistics under the place of the case, and under NTT by origin, with the same suppression", async () => {
      const table = async (unitId: string, query: string) =>
        (await api.http.get(`/statistics/cases?${query}`).set(await api.as(unitId)).expect(200)).body.cells as { group: Record<string, string>; people: number | null; suppressed: boolean }[];
      await eventually(
        async () => expect(await table('gugus-tugas-ntt', 'groupBy=province&place=origin')).toEqual([{ group: { province: '53' }, people: null, suppressed: true }]),
        { what: 'her in NTT’s statistics by origin' },
      );
      // By the place of the case, NTT has none of her: she was found in Kalimantan Utara.
      expect(await table('gugus-tugas-ntt', 'groupBy=province')).toEqual([]);
      const national = await table('kemenpppa', 'groupBy=province&place=origin');
      expect(national).toContainEqual({ group: { province: '53' }, people: null, suppressed: true });
      expect(national.every((c) => c.people === null || c.people >= 11)).toBe(true);
      expect(await table('gugus-tugas-jatim', 'groupBy=province&place=origin')).toEqual([]);
    });
  });
});
