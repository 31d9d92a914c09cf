import { createDecipheriv } from 'node:crypto';
import { SEALED_V1_PREFIX, type JsonValue } from '@tppo/eventsourcing';
import type { SealedFormat } from './sealed-format';
import { SealedValueError } from './sealed-value-error';

/**
 * Reads `pii.v1.<keyId>.<version>.<iv>.<ciphertext>.<tag>`, what was sealed until December 2026
 * (AES-256-GCM, with `pii.v1.<keyId>.<version>` as the additional authenticated data). Events are
 * never rewritten, so these stay readable for ever; nothing writes them any more (see sealed-v2.ts).
 * Callers have checked the shape with `isSealed`.
 */
export const sealedV1: SealedFormat = {
  keyOf: (sealed) => {
    const [keyId, version] = partsOf(sealed);
    return { keyId, version: Number(version) };
  },
  open: async (sealed, key) => {
    const [keyId, version, iv, body, tag] = partsOf(sealed);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${SEALED_V1_PREFIX}${keyId}.${version}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new SealedValueError('A protected value failed authentication: it was altered or belongs to another key');
    }
  },
};

const partsOf = (sealed: string) => sealed.slice(SEALED_V1_PREFIX.length).split('.') as [string, string, string, string, string];
