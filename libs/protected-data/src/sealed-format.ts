import type { JsonValue } from '@tppo/eventsourcing';

/** The key a sealed value names, to be fetched before it can be opened. */
export interface SealedKeyRef {
  readonly keyId: string;
  readonly version: number;
}

/** One version of the sealed envelope, as the protector reads it. Both throw SealedValueError. */
export interface SealedFormat {
  keyOf(sealed: string): SealedKeyRef;
  open(sealed: string, key: Buffer): Promise<JsonValue>;
}
