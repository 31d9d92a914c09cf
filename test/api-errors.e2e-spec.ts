import { type ApiHarness, startApi } from './support/api-harness';

const OPEN_CASE = { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] };

const expectProblem = (res: { headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:tppo:problem:/) });
  expect(JSON.stringify(res.body)).not.toMatch(/stack|SELECT|INSERT|case-[0-9a-f]{8}|at .*\.ts/);
};

describe('every error is problem+json with a stable code and nothing internal', () => {
  let api: ApiHarness;
  let police: { Authorization: string };
  beforeAll(async () => {
    api = await startApi({ BODY_LIMIT_BYTES: '2048', RATE_LIMIT_PER_MINUTE: '40', RATE_LIMIT_REPORTS_PER_MINUTE: '3' });
    police = await api.as('polres-nunukan');
  });
  afterAll(async () => api.close());

  it('401 without a bearer token, with WWW-Authenticate', async () => {
    const res = await api.http.post('/cases').send(OPEN_CASE).expect(401);
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('403 when the agency type may not issue the command', async () => {
    const res = await api.http.post('/cases').set(await api.as('kejari-nunukan')).send(OPEN_CASE).expect(403);
    expectProblem(res, 403, 'AGENCY_NOT_PERMITTED');
  });

  it('400 for malformed JSON, with no parser internals', async () => {
    const res = await api.http.post('/cases').set(police).set('Content-Type', 'application/json').send('{"regionCode": ').expect(400);
    expectProblem(res, 400, 'INVALID_JSON');
  });

  it('400 with field-level messages for invalid values', async () => {
    const res = await api.http.post('/cases').set(police).send({ ...OPEN_CASE, regionCode: 'Nunukan', source: 'RUMOUR' }).expect(400);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['regionCode', 'source']);
  });

  it('400 for an Idempotency-Key that is not a UUID, and for a malformed If-Match', async () => {
    expectProblem(await api.http.post('/cases').set(police).set('Idempotency-Key', 'again').send(OPEN_CASE).expect(400), 400, 'IDEMPOTENCY_KEY_INVALID');
    const opened = await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201);
    const res = await api.http.post(`/cases/${opened.body.id}/victims/v-1/status`).set(police).set('If-Match', 'three').send({ status: 'POSSIBLE', reason: 'x' });
    expectProblem(res, 400, 'INVALID_IF_MATCH');
  });

  it('400 for a command sent with no body at all, before its revision is looked at', async () => {
    expectProblem(await api.http.post('/cases').set(police).expect(400), 400, 'BODY_REQUIRED');
    const opened = await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201);
    const res = await api.http.post(`/cases/${opened.body.id}/victims/v-1/status`).set(police).set('If-Match', '"0"');
    expectProblem(res, 400, 'BODY_REQUIRED');
  });

  it('409 for a rule the case forbids', async () => {
    const opened = await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201);
    const res = await api.http.post(`/cases/${opened.body.id}/victims/no-such-victim/status`).set(police).send({ status: 'CONFIRMED', reason: 'Deceived' }).expect(409);
    expectProblem(res, 409, 'VICTIM_NOT_REGISTERED');
  });

  it('413 for a body over the limit', async () => {
    const res = await api.http.post('/cases').set(police).send({ ...OPEN_CASE, padding: 'x'.repeat(4096) }).expect(413);
    expectProblem(res, 413, 'BODY_TOO_LARGE');
  });

  it('415 for a body that is not JSON', async () => {
    expectProblem(await api.http.post('/cases').set(police).set('Content-Type', 'text/plain').send('regionCode=65.03').expect(415), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(
      await api.http.post('/cases').set(police).set('Content-Type', 'application/x-www-form-urlencoded').send('regionCode=65.03').expect(415),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('429 with Retry-After once a user exceeds the rate limit; another user of the unit is not affected', async () => {
    const busy = await api.as('uptd-ppa-nunukan', 'busy@uptd');
    let limited;
    for (let i = 0; i < 60 && !limited; i += 1) {
      const res = await api.http.get('/cases/any-case').set(busy);
      if (res.status === 429) limited = res;
    }
    expect(limited).toBeDefined();
    expectProblem(limited!, 429, 'RATE_LIMITED');
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    await api.http.get('/cases/any-case').set(await api.as('uptd-ppa-nunukan', 'colleague@uptd')).expect(404);
  });

  it('limits statistics more strictly than other reads (RATE_LIMIT_REPORTS_PER_MINUTE)', async () => {
    const analyst = await api.as('kemenpppa', 'analyst@kemenpppa');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await api.http.get('/statistics/cases?groupBy=province').set(analyst)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Other reads of the same user are not held back by it.
    await api.http.get('/cases/0f6bd1a4-3f5e-4a57-9f0b-2c1b9d8e7a61/timeline').set(analyst).expect(404);
  });
});
