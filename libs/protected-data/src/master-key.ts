import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A master key's public name, so that each row of the key store can record which master wraps it
 * without the key itself: an HMAC of a fixed label under the key, shortened. It reveals nothing of
 * the key, and two different keys get different ids.
 */
export const masterKeyId = (masterKey: Buffer): string => createHmac('sha256', masterKey).update('tppo/master-key-id').digest('hex').slice(0, 16);

/** AES-256-GCM under the master key; the key id and version are authenticated, so a row cannot be moved. */
export const wrapDataKey = (masterKey: Buffer, keyId: string, version: number, key: Buffer): Buffer => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(Buffer.from(`kek/${keyId}/${version}`));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
};

/** The data key, or null when this master key did not wrap it. */
export const unwrapDataKey = (masterKey: Buffer, keyId: string, version: number, wrapped: Buffer): Buffer | null => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(`kek/${keyId}/${version}`));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  } catch {
    return null;
  }
};

/** A master key file (base64 of 32 bytes), or undefined when there is no such file. */
export const readMasterKeyFile = (file: string): Buffer | undefined => {
  if (!existsSync(file)) return undefined;
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  return key.length === 32 ? key : undefined;
};

/**
 * Writes a new master key file, mode 0600, and syncs it and its folder before returning: data keys
 * are wrapped with it next, and a key file lost to a power cut would take them all with it.
 */
export const writeMasterKeyFile = (file: string, masterKey: Buffer): void => {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, masterKey.toString('base64') + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncFolder(dirname(file));
};

/** Makes a rename or a new file in the folder durable. */
export const syncFolder = (folder: string): void => {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};
