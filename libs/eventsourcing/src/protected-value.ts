/**
 * Protected personal data reaches the domain only as ciphertext produced by `libs/protected-data`
 * (AES-256-GCM per data subject). The domain cannot decrypt; it can only check that what it is
 * about to put into an event is sealed, so a plaintext identity is rejected before it is written.
 *
 * Two formats, both base64url parts after a version prefix:
 * - `pii.v2.<compact JWE>`, what is sealed today: `<header>..<iv>.<ciphertext>.<tag>`, a JWE with
 *   `alg` `dir` (hence the empty encrypted-key part) and `enc` `A256GCM`, whose protected header is
 *   `{"alg":"dir","enc":"A256GCM","kid":"<keyId>.<keyVersion>"}` in that order.
 * - `pii.v1.<keyId>.<keyVersion>.<iv>.<ciphertext>.<tag>`, written until December 2026: it is
 *   stored in events, which are never rewritten, so it must stay readable for ever.
 */
export type SealedValue = string & { readonly __sealed: unique symbol };

export const SEALED_V1_PREFIX = 'pii.v1.';
export const SEALED_V2_PREFIX = 'pii.v2.';

/**
 * base64url of `{"alg":"dir","enc":"A256GCM","kid":"`: 36 bytes encode to 48 characters of their
 * own, so every v2 header starts with them and the check below pins `alg` and `enc` without
 * decoding anything. The rest is `<keyId>.<keyVersion>"}`, 5 to 89 bytes (key ids of up to 80
 * characters, versions of up to 6 digits): 7 to 119 characters.
 */
export const SEALED_V2_HEADER_START = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoi';

const V1_PATTERN = /^pii\.v1\.[A-Za-z0-9_-]{1,80}\.[0-9]{1,6}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/;
const V2_PATTERN = new RegExp(`^pii\\.v2\\.${SEALED_V2_HEADER_START}[A-Za-z0-9_-]{7,119}\\.\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}$`);

export const isSealed = (value: unknown): value is SealedValue => typeof value === 'string' && (V2_PATTERN.test(value) || V1_PATTERN.test(value));

/**
 * Finds a sealed value of any version anywhere in a text, or a v2 value whose prefix was cut off:
 * for scanning logs, messages and views for leaks, not for validating input (that is `isSealed`).
 */
export const SEALED_VALUE_MARKER = new RegExp(`pii\\.v[0-9]+\\.|${SEALED_V2_HEADER_START}`);
