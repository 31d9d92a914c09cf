/**
 * The Node adapters of the pure code: SHA-256 and Ed25519 from node:crypto, and the log key's
 * PEM/DER handling. The only file of the library that needs Node; a browser passes WebCrypto or a
 * pure-JS hash and Ed25519 check instead.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, type KeyObject, sign, verify } from 'node:crypto';
import { type Ed25519Verify } from './checkpoint';
import { type Sha256 } from './merkle';

/** One-shot `hash` rather than a Hash object per call: a third less time on the 65-byte inputs of Merkle nodes. */
export const nodeSha256: Sha256 = (data) => {
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
};

/** Ed25519 check of a raw 32-byte public key; false (never a throw) on anything malformed. */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
};

/** A log's signing key: its raw public key and a signer of note texts. */
export interface LogSigner {
  readonly publicKey: Uint8Array;
  /** The 64-byte Ed25519 signature of a message (a checkpoint's body). */
  sign(message: Uint8Array): Uint8Array;
}

/** RFC 8410 PKCS#8 prefix of an Ed25519 private key, followed by its 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * A signer from an Ed25519 private key: a KeyObject, PKCS#8 PEM text, or the raw 32-byte seed.
 * Throws when it is not an Ed25519 private key.
 */
export const ed25519SignerFromPrivateKey = (key: KeyObject | string | Uint8Array): LogSigner => {
  let privateKey: KeyObject;
  if (typeof key === 'string') privateKey = createPrivateKey(key);
  else if (key instanceof Uint8Array) {
    if (key.length !== 32) throw new RangeError('a raw Ed25519 private key (seed) has 32 bytes');
    privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, key]), format: 'der', type: 'pkcs8' });
  } else privateKey = key;
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new RangeError('not an Ed25519 private key');
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x;
  if (x === undefined) throw new RangeError('the key has no public half');
  const publicKey = new Uint8Array(Buffer.from(x, 'base64url'));
  return { publicKey, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
};

/** A fresh Ed25519 log key, with its private half as PKCS#8 PEM for the secret store. */
export const generateLogKey = (): LogSigner & { readonly privateKeyPem: string } => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { ...ed25519SignerFromPrivateKey(privateKey), privateKeyPem };
};
