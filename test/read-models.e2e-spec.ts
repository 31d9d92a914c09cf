import Database from 'better-sqlite3';
import { type ApiHarness, startApi } from './support/api-harness';
import { eventually } from './support/eventually';

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
  const inboxOf = (as: Auth, query: string, until: (items: { itemId: string }[]) => boolean) =>
    eventually(
      async () => {
        const items = (await api.http.get(`/inbox${query}`).set(as).expect(200)).body.items as { itemId: string; status: string; kind: string; ageDays: number }[];
        if (!until(items)) throw new Error(`the inbox holds ${JSON.stringify(items.map((i) => i.itemId))}`);
        return items;
      },
      { what: `the inbox${query} to catch up` },
    );

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
    const mine = await eventually(
      async () => {
        const clocks = (await api.http.get('/clocks?kind=SPDP').set(police).expect(200)).body.items as { caseId: string; kind: string; daysLeft: number; overdue: boolean; legalBasis: string }[];
        if (!clocks.some((k) => k.caseId === caseId)) throw new Error(`no SPDP clock for ${caseId} among ${clocks.length}`);
        return clocks;
      },
      { what: 'the SPDP clock of the new investigation' },
    );
    expect(mine.find((k) => k.caseId === caseId)).toMatchObject({ kind: 'SPDP', status: 'RUNNING', responsibleUnitId: 'polres-nunukan', daysLeft: 6, overdue: false, legalBasis: expect.stringMatching(/Law 20\/2025/) });
    expect((await api.http.get('/clocks?overdue=true').set(police).expect(200)).body.items).toEqual([]);
    expect((await api.http.get(`/cases/${caseId}/clocks`).set(police).expect(200)).body.items).toEqual([expect.objectContaining({ clockId: `${caseId}/SPDP` })]);
    await api.http.get(`/cases/${caseId}/clocks`).set(uptd).expect(404);
    expect((await api.http.get('/clocks?overdue=maybe').set(police)).status).toBe(400);
  });

  it('the ministry timeline names the first tampered revision', async () => {
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    await api.http.post(`/cases/${caseId}/investigation`).set(police).send({ warrantNumber: 'Sprin.Sidik/21/II/2026' }).expect(200);
    await api.http.post(`/cases/${caseId}/police-report`).set(police).send({ reportNumber: 'LP/B/21/2026', reportKind: 'MODEL_A', reportedOn: '2026-02-09' }).expect(200);
    const ministry = await api.as('kemenpppa');
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(ministry).expect(200)).body.chain).toMatchObject({ valid: true, events: 3 });
    // Someone with file access rewrites the warrant number of revision 1.
    const db = new Database((api.config.eventStore as { file: string }).file);
    db.prepare("UPDATE events SET data = json_set(data, '$.warrantNumber', 'forged') WHERE stream_id = ? AND revision = 1").run(`case-${caseId}`);
    db.close();
    expect((await api.http.get(`/cases/${caseId}/timeline`).set(ministry).expect(200)).body.chain).toEqual({ valid: false, firstBadRevision: 1, reason: 'HASH_MISMATCH' });
  });

  it('statistics for the ministry and task forces: people per cell, cells under 11 withheld', async () => {
    const kupang = await api.as('polresta-kupang-kota');
    const victim = { identity: { fullName: 'Anonim' }, sex: 'FEMALE', nationality: 'ID', birthDate: '2000-01-01' };
    const nunukanCase = (await api.http.post('/cases').set(police).send({ ...OPEN_CASE, exploitationTypes: ['FORCED_LABOUR'] }).expect(201)).body.id;
    for (let i = 0; i < 12; i += 1) await api.http.post(`/cases/${nunukanCase}/victims`).set(police).send(victim).expect(201);
    const kupangCase = (await api.http.post('/cases').set(kupang).send({ ...OPEN_CASE, regionCode: '53.71' }).expect(201)).body.id;
    for (let i = 0; i < 3; i += 1) await api.http.post(`/cases/${kupangCase}/victims`).set(kupang).send(victim).expect(201);
    const immigration = await api.as('imigrasi-nunukan');
    const report = (routeKind: string, count: number) => ({
      interceptedOn: '2026-02-07', placeName: 'Tunon Taka', regionCode: '65.03', routeKind, destinationCountry: 'MY',
      counts: [{ sex: 'FEMALE', ageBand: '18-24', count }], agenciesInvolved: ['IMMIGRATION'], linkedCaseIds: [],
    });
    for (const [route, n] of [['SEAPORT', 8], ['SEAPORT', 5], ['AIRPORT', 3]] as const) await api.http.post('/interception-reports').set(immigration).send(report(route, n)).expect(201);

    const ministry = await api.as('kemenpppa');
    const table = (as: Auth, path: string, until: (cells: { group: Record<string, string>; people: number | null }[]) => boolean) =>
      eventually(
        async () => {
          const body = (await api.http.get(path).set(as).expect(200)).body;
          if (!until(body.cells)) throw new Error(`the cells are ${JSON.stringify(body.cells)}`);
          return body;
        },
        { what: `${path} to count every report` },
      );
    const byProvince = await table(ministry, '/statistics/cases?groupBy=province', (cells) => cells.some((c) => c.group.province === '65' && (c.people ?? 0) >= 12) && cells.some((c) => c.group.province === '53'));
    expect(byProvince.minimumCell).toBe(11);
    expect(byProvince.cells).toEqual(expect.arrayContaining([
      { group: { province: '53' }, people: null, suppressed: true },
      expect.objectContaining({ group: { province: '65' }, suppressed: false }),
    ]));
    const kaltara = (await api.http.get('/statistics/cases?groupBy=province').set(await api.as('gugus-tugas-kaltara')).expect(200)).body;
    expect(kaltara.cells.map((c: { group: { province: string } }) => c.group.province)).toEqual(['65']);
    const routes = await table(ministry, '/statistics/interceptions?groupBy=routeKind', (cells) => cells.length === 2);
    expect(routes.cells).toEqual([
      { group: { routeKind: 'AIRPORT' }, people: null, suppressed: true },
      { group: { routeKind: 'SEAPORT' }, people: 13, suppressed: false },
    ]);
    expect((await api.http.get('/statistics/cases').set(police)).status).toBe(403);
    expect((await api.http.get('/statistics/cases?groupBy=name').set(ministry)).status).toBe(400);
  });

  it('streams inbox changes to the addressed unit as server-sent events', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const url = await api.app.getUrl();
    const abort = new AbortController();
    const stream = await fetch(`${url}/inbox/stream`, { headers: uptd, signal: abort.signal });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    const referral = (await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'uptd-ppa-nunukan', purpose: 'SHELTER', urgency: 'ROUTINE', dueBy: inDays(3) }).expect(201)).body.resourceId;
    const reader = stream.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    const reading = (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
    })().catch(() => undefined); // the abort below ends it
    await eventually(() => text.includes(`${caseId}/${referral}`), { what: 'the referral on the inbox stream' });
    abort.abort();
    await reading;
    expect(text).toMatch(/event: inbox-item/);
    const data = text.split('\n').find((line) => line.startsWith('data: ') && line.includes(referral))!;
    expect(JSON.parse(data.slice(6))).toMatchObject({ itemId: `${caseId}/${referral}`, toUnitId: 'uptd-ppa-nunukan', status: 'AWAITING_ANSWER' });
    expect((await fetch(`${url}/inbox/stream`)).status).toBe(401);
  });

  it('my cases: every case a unit takes part in, gone from the list once its referral is withdrawn', async () => {
    const dinsos = await api.as('dinsos-nunukan');
    const caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id as string;
    const referral = (await api.http.post(`/cases/${caseId}/referrals`).set(police).send({ toUnitId: 'dinsos-nunukan', purpose: 'SHELTER', urgency: 'ROUTINE', dueBy: inDays(3) }).expect(201)).body.resourceId;
    const mine = (as: Auth, until: (ids: string[]) => boolean) =>
      eventually(
        async () => {
          const items = (await api.http.get('/my-cases?limit=100').set(as).expect(200)).body.items as { caseId: string }[];
          if (!until(items.map((c) => c.caseId))) throw new Error(`my cases are ${JSON.stringify(items.map((c) => c.caseId))}`);
          return items;
        },
        { what: 'my cases to catch up' },
      );
    const forDinsos = await mine(dinsos, (ids) => ids.includes(caseId));
    expect(forDinsos.find((c) => c.caseId === caseId)).toMatchObject({ status: 'open', leadUnitId: 'polres-nunukan', pendingReferralsTo: ['dinsos-nunukan'], investigationStage: 'none', activeShelterPlacements: 0 });
    const forPolice = (await mine(police, (ids) => ids.includes(caseId))).find((c) => c.caseId === caseId)!;
    expect(forPolice).toHaveProperty('investigationStage');
    expect(forPolice).not.toHaveProperty('activeShelterPlacements');
    expect(forPolice).not.toHaveProperty('state');
    await api.http.post(`/cases/${caseId}/referrals/${referral}/withdrawal`).set(police).send({ reason: 'Placed with family instead' }).expect(200);
    expect((await mine(dinsos, (ids) => !ids.includes(caseId))).map((c) => c.caseId)).not.toContain(caseId);
  });
});
