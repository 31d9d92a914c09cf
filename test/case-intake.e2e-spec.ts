import { randomUUID } from 'node:crypto';
import { type ApiHarness, startApi } from './support/api-harness';

const OPEN_CASE = { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] };
const VICTIM = { identity: { fullName: 'Siti Aminah', nik: '5310014104990001' }, sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.10', birthDate: '2010-04-01' };

describe('intake over HTTP: open a case, register a victim, read the case', () => {
  let api: ApiHarness;
  let police: { Authorization: string };
  let shelter: { Authorization: string };
  beforeAll(async () => {
    api = await startApi();
    police = await api.as('polres-nunukan');
    shelter = await api.as('rptc-tarakan');
  });
  afterAll(async () => api.close());

  const openCase = async () => {
    const res = await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201);
    return res.body.id as string;
  };

  it('opens a case with a minted id, ETag and Location', async () => {
    const res = await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201);
    expect(res.body).toMatchObject({ revision: 0, replayed: false });
    expect(res.body.eventIds).toHaveLength(1);
    expect(res.headers['etag']).toBe('"0"');
    expect(res.headers['location']).toBe(`/cases/${res.body.id}`);
    const view = await api.http.get(`/cases/${res.body.id}`).set(police).expect(200);
    expect(view.body).toMatchObject({ caseId: res.body.id, status: 'open', leadUnitId: 'polres-nunukan', revision: 0 });
    expect(view.headers['etag']).toBe('"0"');
  });

  it('registers a minor victim without ever returning the identity', async () => {
    const caseId = await openCase();
    const res = await api.http.post(`/cases/${caseId}/victims`).set(police).send(VICTIM).expect(201);
    const view = await api.http.get(`/cases/${caseId}`).set(police).expect(200);
    expect(view.body.victims).toEqual([{ subjectRef: res.body.resourceId, isChild: true, guardianRefs: [] }]);
    expect(JSON.stringify(view.body)).not.toContain('Siti');
  });

  it('hides a case from a unit outside it: the same 404 as for a case that does not exist', async () => {
    const caseId = await openCase();
    const outside = await api.http.get(`/cases/${caseId}`).set(shelter).expect(404);
    const missing = await api.http.get(`/cases/no-such-case`).set(shelter).expect(404);
    expect(outside.body).toEqual({ ...missing.body, instance: outside.body.instance });
    await api.http.post(`/cases/${caseId}/victims`).set(shelter).send(VICTIM).expect(404);
  });

  it('replays a retried Idempotency-Key without writing again, and refuses the key for another body', async () => {
    const key = randomUUID();
    const first = await api.http.post('/cases').set(police).set('Idempotency-Key', key).send(OPEN_CASE).expect(201);
    const again = await api.http.post('/cases').set(police).set('Idempotency-Key', key).send(OPEN_CASE).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // Nothing new was written: the case is still at its first event, and a victim registered twice
    // under one key is registered once.
    const caseId = first.body.id as string;
    expect((await api.http.get(`/cases/${caseId}`).set(police)).body.revision).toBe(0);
    const victimKey = randomUUID();
    await api.http.post(`/cases/${caseId}/victims`).set(police).set('Idempotency-Key', victimKey).send(VICTIM).expect(201);
    await api.http.post(`/cases/${caseId}/victims`).set(police).set('Idempotency-Key', victimKey).send(VICTIM).expect(201);
    expect((await api.http.get(`/cases/${caseId}`).set(police)).body).toMatchObject({ revision: 1, victims: [expect.anything()] });
    const other = await api.http.post('/cases').set(police).set('Idempotency-Key', key).send({ ...OPEN_CASE, regionCode: '65' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('honours If-Match: a stale revision is 412 and writes nothing', async () => {
    const caseId = await openCase();
    await api.http.post(`/cases/${caseId}/victims`).set(police).set('If-Match', '"0"').send(VICTIM).expect(201);
    const stale = await api.http.post(`/cases/${caseId}/victims`).set(police).set('If-Match', '"0"').send(VICTIM).expect(412);
    expect(stale.body.code).toBe('STALE_REVISION');
    expect((await api.http.get(`/cases/${caseId}`).set(police)).body.revision).toBe(1);
  });

  it('rejects an unknown field with a field-level 400 and writes nothing', async () => {
    const caseId = await openCase();
    const res = await api.http.post(`/cases/${caseId}/victims`).set(police).send({ ...VICTIM, leadUnitId: 'x' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'leadUnitId', messages: [expect.stringContaining('should not exist')] }]);
    expect((await api.http.get(`/cases/${caseId}`).set(police)).body.revision).toBe(0);
  });
});
