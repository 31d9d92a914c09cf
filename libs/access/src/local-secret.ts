import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCAL_SECRET_FILE = 'local-jwt.secret';
const SECRET_BYTES = 32;

export class LocalSecretError extends Error {
  constructor(
    readonly code: 'LOCAL_SECRET_INVALID' | 'LOCAL_SECRET_EXPOSED',
    message: string,
  ) {
    super(message);
    this.name = 'LocalSecretError';
  }
}

const read = (file: string): Uint8Array => {
  // Anyone who can read the secret can mint tokens for any unit: refuse one that others can read.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new LocalSecretError('LOCAL_SECRET_EXPOSED', `${file} is readable by group or others; run chmod 600 ${file}`);
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < SECRET_BYTES) {
    throw new LocalSecretError('LOCAL_SECRET_INVALID', `${file} does not hold a base64 secret of at least ${SECRET_BYTES} bytes`);
  }
  return new Uint8Array(secret);
};

/**
 * The HS256 secret for local mode: `<dataDir>/local-jwt.secret` (32 random bytes, base64, mode 0600),
 * created on first start and reused afterwards, so tokens minted by the CLI keep working across
 * restarts. Production uses JWKS or a public key instead.
 */
export const loadOrCreateLocalSecret = (dataDir: string): Uint8Array => {
  const file = join(dataDir, LOCAL_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(SECRET_BYTES);
  try {
    // 'wx' fails if the file exists, so two processes starting together never overwrite each other.
    writeFileSync(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return read(file);
  }
  chmodSync(file, 0o600); // the umask may have narrowed the mode further; never widened it
  return new Uint8Array(secret);
};
