import { hash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { isSealed } from '@tppo/eventsourcing';
import { ERASED, keyIdOf, PersonalDataProtector, SealedValueError } from './personal-data-protector';
import { loadOrCreateMasterKey, SqliteKeyStore } from './sqlite-key-store';
import { KeyStoreError, type KeyStore, type SubjectKey } from './key-store.port';

const jweOf = (sealed: string) => sealed.slice('pii.v2.'.length);
const kidOf = (sealed: string) => decodeProtectedHeader(jweOf(sealed)).kid;
/** The sealed value with one character of one dot-separated part changed (the first, unless told). */
const flip = (sealed: string, part: number, at = 0) => {
  const parts = sealed.split('.');
  const text = parts[part]!;
  parts[part] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  return parts.join('.');
};
/** The v2 value with its protected header replaced: what an attacker can write, but not authenticate. */
const withHeader = (sealed: string, header: object) => {
  const parts = sealed.split('.');
  parts[2] = Buffer.from(JSON.stringify(header)).toString('base64url');
  return parts.join('.');
};

/** Keys derived from their names, so that values sealed by earlier code can be written into this file. */
const derivedKey = (keyId: string, version: number): SubjectKey => ({ keyId, version, key: hash('sha256', `spec key ${keyId} ${version}`, 'buffer') });
const derivedKeys = (keyFor: KeyStore['keyFor'] = async (keyId, version) => derivedKey(keyId, version)): KeyStore => ({
  activeKey: async (keyId) => derivedKey(keyId, 1),
  keyFor,
  rotate: async (keyId) => derivedKey(keyId, 2),
  destroy: async () => undefined,
  close: async () => undefined,
});

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
    expect([sealed.slice(0, 7), kidOf(sealed), keyIdOf(sealed)]).toEqual(['pii.v2.', 'subj-1.1', 'subj-1']);
    expect(sealed).not.toContain('Siti');
    await expect(protector.open(sealed)).resolves.toEqual({ fullName: 'Siti Aminah', nik: '6503014501080001' });
  });

  it('seals as a compact JWE (dir, A256GCM) that jose opens with the raw subject key', async () => {
    const sealed = await protector.seal('subj-1', { fullName: 'Siti Aminah' });
    const { key } = await keys.activeKey('subj-1');
    const { plaintext, protectedHeader } = await compactDecrypt(jweOf(sealed), key);
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM', kid: 'subj-1.1' });
    expect(JSON.parse(Buffer.from(plaintext).toString('utf8'))).toEqual({ fullName: 'Siti Aminah' });
    await expect(compactDecrypt(jweOf(sealed), (await keys.activeKey('subj-2')).key)).rejects.toThrow();
  });

  it.each<[string, unknown]>([
    ['an empty string', ''],
    ['awkward text', 'Dewi Lestari Ünal ß 👩‍👧 \u2028\u0000 quote " back \\ slash'],
    ['a number', 0],
    ['null', null],
    ['a nested identity', { fullName: 'Rina', aliases: ['R', 'Ri'], address: { village: 'Desa Contoh', rt: 3 }, minor: true }],
  ])('opens what it sealed: %s', async (_, value) => {
    const sealed = await protector.seal('subj-1', value as never);
    expect(isSealed(sealed)).toBe(true);
    await expect(protector.open(sealed)).resolves.toEqual(value);
  });

  it('uses a fresh IV every time, so equal values do not give equal ciphertexts', async () => {
    const a = await protector.seal('subj-1', 'same');
    const b = await protector.seal('subj-1', 'same');
    expect(a).not.toEqual(b);
  });

  // pii.v2.<header>.<encrypted key>.<iv>.<ciphertext>.<tag>: parts 2, 4, 5 and 6 once split on dots.
  it.each([
    ['the header', (sealed: string) => withHeader(sealed, { alg: 'dir', enc: 'A256GCM', kid: 'subj-1.1', cty: 'text' })],
    ['the IV', (sealed: string) => flip(sealed, 4)],
    ['the ciphertext', (sealed: string) => flip(sealed, 5)],
    ['the tag', (sealed: string) => flip(sealed, 6)],
    ['the header, into an unreadable one', (sealed: string) => flip(sealed, 2, 50)],
  ])('detects tampering with %s', async (_, tamper) => {
    const sealed = await protector.seal('subj-1', 'Siti');
    const tampered = tamper(sealed);
    expect(tampered).not.toBe(sealed);
    await expect(protector.open(tampered)).rejects.toBeInstanceOf(SealedValueError);
  });

  it('refuses a ciphertext moved under another subject id, or opened with another subject key', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    await protector.seal('subj-2', 'other');
    const moved = withHeader(sealed, { alg: 'dir', enc: 'A256GCM', kid: 'subj-2.1' });
    expect(keyIdOf(moved)).toBe('subj-2');
    await expect(protector.open(moved)).rejects.toBeInstanceOf(SealedValueError);
    const ofSubject1 = await new PersonalDataProtector(derivedKeys()).seal('subj-1', 'Siti');
    const answersWithSubject2 = derivedKeys(async () => derivedKey('subj-2', 1));
    await expect(new PersonalDataProtector(answersWithSubject2).open(ofSubject1)).rejects.toBeInstanceOf(SealedValueError);
  });

  it('refuses what is not sealed before asking for any key', async () => {
    await expect(protector.open('Siti Aminah')).rejects.toBeInstanceOf(SealedValueError);
    await expect(protector.open(jweOf(await protector.seal('subj-1', 'Siti')))).rejects.toBeInstanceOf(SealedValueError);
    expect(() => keyIdOf('Siti Aminah')).toThrow(SealedValueError);
  });

  it('opens old versions after rotation and seals with the new one', async () => {
    const v1 = await protector.seal('subj-1', 'before');
    await keys.rotate('subj-1');
    const v2 = await protector.seal('subj-1', 'after');
    expect(kidOf(v2)).toBe('subj-1.2');
    await expect(protector.open(v1)).resolves.toBe('before');
    await expect(protector.open(v2)).resolves.toBe('after');
  });

  it('crypto-shredding: after destroy the value opens as ERASED and the subject cannot be written again', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    await keys.destroy('subj-1');
    await expect(protector.open(sealed)).resolves.toBe(ERASED);
    await expect(protector.seal('subj-1', 'again')).rejects.toMatchObject({ code: 'KEY_DESTROYED' });
  });

  it('crypto-shredding by another process holds at once, though this one has the key cached', async () => {
    const sealed = await protector.seal('subj-1', 'Siti');
    await expect(protector.open(sealed)).resolves.toBe('Siti');
    const other = SqliteKeyStore.open({ file: join(dir, 'keys.db'), masterKey: master() });
    await other.destroy('subj-1');
    await other.close();
    await expect(protector.open(sealed)).resolves.toBe(ERASED);
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
    expect(kidOf(again)).toBe('subj-0.1');
    expect(keys.cachedKeys).toBe(3);
  });
});

describe('protected personal data sealed before the switch to JWE (pii.v1)', () => {
  /** Sealed by the protector of December 2026 under derivedKey('subj-1', 1); stored in events for ever. */
  const V1 = [
    ['pii.v1.subj-1.1.QnnnEK2k92LWd5yW.rnrxQuPlHQUAI6QWR1p8rDwI15-h__zXoovRHnXTVi2prxD_TRwAAkRiWNOMTqJ58M4q.u6vUt1DljvBezGUJvNVr0A', { fullName: 'Siti Aminah', nik: '6503014501080001' }],
    ['pii.v1.subj-1.1.AKl0mlcNlF1LvP4Z.ZtI.DmR-avepc_gEmDvHMbt-9w', ''],
    ['pii.v1.subj-1.1._NycXWsivKIKVTIl.FUepoNs4D9qxN0KOQca_9WXIByI_yarl2zhqBg.85Kj22WZeLu4uRBi9fjoEA', 'Dewi Ünal 👩‍👧 \u2028'],
  ] as const;
  const [identity] = V1[0];

  it('still opens to what was sealed, and names its key', async () => {
    const protector = new PersonalDataProtector(derivedKeys());
    for (const [sealed, value] of V1) {
      expect([isSealed(sealed), keyIdOf(sealed)]).toEqual([true, 'subj-1']);
      await expect(protector.open(sealed)).resolves.toEqual(value);
    }
  });

  it('is only read: the same subject seals anew as v2, and both open', async () => {
    const protector = new PersonalDataProtector(derivedKeys());
    const sealed = await protector.seal('subj-1', 'after');
    expect(sealed.startsWith('pii.v2.')).toBe(true);
    await expect(protector.open(sealed)).resolves.toBe('after');
    await expect(protector.open(identity)).resolves.toEqual(V1[0][1]);
  });

  it('detects tampering with the IV, the ciphertext and the tag, and a move to another subject', async () => {
    const protector = new PersonalDataProtector(derivedKeys());
    // pii.v1.<keyId>.<version>.<iv>.<ciphertext>.<tag>: parts 4, 5 and 6 once split on dots.
    for (const tampered of [flip(identity, 4), flip(identity, 5), flip(identity, 6), identity.replace('pii.v1.subj-1.', 'pii.v1.subj-2.')]) {
      await expect(protector.open(tampered)).rejects.toBeInstanceOf(SealedValueError);
    }
  });

  it('refuses to open with another subject key, and opens as ERASED once the key is destroyed', async () => {
    await expect(new PersonalDataProtector(derivedKeys(async () => derivedKey('subj-2', 1))).open(identity)).rejects.toBeInstanceOf(SealedValueError);
    await expect(new PersonalDataProtector(derivedKeys(async () => null)).open(identity)).resolves.toBe(ERASED);
  });
});
