import Database from 'better-sqlite3';
import { type ApiHarness, startApi } from './support/api-harness';

type Auth = { Authorization: string };
const OPEN_CASE = { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('read models over HTTP, built by the in-process projector: inbox and clocks', () => {
  let api: ApiHarness;
  let police: Auth;
  let uptd: Auth;
  beforeAll(async () => {
    api = await startApi();
    police = await api.as('polres-nunukan');
    uptd = await api.as('uptd-ppa-nunukan');
  });
  afterAll(async () => api.close());

  /** The read side is eventually consistent: wait (bounded) until the projector has caught up. */
  const inboxOf = async (as: Auth, query: string, until: (items: { itemId: string }[]) => boolean) => {
    for (let i = 0; ; i += 1) {
      const items = (await api.http.get(`/inbox${query}`).set(as).expect(200)).body.items as { itemId: string; status: string; kind: string; ageDays: number }[];
      if (until(items) || i === 100) return items;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('shows a referral to the addressed unit until it answers, and to nobody else', async () => {
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    const referral = (await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: inDays(1) }).expect(201)).body.resourceId as string;
    const waiting = await inboxOf(uptd, '', (items) => items.some((i) => i.itemId === `${caseId}/${referral}`));
    expect(waiting).toEqual([expect.objectContaining({ itemId: `${caseId}/${referral}`, kind: 'REFERRAL', status: 'AWAITING_ANSWER', fromUnitId: 'polres-nunukan', ageDays: 0 })]);
    expect((await api.http.get('/inbox').set(police).expect(200)).body.items).toEqual([]);

    await api.http.post(`/cases/${caseId}/referrals/${referral}/acceptance`).set(uptd).send({}).expect(200);
    expect(await inboxOf(uptd, '', (items) => items.length === 0)).toEqual([]);
    expect(await inboxOf(uptd, '?status=ACCEPTED', (items) => items.length === 1)).toEqual([expect.objectContaining({ status: 'ACCEPTED' })]);
  });

  it('checks its query: page size, status and unknown parameters', async () => {
    expect((await api.http.get('/inbox?limit=1000').set(uptd)).status).toBe(400);
    expect((await api.http.get('/inbox?status=LOST').set(uptd)).status).toBe(400);
    expect((await api.http.get('/inbox?unit=polres-nunukan').set(uptd)).status).toBe(400);
    expect((await api.http.get('/inbox?limit=2&offset=0&kind=LEAD_HANDOFF').set(uptd)).body).toEqual({ items: [], limit: 2, offset: 0 });
  });

  it('shows the SPDP clock to the police unit that must stop it, and a case’s clocks to its participants only', async () => {
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    await api.http.post(`/cases/${caseId}/investigation`).set(police).send({ warrantNumber: 'Sprin.Sidik/20/II/2026' }).expect(200);
    let mine: { caseId: string; kind: string; daysLeft: number; overdue: boolean; legalBasis: string }[] = [];
    for (let i = 0; i < 100 && !mine.some((k) => k.caseId === caseId); i += 1) {
      mine = (await api.http.get('/clocks?kind=SPDP').set(police).expect(200)).body.items;
      if (!mine.some((k) => k.caseId === caseId)) await new Promise((r) => setTimeout(r, 20));
    }
    expect(mine.find((k) => k.caseId === caseId)).toMatchObject({ kind: 'SPDP', status: 'RUNNING', responsibleUnitId: 'polres-nunukan', daysLeft: 6, overdue: false, legalBasis: expect.stringMatching(/Law 20\/2025/) });
    expect((await api.http.get('/clocks?overdue=true').set(police).expect(200)).body.items).toEqual([]);
    expect((await api.http.get(`/cases/${caseId}/clocks`).set(police).expect(200)).body.items).toEqual([expect.objectContaining({ clockId: `${caseId}/SPDP` })]);
    await api.http.get(`/cases/${caseId}/clocks`).set(uptd).expect(404);
    expect((await api.http.get('/clocks?overdue=maybe').set(police)).status).toBe(400);
  });

  it('the ministry timeline names the first tampered revision (SECURITY S15)', async () => {
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    await api.http.post(`/cases/${caseId}/investigation`).set(police).send({ warrantNumber: 'Sprin.Sidik/21/II/2026' }).expect(200);
    await api.http.post(`/cases/${caseId}/police-report`).set(police).send({ reportNumber: 'LP/B/21/2026', reportKind: 'MODEL_A', reportedOn: '2026-02-09' }).expect(200);
    const ministry = await api.as('kemenpppa');
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(ministry).expect(200)).body.chain).toMatchObject({ valid: true, events: 3 });
    // Someone with file access rewrites the warrant number of revision 1.
    const db = new Database(api.config.eventStore.file);
    db.prepare("UPDATE events SET data = json_set(data, '$.warrantNumber', 'forged') WHERE stream_id = ? AND revision = 1").run(`case-${caseId}`);
    db.close();
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(ministry).expect(200)).body.chain).toEqual({ valid: false, firstBadRevision: 1, reason: 'HASH_MISMATCH' });
  });
});
