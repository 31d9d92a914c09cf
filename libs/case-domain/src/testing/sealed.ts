import type { SealedValue } from '@tppo/eventsourcing';

/** A fake ciphertext in the protected-data format (`pii.v1.<key>.<version>.<iv>.<ct>.<tag>`); tests need no keys. */
export const sealed = (plain: string, keyId = 'subj-test'): SealedValue =>
  `pii.v1.${keyId}.1.AAAAAAAAAAAAAAAA.${Buffer.from(plain).toString('base64url')}.BBBBBBBBBBBBBBBBBBBBBB` as SealedValue;
