/**
 * Protected personal data reaches the domain only as ciphertext produced by `libs/protected-data`
 * (AES-256-GCM per data subject). The domain cannot decrypt; it can only check that what it is
 * about to put into an event is sealed, so a plaintext identity is rejected before it is written.
 * Format: `pii.v1.<keyId>.<keyVersion>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export type SealedValue = string & { readonly __sealed: unique symbol };

export const SEALED_PREFIX = 'pii.v1.';
const SEALED_PATTERN = /^pii\.v1\.[A-Za-z0-9_-]{1,80}\.[0-9]{1,6}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;

export const isSealed = (value: unknown): value is SealedValue => typeof value === 'string' && SEALED_PATTERN.test(value);
