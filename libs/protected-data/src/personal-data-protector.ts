import { isSealed, SEALED_V2_PREFIX, type JsonValue, type SealedValue } from '@tppo/eventsourcing';
import type { KeyStore } from './key-store.port';
import type { SealedFormat } from './sealed-format';
import { sealedV1 } from './sealed-v1';
import { sealedV2, sealV2 } from './sealed-v2';
import { SealedValueError } from './sealed-value-error';

export { SealedValueError };

/** What a sealed value opens to once its subject's key was destroyed. */
export interface ErasedValue {
  readonly erased: true;
}

export const ERASED: ErasedValue = Object.freeze({ erased: true as const });

/**
 * Encrypts one data subject's identity fields with that subject's own key (AES-256-GCM). The key
 * id and version travel with the ciphertext and are authenticated with it, so a ciphertext cannot
 * be replayed under another subject's key.
 *
 * New seals are `pii.v2.<compact JWE>` (sealed-v2.ts); `pii.v1` values, written until December
 * 2026 and kept in events for ever, are still read (sealed-v1.ts). Both shapes are what `isSealed`,
 * the domain's check that an identity arrives encrypted, accepts.
 */
export class PersonalDataProtector {
  constructor(private readonly keys: KeyStore) {}

  async seal(subjectRef: string, value: JsonValue): Promise<SealedValue> {
    const sealed = await sealV2(await this.keys.activeKey(subjectRef), value);
    if (!isSealed(sealed)) throw new SealedValueError('Sealing produced a value of the wrong shape');
    return sealed;
  }

  /** The plaintext, or ERASED when the subject's key was destroyed. Tampering throws. */
  async open(sealed: string): Promise<JsonValue | ErasedValue> {
    const format = formatOf(sealed);
    const { keyId, version } = format.keyOf(sealed);
    const subjectKey = await this.keys.keyFor(keyId, version);
    if (!subjectKey) return ERASED;
    return format.open(sealed, subjectKey.key);
  }
}

export const keyIdOf = (sealed: string): string => formatOf(sealed).keyOf(sealed).keyId;

const formatOf = (sealed: string): SealedFormat => {
  if (!isSealed(sealed)) throw new SealedValueError('Not a sealed value');
  return sealed.startsWith(SEALED_V2_PREFIX) ? sealedV2 : sealedV1;
};
