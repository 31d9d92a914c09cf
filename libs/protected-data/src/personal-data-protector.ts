import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { isSealed, SEALED_PREFIX, type JsonValue, type SealedValue } from '@tppo/eventsourcing';
import type { KeyStore } from './key-store.port';

/** What a sealed value opens to once its subject's key was destroyed. */
export interface ErasedValue {
  readonly erased: true;
}

export const ERASED: ErasedValue = Object.freeze({ erased: true as const });

export class SealedValueError extends Error {
  readonly code = 'SEALED_VALUE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'SealedValueError';
  }
}

/**
 * Encrypts one data subject's identity fields with that subject's own key (AES-256-GCM, random
 * 96-bit IV). The key id and version travel in the ciphertext and are bound to it as additional
 * authenticated data, so a ciphertext cannot be replayed under another subject's key.
 *
 * The parts are those of a compact JWE with `dir` and `A256GCM`, but the authenticated data is the
 * header text itself, where JWE authenticates a base64url JSON header: no JWE library opens what is
 * stored, so a `pii.v2` written by jose would still need this reader for every `pii.v1` value. Such
 * a version needs `isSealed` (the domain's check that an identity arrives encrypted) to know it too.
 */
export class PersonalDataProtector {
  constructor(private readonly keys: KeyStore) {}

  async seal(subjectRef: string, value: JsonValue): Promise<SealedValue> {
    const { keyId, version, key } = await this.keys.activeKey(subjectRef);
    const header = `${SEALED_PREFIX}${keyId}.${version}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(header));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const sealed = `${header}.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
    if (!isSealed(sealed)) throw new SealedValueError('Sealing produced a value of the wrong shape');
    return sealed;
  }

  /** The plaintext, or ERASED when the subject's key was destroyed. Tampering throws. */
  async open(sealed: string): Promise<JsonValue | ErasedValue> {
    const parts = parseSealed(sealed);
    const subjectKey = await this.keys.keyFor(parts.keyId, parts.version);
    if (!subjectKey) return ERASED;
    try {
      const decipher = createDecipheriv('aes-256-gcm', subjectKey.key, parts.iv);
      decipher.setAAD(Buffer.from(parts.header));
      decipher.setAuthTag(parts.tag);
      const text = Buffer.concat([decipher.update(parts.body), decipher.final()]).toString('utf8');
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new SealedValueError('A protected value failed authentication: it was altered or belongs to another key');
    }
  }
}

export const keyIdOf = (sealed: string): string => parseSealed(sealed).keyId;

const parseSealed = (sealed: string) => {
  if (!isSealed(sealed)) throw new SealedValueError('Not a sealed value');
  const [, , keyId, version, iv, body, tag] = sealed.split('.') as [string, string, string, string, string, string, string];
  return {
    header: `${SEALED_PREFIX}${keyId}.${version}`,
    keyId,
    version: Number(version),
    iv: Buffer.from(iv, 'base64url'),
    body: Buffer.from(body, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
};
