import type { SealedValue } from '@tppo/eventsourcing';

/**
 * A fake ciphertext in the protected-data format; tests need no keys. It keeps the v1 shape
 * (`pii.v1.<key>.<version>.<iv>.<ct>.<tag>`) on purpose: events already stored hold v1 values, which
 * `isSealed` must go on accepting, and new v2 values are proved by libs/protected-data's own spec.
 */
export const sealed = (plain: string, keyId = 'subj-test'): SealedValue =>
  `pii.v1.${keyId}.1.AAAAAAAAAAAAAAAA.${Buffer.from(plain).toString('base64url')}.BBBBBBBBBBBBBBBBBBBBBB` as SealedValue;
