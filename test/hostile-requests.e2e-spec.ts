import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import Database from 'better-sqlite3';
import { SignJWT, UnsecuredJWT } from 'jose';
import { type ApiHarness, startApi } from './support/api-harness';
import { eventually } from './support/eventually';

/**
 * Token checks, unknown fields, abuse limits and issue 7 over real HTTP: forged and broken tokens
 * are all 401 with nothing that helps an attacker; hostile bodies are clear 4xx answers that append
 * nothing; the log stays one JSON object per line whatever the logged path and Host header hold.
 */
describe('hostile requests', () => {
  let api: ApiHarness;
  let secret: Uint8Array;
  let police: { Authorization: string };
  let caseId: string;
  const logLines: string[] = [];
  const OPEN_CASE = { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] };

  const eventCount = () => {
    const db = new Database((api.config.eventStore as { file: string }).file, { readonly: true });
    const n = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    return n;
  };

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    // Capture the structured log (pino writes JSON lines to stdout).
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logLines.push(...String(chunk).split('\n').filter((l) => l.length > 0));
      return (write as (...a: unknown[]) => boolean)(typeof chunk === 'string' && chunk.startsWith('{') ? '' : chunk, ...rest);
    }) as typeof process.stdout.write;
    api = await startApi({ LOG_LEVEL: 'info' });
    secret = loadOrCreateLocalSecret(api.config.dataDir);
    police = await api.as('polres-nunukan');
    caseId = (await api.http.post('/cases').set(police).send(OPEN_CASE).expect(201)).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  const claims = { unit: 'polres-nunukan', roles: [] as string[] };
  const signed = (alter: (jwt: SignJWT) => SignJWT, key: Uint8Array = secret, body: Record<string, unknown> = claims, header: { alg: string; [k: string]: unknown } = { alg: 'HS256' }) =>
    alter(new SignJWT(body).setProtectedHeader(header).setIssuer(api.config.auth.issuer).setAudience(api.config.auth.audience).setSubject('officer-1').setIssuedAt().setExpirationTime('10m')).sign(key);

  it('accepts the well-formed token the variants below are built from (so each 401 has one cause)', async () => {
    const res = await api.http.post('/cases').set('Authorization', `Bearer ${await signed((j) => j)}`).send(OPEN_CASE);
    expect(res.status).toBe(201);
  });

  it.each<[string, () => Promise<string>]>([
    ['alg none', async () => new UnsecuredJWT(claims).setIssuer(api.config.auth.issuer).setAudience(api.config.auth.audience).setSubject('officer-1').setExpirationTime('10m').encode()],
    ['a wrong audience', () => signed((j) => j.setAudience('someone-else'))],
    ['a wrong issuer', () => signed((j) => j.setIssuer('https://evil.example'))],
    ['an expired token', () => signed((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600))],
    ['a token not yet valid', () => signed((j) => j.setNotBefore(Math.floor(Date.now() / 1000) + 3600))],
    ['another secret', () => signed((j) => j, new TextEncoder().encode('x'.repeat(64)))],
    ['an unknown kid and a jku pointing elsewhere', () => signed((j) => j, secret, claims, { alg: 'HS256', kid: 'evil', jku: 'https://evil.example/jwks.json' })],
    ['an x5u header', () => signed((j) => j, secret, claims, { alg: 'HS256', x5u: 'https://evil.example/cert.pem' })],
    ['a unit not in the registry', () => signed((j) => j, secret, { ...claims, unit: 'polres-atlantis' })],
    ['a truncated token', async () => (await mintLocalToken({ secret, issuer: api.config.auth.issuer, audience: api.config.auth.audience, unit: 'polres-nunukan', user: 'u', ttlSeconds: 60 })).slice(0, -12)],
    ['garbage', async () => 'not.a.jwt'],
  ])('401 for %s, with nothing that helps an attacker', async (_name, token) => {
    const before = eventCount();
    const res = await api.http.post('/cases').set('Authorization', `Bearer ${await token()}`).send(OPEN_CASE);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toEqual({ type: expect.any(String), title: 'Unauthorized', status: 401, code: 'UNAUTHENTICATED', detail: expect.any(String), instance: expect.any(String) });
    // The same answer whatever was wrong: no claim names, no reasons, no library messages.
    expect(res.body.detail).not.toMatch(/aud|iss|exp|nbf|kid|jku|x5u|alg|signature|registry|atlantis|jose|JWS/i);
    expect(eventCount()).toBe(before);
  });

  it.each<[string, string, number, RegExp]>([
    ['prototype pollution through __proto__', '{"regionCode":"65.03","source":"REPORT","exploitationTypes":[],"modusCodes":[],"__proto__":{"admin":true}}', 400, /.*/],
    ['prototype pollution through constructor', '{"regionCode":"65.03","source":"REPORT","exploitationTypes":[],"modusCodes":[],"constructor":{"prototype":{"admin":true}}}', 400, /.*/],
    ['an unknown field (mass assignment)', '{"regionCode":"65.03","source":"REPORT","exploitationTypes":[],"modusCodes":[],"leadUnitId":"bareskrim"}', 400, /leadUnitId/],
    ['deep nesting', `{"regionCode":"65.03","source":"REPORT","exploitationTypes":[],"modusCodes":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400, /BODY_TOO_DEEP/],
    ['a huge array', `{"regionCode":"65.03","source":"REPORT","exploitationTypes":[${'"FORCED_LABOUR",'.repeat(3000)}"FORCED_LABOUR"],"modusCodes":[]}`, 400, /.*/],
    ['an invalid region code', '{"regionCode":"65.03; DROP TABLE events","source":"REPORT","exploitationTypes":[],"modusCodes":[]}', 400, /regionCode/],
    ['a number where text belongs', '{"regionCode":6503,"source":"REPORT","exploitationTypes":[],"modusCodes":[]}', 400, /regionCode/],
  ])('a clear 4xx and nothing appended for %s', async (_name, body, status, mentions) => {
    const before = eventCount();
    const res = await api.http.post('/cases').set(police).set('content-type', 'application/json').send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).toMatch(mentions);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|SQLITE|stream|case-/);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
    expect(eventCount()).toBe(before);
  });

  it('rejects an invalid date and a huge text field with 400', async () => {
    const before = eventCount();
    const victim = { identity: { fullName: 'Dewi' }, sex: 'FEMALE', nationality: 'ID', birthDate: '2010-02-30' };
    expect((await api.http.post(`/cases/${caseId}/victims`).set(police).send(victim)).status).toBe(400);
    const reason = 'x'.repeat(100_000);
    expect([400, 413]).toContain((await api.http.post(`/cases/${caseId}/closure`).set(police).send({ outcome: 'REINTEGRATED', reason })).status);
    expect(eventCount()).toBe(before);
  });

  /** One request written byte for byte: supertest and fetch would refuse or escape what a hostile client sends. */
  const rawRequest = (port: number, text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from(text, 'latin1')));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('keeps every log line one JSON object when the logged path and Host header carry quotes, backslashes and tabs', async () => {
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(await api.app.getUrl());
    // Both are written into the request's log lines. Node's HTTP parser lets these characters through
    // (line breaks and other control characters it refuses itself, before anything is logged).
    const path = `/cases/lost"},"level":60,"msg":"admin-login-ok","x":{"y":"\\?note="\\"}{`;
    const host = `evil","level":60,"msg":"admin login ok\t\\\u00e9`;
    const requestId = `probe-${randomUUID()}`;
    const from = logLines.length;
    const answer = await rawRequest(Number(port), [`GET ${path} HTTP/1.1`, `Host: ${host}`, `X-Request-Id: ${requestId}`, `Authorization: ${police.Authorization}`, 'Connection: close', '', ''].join('\r\n'));
    // Answered by the API (its request id), not refused by Node's parser before anything is logged.
    expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 4\\d\\d [^]*\\r\\nx-request-id: ${requestId}\\r\\n`));
    const lines = await eventually(() => {
      const since = logLines.slice(from);
      return since.some((line) => line.includes('request completed') && line.includes(requestId)) && since;
    }, { what: "the probe's 'request completed' log line" });

    const unparsable = lines.filter((line) => {
      try {
        const entry: unknown = JSON.parse(line);
        return entry === null || typeof entry !== 'object' || Array.isArray(entry);
      } catch {
        return true;
      }
    });
    expect(unparsable).toEqual([]);
    const entries = lines.map((line) => JSON.parse(line) as { msg?: string; level?: number; reqId?: string; req?: { url?: string; host?: string } });
    expect(entries.filter((e) => /admin.login.ok/.test(e.msg ?? '') || e.level === 60)).toEqual([]);
    // The payload did reach the log, and came back out of it whole.
    const ours = entries.filter((e) => e.reqId === requestId);
    expect(ours.map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
    expect(ours[0]!.req).toMatchObject({ url: path, host });
  });

  it('answers only declared methods: 405 with Allow on a known path, 404 on an unknown one', async () => {
    const before = eventCount();
    for (const [res, allow] of [
      [await api.http.delete(`/cases/${caseId}`).set(police), 'GET, HEAD'],
      [await api.http.put('/cases').set(police).send(OPEN_CASE), 'POST'],
      [await api.http.patch(`/cases/${caseId}/victims`).set(police).send({}), 'POST'],
    ] as const) {
      expect({ status: res.status, code: res.body.code, allow: res.headers['allow'] }).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED', allow });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await api.http.delete('/no-such-thing').set(police)).status).toBe(404);
    expect(eventCount()).toBe(before);
  });

  it.each([['an array', '[]'], ['a string', '"open a case"'], ['a number', '42'], ['null', 'null']])('refuses %s as a command body with 400', async (_name, body) => {
    const before = eventCount();
    const res = await api.http.post(`/cases/${caseId}/handover`).set(police).set('If-Match', '"999"').set('content-type', 'application/json').send(body);
    // Before anything else: not a 412 that would answer the If-Match.
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'BODY_NOT_OBJECT' });
    expect(eventCount()).toBe(before);
  });

  it.each([
    ['occurredAt on opening a case', '/cases', { ...OPEN_CASE, occurredAt: null }, 'occurredAt'],
    ['an optional NIK', 'witnesses', { identity: { fullName: 'Dewi', nik: null } }, 'identity.nik'],
  ])('refuses null for %s: optional means left out, not null (schemathesis found one)', async (_name, path, body, field) => {
    const before = eventCount();
    const url = path.startsWith('/') ? path : `/cases/${caseId}/${path}`;
    const res = await api.http.post(url).set(police).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    expect(eventCount()).toBe(before);
  });

  it('answers every command route without a body with a 4xx, never a 500 (schemathesis found one)', async () => {
    const before = eventCount();
    const doc = (await api.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const posts = Object.entries(doc.paths).filter(([, methods]) => 'post' in methods).map(([path]) => path);
    expect(posts.length).toBeGreaterThan(40);
    for (const path of posts) {
      const res = await api.http.post(path.replace('{caseId}', caseId).replace(/\{[A-Za-z]+\}/g, 'x-1')).set(police).set('If-Match', '"0"');
      expect({ path, status: res.status < 500 && res.status >= 400 }).toEqual({ path, status: true });
    }
    expect(eventCount()).toBe(before);
  });

  it('refuses a malformed command before it answers a stale If-Match (schemathesis found the order)', async () => {
    const res = await api.http.post(`/cases/${caseId}/lead-handoffs`).set(police).set('If-Match', '"999"').send({ toUnitId: 'dinsos-nunukan', reason: 'x', justification: 'no legal basis named' });
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'MALFORMED_COMMAND' });
  });

  it('refuses a correction of a field no event lets a correction change (mass assignment)', async () => {
    const before = eventCount();
    const res = await api.http.post(`/cases/${caseId}/events/x-1/corrections`).set(police).send({ corrected: { leadUnitId: 'bareskrim-dittipid-ppa-ppo' }, reason: 'take over' });
    expect({ status: res.status, code: res.body.code, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, code: 'VALIDATION_FAILED', field: 'corrected' });
    expect(eventCount()).toBe(before);
  });

  it('answers an over-long id in the path with a problem 400, not a bare 414', async () => {
    const res = await api.http.get(`/cases/${'c'.repeat(500)}`).set(police);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
