import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** The log's signing key: Ed25519, kept apart from the data keys, and its raw public key. */
export interface LogKey {
  readonly publicKey: Uint8Array;
  /** Signs a message (a checkpoint's body) with Ed25519: 64 bytes. */
  sign(message: Uint8Array): Uint8Array;
}

const fromPrivate = (key: KeyObject, file: string): LogKey => {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} must hold an Ed25519 private key (PKCS#8 PEM), not ${key.asymmetricKeyType ?? 'another kind of key'}`);
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const publicKey = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
  return { publicKey, sign: (message) => new Uint8Array(sign(null, message, key)) };
};

/**
 * The log key from its file (PKCS#8 PEM), or a new one written there with mode 0600 on first start.
 * It signs checkpoints only: losing the data keys does not forge the log, and losing this key does
 * not reveal data. A deployment keeps it in its secret store and points TRANSPARENCY_LOG_KEY_FILE at it.
 */
export const loadOrCreateLogKey = (file: string): LogKey => {
  if (existsSync(file)) {
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(file, 'utf8'));
    } catch {
      throw new Error(`${file} does not hold a private key in PEM form`);
    }
    return fromPrivate(key, file);
  }
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return fromPrivate(privateKey, file);
};
