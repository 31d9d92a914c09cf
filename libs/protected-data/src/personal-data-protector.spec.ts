import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSealed } from '@tppo/eventsourcing';
import { ERASED, PersonalDataProtector, SealedValueError } from './personal-data-protector';
import { loadOrCreateMasterKey, SqliteKeyStore } from './sqlite-key-store';
import { KeyStoreError } from './key-store.port';

describe('protected personal data', () => {
  let dir: string;
  let keys: SqliteKeyStore;
  let protector: PersonalDataProtector;
  const master = () => loadOrCreateMasterKey(join(dir, 'master.key'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pii-'));
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master() });
    protector = new PersonalDataProtector(keys);
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seals a value that only the subject key opens, with key id and version in the ciphertext', async () => {
    const sealed = await protector.seal('subj-1', { fullName: 'Siti Aminah', nik: '6503014501080001' });
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.startsWith('pii.v1.subj-1.1.')).toBe(true);
    expect(sealed).not.toContain('Siti');
    await expect(protector.open(sealed)).resolves.toEqual({ fullName: 'Siti Aminah', nik: '6503014501080001' });
  });

  it('uses a fresh IV every time, so equal values do not give equal ciphertexts', async () => {
    const a = await protector.seal('subj-1', 'same');
    const b = await protector.seal('subj-1', 'same');
    expect(a).not.toEqual(b);
  });

  it('detects tampering and refuses a ciphertext moved under another subject id', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    const parts = sealed.split('.');
    const flipped = parts.slice();
    flipped[5] = Buffer.from('Sita').toString('base64url').padEnd(parts[5]!.length, 'A');
    await expect(protector.open(flipped.join('.'))).rejects.toBeInstanceOf(SealedValueError);
    await protector.seal('subj-2', 'other');
    const moved = sealed.replace('pii.v1.subj-1.', 'pii.v1.subj-2.');
    await expect(protector.open(moved)).rejects.toBeInstanceOf(SealedValueError);
  });

  it('opens old versions after rotation and seals with the new one', async () => {
    const v1 = await protector.seal('subj-1', 'before');
    await keys.rotate('subj-1');
    const v2 = await protector.seal('subj-1', 'after');
    expect(v2.startsWith('pii.v1.subj-1.2.')).toBe(true);
    await expect(protector.open(v1)).resolves.toBe('before');
    await expect(protector.open(v2)).resolves.toBe('after');
  });

  it('crypto-shredding: after destroy the value opens as ERASED and the subject cannot be written again', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    await keys.destroy('subj-1');
    await expect(protector.open(sealed)).resolves.toBe(ERASED);
    await expect(protector.seal('subj-1', 'again')).rejects.toMatchObject({ code: 'KEY_DESTROYED' });
  });

  it('hands out one key to all concurrent callers, committed with SQLite syncing the WAL (synchronous = FULL)', async () => {
    const [a, b, c] = await Promise.all([keys.activeKey('subj-1'), keys.activeKey('subj-1'), keys.activeKey('subj-2')]);
    expect(a).toBe(b);
    expect(c.keyId).toBe('subj-2');
    const db = (keys as unknown as { db: { pragma: (sql: string, options: { simple: true }) => unknown } }).db;
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('keeps keys across restarts and refuses a different master key at start', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    await keys.close();
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master() });
    await expect(new PersonalDataProtector(keys).open(sealed)).resolves.toBe('Siti');
    await keys.close();
    expect(() => SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: Buffer.alloc(32, 7) })).toThrow(KeyStoreError);
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master() });
  });

  it('never stores a data key in the clear', async () => {
    const { key } = await keys.activeKey('subj-1');
    await keys.close();
    const raw = readFileSync(join(dir, 'keys.db'));
    expect(raw.includes(key)).toBe(false);
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master() });
  });

  it('creates the master key file once, readable only by its owner', () => {
    const file = join(dir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(master().equals(master())).toBe(true);
    expect(() => loadOrCreateMasterKey(file, 'c2hvcnQ=')).toThrow(/32 bytes/);
  });

  it('rejects key ids that are not pseudonymous references', async () => {
    await expect(protector.seal('Siti Aminah', 'x')).rejects.toMatchObject({ code: 'KEY_ID_INVALID' });
  });

  it('keeps at most cacheSize unwrapped keys in memory and still opens what fell out of it', async () => {
    await keys.close();
    keys = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master(), cacheSize: 3 });
    protector = new PersonalDataProtector(keys);
    const sealed = [];
    for (let i = 0; i < 8; i += 1) sealed.push(await protector.seal(`subj-${i}`, `name ${i}`));
    expect(keys.cachedKeys).toBe(3);
    // The first subject's key was evicted: it is unwrapped from the file again, for opening and sealing.
    await expect(protector.open(sealed[0]!)).resolves.toBe('name 0');
    const again = await protector.seal('subj-0', 'name 0b');
    expect(again.startsWith('pii.v1.subj-0.1.')).toBe(true);
    expect(keys.cachedKeys).toBe(3);
  });
});
