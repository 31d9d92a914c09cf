import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type FetchImplementation, type JWK } from 'jose';
import { AuthenticationError, type AuthenticationFailureReason } from './authentication-error';
import { mintLocalToken } from './mint-local-token';
import { TokenVerifier, TokenVerifierConfigError, type TokenVerifierConfig } from './token-verifier';
import { UnitRegistry } from './unit-registry';

const registry = UnitRegistry.fromJson({
  units: [
    { id: 'polres-nunukan', name: 'Polres Nunukan', agencyType: 'POLICE', level: 'district', regionCode: '65.03' },
    { id: 'uptd-ppa-nunukan', name: 'UPTD PPA Nunukan', agencyType: 'SERVICE_UNIT', level: 'district', regionCode: '65.03' },
    { id: 'gugus-tugas-kaltara', name: 'Gugus Tugas Kaltara', agencyType: 'TASK_FORCE', level: 'province', regionCode: '65' },
  ],
});

const ISSUER = 'tppo-local';
const AUDIENCE = 'tppo-coordination-api';
const secret = new Uint8Array(32).map((_, i) => i + 1);
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const goodClaims = () => ({ sub: 'siti@polres-nunukan', unit: 'polres-nunukan', roles: ['investigator'], iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 600 });

/** Signs arbitrary claims and header with jose, so each test changes one thing only. */
const sign = (claims: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0] = secret, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
  new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);

const rejection = async (verifier: TokenVerifier, token: string): Promise<AuthenticationFailureReason> => {
  try {
    await verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    // One public message for every reason: nothing that tells an attacker which check failed.
    expect((error as AuthenticationError).message).toBe('invalid or expired token');
    return (error as AuthenticationError).reason;
  }
  throw new Error('expected the token to be rejected');
};

describe('token verification, local mode (HS256)', () => {
  let verifier: TokenVerifier;
  beforeAll(async () => {
    verifier = await TokenVerifier.create({ mode: 'local', secret, issuer: ISSUER, audience: AUDIENCE }, registry);
  });

  it('accepts a good token and takes agency type and region from the registry', async () => {
    await expect(verifier.verify(await sign(goodClaims()))).resolves.toEqual({
      userId: 'siti@polres-nunukan',
      unitId: 'polres-nunukan',
      agencyType: 'POLICE',
      roles: ['investigator'],
      regionCode: '65.03',
    });
  });

  it('accepts a token minted by mintLocalToken (as the CLI does), agency type claim included', async () => {
    const token = await mintLocalToken({ secret, issuer: ISSUER, audience: AUDIENCE, unit: 'uptd-ppa-nunukan', user: 'ana', roles: ['case-manager'], ttlSeconds: 60, agencyType: 'SERVICE_UNIT' });
    await expect(verifier.verify(token)).resolves.toEqual(expect.objectContaining({ unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT', roles: ['case-manager'] }));
  });

  it('accepts a token without roles as having none, and a clock skew within 30 s', async () => {
    const { roles: _, ...claims } = goodClaims();
    await expect(verifier.verify(await sign({ ...claims, exp: now() - 10 }))).resolves.toEqual(expect.objectContaining({ roles: [] }));
  });

  it('rejects a token that expired after it was verified and remembered', async () => {
    const token = await sign({ ...goodClaims(), exp: now() + 5 });
    await expect(verifier.verify(token)).resolves.toEqual(expect.objectContaining({ unitId: 'polres-nunukan' }));
    // Only the clock moves: 31 s past expiry is beyond the 30 s tolerance.
    jest.useFakeTimers({ now: (now() + 5 + 31) * 1000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    try {
      expect(await rejection(verifier, token)).toBe('TOKEN_EXPIRED');
    } finally {
      jest.useRealTimers();
    }
  });

  it.each<[string, () => Promise<string> | string, AuthenticationFailureReason]>([
    ['alg none without a signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodClaims())}.`, 'TOKEN_MALFORMED'],
    ['alg none with a signature part', () => `${b64({ alg: 'none' })}.${b64(goodClaims())}.${b64('x')}`, 'ALGORITHM_NOT_ALLOWED'],
    ['alg NONE in capitals', () => `${b64({ alg: 'NONE' })}.${b64(goodClaims())}.${b64('x')}`, 'ALGORITHM_NOT_ALLOWED'],
    ['HS512 (not on the allow-list)', () => sign(goodClaims(), secret, { alg: 'HS512' }), 'ALGORITHM_NOT_ALLOWED'],
    ['another secret', () => sign(goodClaims(), new Uint8Array(32).fill(7)), 'SIGNATURE_INVALID'],
    ['a payload changed after signing', async () => {
      const [h, , s] = (await sign(goodClaims())).split('.');
      return `${h}.${b64({ ...goodClaims(), unit: 'gugus-tugas-kaltara' })}.${s}`;
    }, 'SIGNATURE_INVALID'],
    ['the wrong audience', () => sign({ ...goodClaims(), aud: 'another-api' }), 'AUDIENCE_MISMATCH'],
    ['the wrong issuer', () => sign({ ...goodClaims(), iss: 'https://evil.example' }), 'ISSUER_MISMATCH'],
    ['an expired token', () => sign({ ...goodClaims(), exp: now() - 120 }), 'TOKEN_EXPIRED'],
    ['a token not yet valid', () => sign({ ...goodClaims(), nbf: now() + 120 }), 'TOKEN_NOT_YET_VALID'],
    ['a token without exp', () => {
      const { exp: _, ...claims } = goodClaims();
      return sign(claims);
    }, 'EXPIRY_MISSING'],
    ['a token without sub', () => {
      const { sub: _, ...claims } = goodClaims();
      return sign(claims);
    }, 'CLAIM_INVALID'],
    ['a jku header', () => sign(goodClaims(), secret, { alg: 'HS256', jku: 'https://evil.example/jwks.json' }), 'FORBIDDEN_HEADER'],
    ['an x5u header', () => sign(goodClaims(), secret, { alg: 'HS256', x5u: 'https://evil.example/cert.pem' }), 'FORBIDDEN_HEADER'],
    ['an embedded jwk header', () => sign(goodClaims(), secret, { alg: 'HS256', jwk: { kty: 'oct', k: b64('x') } }), 'FORBIDDEN_HEADER'],
    ['a typ that is not an access token', () => sign(goodClaims(), secret, { alg: 'HS256', typ: 'logout+jwt' }), 'TOKEN_TYPE_NOT_ALLOWED'],
    ['a unit not in the registry', () => sign({ ...goodClaims(), unit: 'polres-tarakan' }), 'UNKNOWN_UNIT'],
    ['a missing unit claim', () => sign({ ...goodClaims(), unit: undefined }), 'CLAIM_INVALID'],
    ['a unit claim that is not an id', () => sign({ ...goodClaims(), unit: ['polres-nunukan'] }), 'CLAIM_INVALID'],
    ['an agency type claim that disagrees with the registry', () => sign({ ...goodClaims(), agency_type: 'MINISTRY' }), 'AGENCY_TYPE_MISMATCH'],
    ['an agency type claim that is no agency type', () => sign({ ...goodClaims(), agency_type: 'ADMIN' }), 'CLAIM_INVALID'],
    ['roles that are not a list of names', () => sign({ ...goodClaims(), roles: 'admin' }), 'CLAIM_INVALID'],
    ['a role with odd characters', () => sign({ ...goodClaims(), roles: ['admin\n'] }), 'CLAIM_INVALID'],
    ['a truncated token (signature cut)', async () => (await sign(goodClaims())).slice(0, -8), 'SIGNATURE_INVALID'],
    ['a truncated token (two parts)', async () => (await sign(goodClaims())).split('.').slice(0, 2).join('.'), 'TOKEN_MALFORMED'],
    ['an oversized token', () => sign({ ...goodClaims(), padding: 'x'.repeat(9000) }), 'TOKEN_TOO_LONG'],
    ['garbage', () => 'not a token', 'TOKEN_MALFORMED'],
    ['three dots of garbage', () => 'abc.def.ghi', 'TOKEN_MALFORMED'],
    ['a JWE-shaped token', () => 'a.b.c.d.e', 'TOKEN_MALFORMED'],
    ['an empty string', () => '', 'TOKEN_MISSING'],
    ['a payload that is not JSON', () => `${b64({ alg: 'HS256' })}.${b64('not json')}.${b64('sig')}`, 'SIGNATURE_INVALID'],
  ])('rejects %s', async (_, makeToken, reason) => {
    await expect(rejection(verifier, await makeToken())).resolves.toBe(reason);
  });

  it('checks the length before anything else', async () => {
    await expect(rejection(verifier, 'x'.repeat(9000))).resolves.toBe('TOKEN_TOO_LONG');
  });

  it('rejects a non-string token without throwing anything else', async () => {
    await expect(rejection(verifier, undefined as unknown as string)).resolves.toBe('TOKEN_MISSING');
  });

  it('refuses a short secret at start', async () => {
    await expect(TokenVerifier.create({ mode: 'local', secret: new Uint8Array(16), issuer: ISSUER, audience: AUDIENCE }, registry)).rejects.toBeInstanceOf(TokenVerifierConfigError);
  });
});

describe('token verification, key modes (JWKS and public key)', () => {
  const keys = async (alg: 'RS256' | 'ES256', kid: string) => {
    const pair = await generateKeyPair(alg, { extractable: true });
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' };
    return { ...pair, jwk, pem: await exportSPKI(pair.publicKey) };
  };
  let rsa: Awaited<ReturnType<typeof keys>>;
  let ec: Awaited<ReturnType<typeof keys>>;
  let stranger: Awaited<ReturnType<typeof keys>>;
  let jwksVerifier: TokenVerifier;
  let pemVerifier: TokenVerifier;

  beforeAll(async () => {
    [rsa, ec, stranger] = await Promise.all([keys('RS256', 'rsa-2026'), keys('ES256', 'ec-2026'), keys('RS256', 'unknown-kid')]);
    jwksVerifier = await TokenVerifier.create(
      { mode: 'jwks', jwks: { keys: [rsa.jwk, ec.jwk] }, algorithms: ['RS256', 'ES256'], issuer: ISSUER, audience: AUDIENCE },
      registry,
    );
    pemVerifier = await TokenVerifier.create({ mode: 'public-key', publicKeyPem: rsa.pem, algorithms: ['RS256'], kid: 'rsa-2026', issuer: ISSUER, audience: AUDIENCE }, registry);
  });

  it('accepts RS256 and ES256 tokens signed by keys in the JWKS', async () => {
    const byRsa = await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026', typ: 'at+jwt' });
    const byEc = await sign({ ...goodClaims(), unit: 'gugus-tugas-kaltara' }, ec.privateKey, { alg: 'ES256', kid: 'ec-2026' });
    await expect(jwksVerifier.verify(byRsa)).resolves.toEqual(expect.objectContaining({ unitId: 'polres-nunukan', agencyType: 'POLICE' }));
    await expect(jwksVerifier.verify(byEc)).resolves.toEqual(expect.objectContaining({ unitId: 'gugus-tugas-kaltara', agencyType: 'TASK_FORCE', regionCode: '65' }));
  });

  it('accepts RS256 with a public key file, and ES256 with an EC key file', async () => {
    await expect(pemVerifier.verify(await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026' }))).resolves.toEqual(expect.objectContaining({ userId: 'siti@polres-nunukan' }));
    const ecVerifier = await TokenVerifier.create({ mode: 'public-key', publicKeyPem: ec.pem, algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE }, registry);
    await expect(ecVerifier.verify(await sign(goodClaims(), ec.privateKey, { alg: 'ES256' }))).resolves.toEqual(expect.objectContaining({ agencyType: 'POLICE' }));
  });

  it('rejects HS256 signed with the public key (algorithm confusion), in both key modes', async () => {
    const confused = await sign(goodClaims(), new TextEncoder().encode(rsa.pem), { alg: 'HS256', kid: 'rsa-2026' });
    await expect(rejection(pemVerifier, confused)).resolves.toBe('ALGORITHM_NOT_ALLOWED');
    await expect(rejection(jwksVerifier, confused)).resolves.toBe('ALGORITHM_NOT_ALLOWED');
    const confusedJwk = await sign(goodClaims(), new TextEncoder().encode(JSON.stringify(rsa.jwk)), { alg: 'HS256', kid: 'rsa-2026' });
    await expect(rejection(jwksVerifier, confusedJwk)).resolves.toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('rejects alg none in key modes', async () => {
    await expect(rejection(jwksVerifier, `${b64({ alg: 'none', kid: 'rsa-2026' })}.${b64(goodClaims())}.${b64('x')}`)).resolves.toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('rejects an unknown kid, and a known kid with a key that is not the one in the set', async () => {
    await expect(rejection(jwksVerifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256', kid: 'unknown-kid' }))).resolves.toBe('KEY_NOT_FOUND');
    await expect(rejection(pemVerifier, await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'unknown-kid' }))).resolves.toBe('KEY_NOT_FOUND');
    await expect(rejection(jwksVerifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256', kid: 'rsa-2026' }))).resolves.toBe('SIGNATURE_INVALID');
    await expect(rejection(pemVerifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256' }))).resolves.toBe('SIGNATURE_INVALID');
  });

  it('rejects an RS256 key used with ES256 and an algorithm outside the configured list', async () => {
    await expect(rejection(pemVerifier, await sign(goodClaims(), ec.privateKey, { alg: 'ES256' }))).resolves.toBe('ALGORITHM_NOT_ALLOWED');
    await expect(rejection(jwksVerifier, `${b64({ alg: 'PS256', kid: 'rsa-2026' })}.${b64(goodClaims())}.${b64('sig')}`)).resolves.toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('rejects a jku or x5u header even when it names a key it would otherwise accept', async () => {
    await expect(rejection(jwksVerifier, await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026', jku: 'https://evil.example/jwks' }))).resolves.toBe('FORBIDDEN_HEADER');
    await expect(rejection(jwksVerifier, await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026', x5u: 'https://evil.example/c.pem' }))).resolves.toBe('FORBIDDEN_HEADER');
    await expect(rejection(jwksVerifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256', jwk: stranger.jwk }))).resolves.toBe('FORBIDDEN_HEADER');
  });

  it('rejects claims problems in key modes too (unit, agency type, expiry, audience)', async () => {
    const header = { alg: 'ES256', kid: 'ec-2026' };
    await expect(rejection(jwksVerifier, await sign({ ...goodClaims(), unit: 'kemenpppa' }, ec.privateKey, header))).resolves.toBe('UNKNOWN_UNIT');
    await expect(rejection(jwksVerifier, await sign({ ...goodClaims(), agency_type: 'MINISTRY' }, ec.privateKey, header))).resolves.toBe('AGENCY_TYPE_MISMATCH');
    await expect(rejection(jwksVerifier, await sign({ ...goodClaims(), exp: now() - 3600 }, ec.privateKey, header))).resolves.toBe('TOKEN_EXPIRED');
    await expect(rejection(jwksVerifier, await sign({ ...goodClaims(), aud: ['other'] }, ec.privateKey, header))).resolves.toBe('AUDIENCE_MISMATCH');
  });

  describe('with a remote JWKS URL', () => {
    const JWKS_URL = 'https://idp.example/realms/tppo/protocol/openid-connect/certs';
    const remote = (fetchImpl: FetchImplementation) =>
      TokenVerifier.create({ mode: 'jwks', jwksUrl: JWKS_URL, fetch: fetchImpl, algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE }, registry);

    it('fetches keys only from the configured URL, never from a token header', async () => {
      const fetched: string[] = [];
      const verifier = await remote(async (url) => {
        fetched.push(String(url));
        return new Response(JSON.stringify({ keys: [rsa.jwk] }), { headers: { 'content-type': 'application/json' } });
      });
      await expect(verifier.verify(await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026' }))).resolves.toEqual(expect.objectContaining({ unitId: 'polres-nunukan' }));
      await rejection(verifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256', kid: 'x', jku: 'https://evil.example/jwks' }));
      await rejection(verifier, await sign(goodClaims(), stranger.privateKey, { alg: 'RS256', kid: 'x', x5u: 'https://evil.example/c.pem' }));
      expect(fetched.every((url) => url === JWKS_URL)).toBe(true);
      expect(fetched.length).toBeGreaterThan(0);
    });

    it('fails closed when the key source is down or answers nonsense', async () => {
      const token = await sign(goodClaims(), rsa.privateKey, { alg: 'RS256', kid: 'rsa-2026' });
      const down = await remote(async () => {
        throw new TypeError('fetch failed');
      });
      await expect(rejection(down, token)).resolves.toBe('KEY_SOURCE_UNAVAILABLE');
      const broken = await remote(async () => new Response('<html>502</html>', { status: 502 }));
      await expect(rejection(broken, token)).resolves.toBe('KEY_SOURCE_UNAVAILABLE');
      const nonsense = await remote(async () => new Response(JSON.stringify({ keys: 'none' }), { headers: { 'content-type': 'application/json' } }));
      await expect(rejection(nonsense, token)).resolves.toBe('KEY_SOURCE_UNAVAILABLE');
    });
  });

  it.each<[string, Partial<TokenVerifierConfig>]>([
    ['HS256 in a key mode', { mode: 'public-key', algorithms: ['HS256'] as never }],
    ['none in a key mode', { mode: 'jwks', jwks: { keys: [] }, algorithms: ['none'] as never }],
    ['an empty algorithm list', { mode: 'jwks', jwks: { keys: [] }, algorithms: [] }],
    ['both jwksUrl and jwks', { mode: 'jwks', jwks: { keys: [] }, jwksUrl: 'https://idp.example/jwks', algorithms: ['RS256'] }],
    ['neither jwksUrl nor jwks', { mode: 'jwks', algorithms: ['RS256'] }],
    ['a plain-http JWKS URL off the machine', { mode: 'jwks', jwksUrl: 'http://idp.example/jwks', algorithms: ['RS256'] }],
    ['an EC key file declared as RS256', { mode: 'public-key', algorithms: ['RS256'] }],
    ['a missing audience', { mode: 'jwks', jwks: { keys: [] }, algorithms: ['RS256'], audience: '' }],
  ])('refuses a configuration with %s at start', async (_, overrides) => {
    const config = { issuer: ISSUER, audience: AUDIENCE, publicKeyPem: ec.pem, ...overrides } as TokenVerifierConfig;
    await expect(TokenVerifier.create(config, registry)).rejects.toBeInstanceOf(TokenVerifierConfigError);
  });
});
