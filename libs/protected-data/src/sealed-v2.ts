import { webcrypto } from 'node:crypto';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import { SEALED_V2_PREFIX, type JsonValue, type SealedValue } from '@tppo/eventsourcing';
import type { SubjectKey } from './key-store.port';
import type { SealedFormat } from './sealed-format';
import { SealedValueError } from './sealed-value-error';

/**
 * `pii.v2.` followed by a compact JWE (RFC 7516) that jose writes and reads: `alg` `dir` (the
 * subject's data key is the content key, so the encrypted-key part is empty), `enc` `A256GCM`
 * (random 96-bit IV), and `kid` `<keyId>.<version>` in the protected header. The header is the
 * additional authenticated data, so a value whose `kid` is changed to another subject's no longer
 * opens. Key ids never contain a dot (KEY_ID_PATTERN), so the one dot splits the `kid`.
 * The header's parameters are set in the order `isSealed` expects (see SEALED_V2_HEADER_START).
 */
/**
 * jose imports a raw key into WebCrypto on every call (about half of a seal's cost); the import is
 * kept per key buffer, which the key store's cache holds while the key is in use. Weakly: a key the
 * cache let go of, or a destroyed one, leaves nothing behind here.
 */
const imported = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();
const cryptoKeyOf = (key: Uint8Array): Promise<webcrypto.CryptoKey> => {
  let cryptoKey = imported.get(key);
  if (!cryptoKey) imported.set(key, (cryptoKey = webcrypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt'])));
  return cryptoKey;
};

export const sealV2 = async ({ keyId, version, key }: SubjectKey, value: JsonValue): Promise<SealedValue> => {
  const jwe = await new CompactEncrypt(Buffer.from(JSON.stringify(value), 'utf8'))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: `${keyId}.${version}` })
    .encrypt(await cryptoKeyOf(key));
  return `${SEALED_V2_PREFIX}${jwe}` as SealedValue;
};

const KID_PATTERN = /^([A-Za-z0-9_-]{1,80})\.([0-9]{1,6})$/;

/** Callers have checked the shape with `isSealed`. */
export const sealedV2: SealedFormat = {
  keyOf: (sealed) => {
    const kid = kidOf(sealed.slice(SEALED_V2_PREFIX.length));
    const [, keyId, version] = KID_PATTERN.exec(typeof kid === 'string' ? kid : '') ?? [];
    if (!keyId || !version) throw new SealedValueError('A protected value names no key');
    return { keyId, version: Number(version) };
  },
  open: async (sealed, key) => {
    try {
      const { plaintext } = await compactDecrypt(sealed.slice(SEALED_V2_PREFIX.length), await cryptoKeyOf(key), {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return JSON.parse(Buffer.from(plaintext).toString('utf8')) as JsonValue;
    } catch {
      throw new SealedValueError('A protected value failed authentication: it was altered or belongs to another key');
    }
  },
};

const kidOf = (jwe: string): unknown => {
  try {
    return decodeProtectedHeader(jwe).kid;
  } catch {
    throw new SealedValueError('A protected value has an unreadable header');
  }
};
