/** Why a token was refused: for logs and tests only, never for the response. */
export type AuthenticationFailureReason =
  | 'TOKEN_MISSING'
  | 'TOKEN_TOO_LONG'
  | 'TOKEN_MALFORMED'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'TOKEN_TYPE_NOT_ALLOWED'
  | 'FORBIDDEN_HEADER'
  | 'KEY_NOT_FOUND'
  | 'KEY_SOURCE_UNAVAILABLE'
  | 'SIGNATURE_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'EXPIRY_MISSING'
  | 'ISSUER_MISMATCH'
  | 'AUDIENCE_MISMATCH'
  | 'CLAIM_INVALID'
  | 'UNKNOWN_UNIT'
  | 'AGENCY_TYPE_MISMATCH'
  | 'VERIFIER_ERROR';

/**
 * A token that was refused. The message is the same for every reason so that a caller learns nothing
 * about which check failed; `reason` (and `cause`) are for the server log only.
 */
export class AuthenticationError extends Error {
  static readonly PUBLIC_MESSAGE = 'invalid or expired token';
  readonly code = 'UNAUTHENTICATED';

  constructor(
    readonly reason: AuthenticationFailureReason,
    options?: { cause?: unknown },
  ) {
    super(AuthenticationError.PUBLIC_MESSAGE, options);
    this.name = 'AuthenticationError';
  }
}
