import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  importSPKI,
  jwtVerify,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type ProtectedHeaderParameters,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { isAgencyType } from './agency-types';
import { AuthenticationError, type AuthenticationFailureReason } from './authentication-error';
import type { Principal } from './principal';
import { UNIT_ID_PATTERN, type UnitRegistry } from './unit-registry';

/** Local mode is symmetric and only ever HS256: a shared secret can never verify an RS/ES token. */
export const LOCAL_ALGORITHMS = ['HS256'] as const;
/** Key modes accept only asymmetric algorithms, so a public key can never serve as an HMAC secret. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;
export const DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;

interface CommonTokenConfig {
  readonly issuer: string;
  readonly audience: string;
  /** Allowed clock skew for `exp`, `nbf` and `iat`; default 30 s, at most 300 s. */
  readonly clockToleranceSeconds?: number;
  /** Longer tokens are refused before any parsing; default 8 KiB. */
  readonly maxTokenLength?: number;
}

/** Embedded/local mode: HS256 with a secret from the data folder (see loadOrCreateLocalSecret). */
export interface LocalTokenConfig extends CommonTokenConfig {
  readonly mode: 'local';
  readonly secret: Uint8Array;
}

/** Production mode: keys from the identity provider's JWKS, selected by `kid` and `alg`. */
export interface JwksTokenConfig extends CommonTokenConfig {
  readonly mode: 'jwks';
  readonly algorithms: readonly AsymmetricAlgorithm[];
  /** The only place keys are fetched from (https, or http on a loopback host). */
  readonly jwksUrl?: string;
  /** A key set held locally instead of a URL (a file, or tests). Exactly one of jwksUrl / jwks. */
  readonly jwks?: JSONWebKeySet;
  /** HTTP timeout for the JWKS fetch; default 5000 ms. */
  readonly jwksTimeoutMs?: number;
  /** Replaces the fetch used for jwksUrl (tests, proxies). */
  readonly fetch?: FetchImplementation;
}

/** Production mode with one public key from a PEM file (SPKI). */
export interface PublicKeyTokenConfig extends CommonTokenConfig {
  readonly mode: 'public-key';
  readonly publicKeyPem: string;
  readonly algorithms: readonly AsymmetricAlgorithm[];
  /** When set, a token naming a different `kid` is refused. */
  readonly kid?: string;
}

export type TokenVerifierConfig = LocalTokenConfig | JwksTokenConfig | PublicKeyTokenConfig;

/** The verifier was configured wrongly; raised at start, never per request. */
export class TokenVerifierConfigError extends Error {
  readonly code = 'TOKEN_VERIFIER_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TokenVerifierConfigError';
  }
}

/** Header parameters that point at keys elsewhere or embed one; jose ignores them, we refuse them. */
const FORBIDDEN_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;
/** Access tokens only; an ID token or logout token signed by the same IdP is not a bearer token here. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['jwt', 'at+jwt', 'application/jwt', 'application/at+jwt']);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const USER_ID = /^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const MAX_ROLES = 32;

/** The claim names this service reads besides the registered ones. */
export const TOKEN_CLAIMS = { unit: 'unit', roles: 'roles', agencyType: 'agency_type' } as const;

function fail(reason: AuthenticationFailureReason, cause?: unknown): never {
  throw new AuthenticationError(reason, cause === undefined ? undefined : { cause });
}

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

const checkAlgorithms = (algorithms: readonly string[] | undefined): readonly AsymmetricAlgorithm[] => {
  if (!algorithms || algorithms.length === 0) throw new TokenVerifierConfigError('algorithms: list at least one asymmetric algorithm (e.g. RS256, ES256)');
  for (const alg of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) {
      throw new TokenVerifierConfigError(`algorithms: ${JSON.stringify(alg)} is not allowed in a key mode; use one of ${ASYMMETRIC_ALGORITHMS.join(', ')}`);
    }
  }
  return [...new Set(algorithms)] as AsymmetricAlgorithm[];
};

/** The jose error code mapped to our reason; unknown codes are verifier errors (still a 401). */
const reasonFor = (error: unknown): AuthenticationFailureReason => {
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'TOKEN_EXPIRED';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as { claim?: string; reason?: string };
      if (claim === 'exp') return reason === 'missing' ? 'EXPIRY_MISSING' : 'CLAIM_INVALID';
      if (claim === 'nbf') return reason === 'check_failed' ? 'TOKEN_NOT_YET_VALID' : 'CLAIM_INVALID';
      if (claim === 'iss') return 'ISSUER_MISMATCH';
      if (claim === 'aud') return 'AUDIENCE_MISMATCH';
      return 'CLAIM_INVALID';
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'SIGNATURE_INVALID';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'ALGORITHM_NOT_ALLOWED';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'KEY_NOT_FOUND';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'KEY_SOURCE_UNAVAILABLE';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'TOKEN_MALFORMED';
    default:
      return 'VERIFIER_ERROR';
  }
};

/**
 * Verifies bearer tokens and turns them into a Principal. Every failure is an
 * AuthenticationError with one public message; nothing here reaches a key source other than the
 * configured one.
 */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_CACHE_MS = 5 * 60_000;

export class TokenVerifier {
  private constructor(
    private readonly key: Uint8Array | JWTVerifyGetKey,
    private readonly algorithms: readonly string[],
    private readonly issuer: string,
    private readonly audience: string,
    private readonly clockTolerance: number,
    private readonly maxTokenLength: number,
    private readonly registry: UnitRegistry,
  ) {}

  static async create(config: TokenVerifierConfig, registry: UnitRegistry): Promise<TokenVerifier> {
    if (typeof config.issuer !== 'string' || config.issuer === '') throw new TokenVerifierConfigError('issuer: required');
    if (typeof config.audience !== 'string' || config.audience === '') throw new TokenVerifierConfigError('audience: required');
    const clockTolerance = config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    if (!Number.isInteger(clockTolerance) || clockTolerance < 0 || clockTolerance > 300) {
      throw new TokenVerifierConfigError('clockToleranceSeconds: a whole number from 0 to 300');
    }
    const maxTokenLength = config.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH;
    if (!Number.isInteger(maxTokenLength) || maxTokenLength < 256) throw new TokenVerifierConfigError('maxTokenLength: a whole number of at least 256');

    const build = (key: Uint8Array | JWTVerifyGetKey, algorithms: readonly string[]) =>
      new TokenVerifier(key, algorithms, config.issuer, config.audience, clockTolerance, maxTokenLength, registry);

    switch (config.mode) {
      case 'local': {
        if (!(config.secret instanceof Uint8Array) || config.secret.byteLength < 32) {
          throw new TokenVerifierConfigError('secret: local mode needs a secret of at least 32 bytes');
        }
        return build(Uint8Array.from(config.secret), LOCAL_ALGORITHMS);
      }
      case 'jwks': {
        const algorithms = checkAlgorithms(config.algorithms);
        if ((config.jwksUrl === undefined) === (config.jwks === undefined)) {
          throw new TokenVerifierConfigError('jwks: set exactly one of jwksUrl or jwks');
        }
        if (config.jwks !== undefined) {
          try {
            return build(createLocalJWKSet(config.jwks), algorithms);
          } catch (error) {
            throw new TokenVerifierConfigError(`jwks: not a valid JSON Web Key Set (${(error as Error).message})`);
          }
        }
        let url: URL;
        try {
          url = new URL(config.jwksUrl!);
        } catch {
          throw new TokenVerifierConfigError(`jwksUrl: not a URL: ${JSON.stringify(config.jwksUrl)}`);
        }
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
          throw new TokenVerifierConfigError('jwksUrl: must be https (plain http only on a loopback host)');
        }
        const remote = createRemoteJWKSet(url, {
          timeoutDuration: config.jwksTimeoutMs ?? 5000,
          ...(config.fetch ? { [customFetch]: config.fetch } : {}),
        });
        const resolve: JWTVerifyGetKey = async (header, token) => {
          try {
            return await remote(header, token);
          } catch (error) {
            if (reasonFor(error) === 'KEY_NOT_FOUND') throw error;
            // Network errors, HTTP errors and bad key sets: the key source failed, not the token.
            return fail('KEY_SOURCE_UNAVAILABLE', error);
          }
        };
        return build(resolve, algorithms);
      }
      case 'public-key': {
        const algorithms = checkAlgorithms(config.algorithms);
        const keys = new Map<string, Awaited<ReturnType<typeof importSPKI>>>();
        for (const alg of algorithms) {
          try {
            keys.set(alg, await importSPKI(config.publicKeyPem, alg));
          } catch (error) {
            throw new TokenVerifierConfigError(`publicKeyPem: not a public key usable with ${alg} (${(error as Error).message})`);
          }
        }
        const kid = config.kid;
        const resolve: JWTVerifyGetKey = async (header) => {
          if (kid !== undefined && header.kid !== undefined && header.kid !== kid) fail('KEY_NOT_FOUND');
          const key = keys.get(header.alg);
          return key ?? fail('ALGORITHM_NOT_ALLOWED');
        };
        return build(resolve, algorithms);
      }
      default: {
        const mode: never = config;
        throw new TokenVerifierConfigError(`mode: unknown mode ${JSON.stringify((mode as { mode?: unknown }).mode)}`);
      }
    }
  }

  /**
   * Tokens verified lately, so that a client sending the same token with every request pays for the
   * signature check once (HMAC through WebCrypto costs more than the rest of a command). Time claims
   * are checked again on every hit, and an entry lives at most VERIFIED_CACHE_MS, so a key rotation
   * reaches every token within that time.
   */
  private readonly verified = new LRUCache<string, { principal: Principal; exp: number; nbf: number }>({ max: VERIFIED_CACHE_SIZE, ttl: VERIFIED_CACHE_MS });

  /** The principal for a valid token, or an AuthenticationError; never anything else. */
  async verify(token: string): Promise<Principal> {
    const seconds = Date.now() / 1000;
    const hit = this.verified.get(token);
    if (hit && seconds < hit.exp + this.clockTolerance && seconds >= hit.nbf - this.clockTolerance) return hit.principal;
    if (hit) this.verified.delete(token);
    try {
      const { principal, payload } = await this.verifyOrThrow(token);
      this.verified.set(token, { principal, exp: payload.exp ?? 0, nbf: payload.nbf ?? 0 });
      return principal;
    } catch (error) {
      // Fail closed: whatever went wrong (a key source down, a bug), the caller gets no principal.
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(reasonFor(error), { cause: error });
    }
  }

  private async verifyOrThrow(token: string): Promise<{ principal: Principal; payload: JWTPayload }> {
    if (typeof token !== 'string' || token === '') fail('TOKEN_MISSING');
    // Before any decoding: a huge token costs memory and CPU for nothing.
    if (token.length > this.maxTokenLength) fail('TOKEN_TOO_LONG');
    if (!COMPACT_JWS.test(token)) fail('TOKEN_MALFORMED');

    let header: ProtectedHeaderParameters;
    try {
      header = decodeProtectedHeader(token);
    } catch (error) {
      return fail('TOKEN_MALFORMED', error);
    }
    if (typeof header.alg !== 'string' || !this.algorithms.includes(header.alg)) fail('ALGORITHM_NOT_ALLOWED');
    if (FORBIDDEN_HEADERS.some((name) => name in header)) fail('FORBIDDEN_HEADER');
    if (header.typ !== undefined && (typeof header.typ !== 'string' || !ALLOWED_TYPES.has(header.typ.toLowerCase()))) {
      fail('TOKEN_TYPE_NOT_ALLOWED');
    }

    const { payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, {
      algorithms: [...this.algorithms],
      issuer: this.issuer,
      audience: this.audience,
      clockTolerance: this.clockTolerance,
      requiredClaims: ['exp', 'sub'],
    });
    return { principal: this.toPrincipal(payload), payload };
  }

  private toPrincipal(payload: JWTPayload): Principal {
    const userId = payload.sub;
    if (typeof userId !== 'string' || !USER_ID.test(userId)) fail('CLAIM_INVALID');

    const unitId = payload[TOKEN_CLAIMS.unit];
    if (typeof unitId !== 'string' || !UNIT_ID_PATTERN.test(unitId)) fail('CLAIM_INVALID');
    const unit = this.registry.get(unitId) ?? fail('UNKNOWN_UNIT');

    // The registry decides the agency type; a token that says otherwise was minted for another world.
    const claimedType = payload[TOKEN_CLAIMS.agencyType];
    if (claimedType !== undefined) {
      if (!isAgencyType(claimedType)) fail('CLAIM_INVALID');
      if (claimedType !== unit.agencyType) fail('AGENCY_TYPE_MISMATCH');
    }

    const rawRoles = payload[TOKEN_CLAIMS.roles] ?? [];
    if (!Array.isArray(rawRoles) || rawRoles.length > MAX_ROLES || !rawRoles.every((role) => typeof role === 'string' && ROLE.test(role))) {
      fail('CLAIM_INVALID');
    }
    const roles = Object.freeze([...new Set(rawRoles as string[])]);

    return Object.freeze({ userId, unitId: unit.id, agencyType: unit.agencyType, roles, regionCode: unit.regionCode });
  }
}
