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
    // Swagger UI still loads under the content security policy: its page and its own assets.
    const ui = await api.http.get('/docs').redirects(1).expect(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    const asset = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(ui.text)?.[1];
    expect(asset).toBeDefined();
    await api.http.get(`/docs/${asset!.replace(/^docs\//, '')}`).expect(200);
  });

  it('documents every operation with an id, the bearer scheme and problem answers, and every $ref resolves', async () => {
    const PUBLIC_PATHS = ['/sign-in', '/transparency/key', '/transparency/checkpoint', '/transparency/checkpoints/{size}', '/transparency/consistency'];
    const doc = (await api.http.get('/docs-json').expect(200)).body;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas[name]).toBeDefined();
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; security?: unknown; responses: Record<string, unknown> }>>)
      // Health, the sign-in options, the local sign-in (local mode only) and the transparency log's
      // key, checkpoints and consistency proofs are the routes without a token.
      .filter(([path]) => !path.startsWith('/health') && !path.startsWith('/local-auth') && !PUBLIC_PATHS.includes(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(5);
    for (const { route, op } of operations) {
      expect({ route, operationId: typeof op.operationId, secured: op.security !== undefined, has401: '401' in op.responses }).toEqual({
        route,
        operationId: 'string',
        secured: true,
        has401: true,
      });
    }
  });

  it('sends security headers on every answer, and no-store on case data', async () => {
    const res = await api.http.get('/health').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    const problem = await api.http.get('/cases/nope').expect(401);
    expect(problem.headers['cache-control']).toBe('no-store');
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an unknown route with problem+json and a request id', async () => {
    const res = await api.http.get('/nowhere').set('X-Request-Id', 'req-123').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
