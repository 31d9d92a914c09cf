import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AgencyType } from './agency-types';
import { TOKEN_CLAIMS } from './token-verifier';

export interface MintLocalTokenInput {
  readonly secret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  /** A unit id from the registry; the verifier refuses tokens for unknown units. */
  readonly unit: string;
  readonly user: string;
  readonly roles?: readonly string[];
  readonly ttlSeconds: number;
  /** Optional; when present the verifier checks it against the registry. */
  readonly agencyType?: AgencyType;
  /** For tests: the issue time. */
  readonly now?: Date;
}

/** Longest lifetime for a locally minted token: local tokens are for development, not sessions. */
export const MAX_LOCAL_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

/** An HS256 token for local and test use; production tokens come from the identity provider. */
export const mintLocalToken = async (input: MintLocalTokenInput): Promise<string> => {
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1 || input.ttlSeconds > MAX_LOCAL_TOKEN_TTL_SECONDS) {
    throw new RangeError(`ttlSeconds must be a whole number from 1 to ${MAX_LOCAL_TOKEN_TTL_SECONDS}`);
  }
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = { [TOKEN_CLAIMS.unit]: input.unit, [TOKEN_CLAIMS.roles]: [...(input.roles ?? [])] };
  if (input.agencyType !== undefined) claims[TOKEN_CLAIMS.agencyType] = input.agencyType;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(input.user)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + input.ttlSeconds)
    .sign(input.secret);
};
