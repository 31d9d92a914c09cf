import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalSecret, LocalSecretError } from './local-secret';
import { mintLocalToken } from './mint-local-token';

describe('local HS256 secret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is created once under the data folder, 32 random bytes in base64 with mode 0600, and reused', () => {
    const dataDir = join(dir, 'data');
    const first = loadOrCreateLocalSecret(dataDir);
    const file = join(dataDir, 'local-jwt.secret');
    expect(first.byteLength).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(Buffer.from(first));
    const again = loadOrCreateLocalSecret(dataDir);
    expect(Buffer.from(again)).toEqual(Buffer.from(first));
    expect(Buffer.from(loadOrCreateLocalSecret(join(dir, 'other')))).not.toEqual(Buffer.from(first));
  });

  it('refuses a secret file others can read, and one that is too short', () => {
    loadOrCreateLocalSecret(dir);
    const file = join(dir, 'local-jwt.secret');
    chmodSync(file, 0o644);
    expect(() => loadOrCreateLocalSecret(dir)).toThrow(expect.objectContaining({ code: 'LOCAL_SECRET_EXPOSED' }));
    writeFileSync(file, Buffer.alloc(8).toString('base64'), { mode: 0o600 });
    chmodSync(file, 0o600);
    expect(() => loadOrCreateLocalSecret(dir)).toThrow(LocalSecretError);
  });
});

describe('mintLocalToken', () => {
  it('refuses a lifetime that is not a positive whole number or longer than a week', async () => {
    const input = { secret: new Uint8Array(32), issuer: 'i', audience: 'a', unit: 'polres-nunukan', user: 'u' };
    await expect(mintLocalToken({ ...input, ttlSeconds: 0 })).rejects.toThrow(RangeError);
    await expect(mintLocalToken({ ...input, ttlSeconds: 1.5 })).rejects.toThrow(RangeError);
    await expect(mintLocalToken({ ...input, ttlSeconds: 8 * 24 * 3600 })).rejects.toThrow(RangeError);
  });
});
