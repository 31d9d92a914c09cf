import { type ApiHarness, startApi } from './support/api-harness';

describe('the HTTP edge: health, documentation, errors', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api.close());

  it('answers liveness and readiness without a token', async () => {
    await api.http.get('/health').expect(200, { status: 'ok' });
    await api.http.get('/health/ready').expect(200, { status: 'ready' });
  });

  it('serves the OpenAPI document with the bearer scheme', async () => {
    const res = await api.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('answers an unknown route with problem+json and a request id', async () => {
    const res = await api.http.get('/nowhere').set('X-Request-Id', 'req-123').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
