import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KeyStoreError } from './key-store.port';
import { masterKeyId, unwrapDataKey, writeMasterKeyFile } from './master-key';
import { MasterKeyRotation, retireOldMasterKeyFile, runRotation } from './master-key-rotation';
import { PersonalDataProtector } from './personal-data-protector';
import { loadOrCreateMasterKey, SqliteKeyStore } from './sqlite-key-store';

const SUBJECTS = 10;
const identity = (n: number) => ({ fullName: `Rekaan ${n}`, nik: `000000000000000${n % 10}` });

interface KeyRow {
  readonly key_id: string;
  readonly version: number;
  readonly wrapped: Buffer;
  readonly master_id: string;
}

describe('master key rotation', () => {
  let dir: string;
  let file: string;
  let keyFile: string;
  let nextKeyFile: string;
  let oldMaster: Buffer;
  let newMaster: Buffer;
  let sealed: string[];
  /** Opened before the rotation and kept open through it, as the API is; a cache of one key makes it read the file. */
  let running: SqliteKeyStore;

  const rows = (): KeyRow[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare<[], KeyRow>('SELECT key_id, version, wrapped, master_id FROM subject_keys ORDER BY rowid').all();
    } finally {
      db.close();
    }
  };
  const rotation = (nextMaster = newMaster, currentMaster = oldMaster) => MasterKeyRotation.open({ file, currentMaster, nextMaster, nextKeyFile, keyFile });
  const opensAll = async (keys: SqliteKeyStore, values = sealed) => {
    const protector = new PersonalDataProtector(keys);
    return Promise.all(values.map((value) => protector.open(value)));
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'master-rotation-'));
    file = join(dir, 'keys.db');
    keyFile = join(dir, 'master.key');
    nextKeyFile = join(dir, 'master.key.next');
    oldMaster = loadOrCreateMasterKey(keyFile);
    newMaster = randomBytes(32);
    writeMasterKeyFile(nextKeyFile, newMaster);
    running = SqliteKeyStore.open({ file, masterKey: oldMaster, cacheSize: 1 });
    const protector = new PersonalDataProtector(running);
    sealed = [];
    for (let n = 0; n < SUBJECTS; n += 1) sealed.push(await protector.seal(`subject-${n}`, identity(n)));
  });
  afterEach(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records which master key wraps each data key, by id and never the key', () => {
    expect(new Set(rows().map((row) => row.master_id))).toEqual(new Set([masterKeyId(oldMaster)]));
    expect(masterKeyId(oldMaster)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(oldMaster)).not.toBe(masterKeyId(newMaster));
  });

  it('mid-rotation, keys under the old and the new master both open, in a running store and in one started meanwhile', async () => {
    const half = rotation();
    half.start();
    expect(half.rewrapBatch(4)).toBe(4);
    expect(rows().map((row) => row.master_id)).toEqual([...Array(4).fill(masterKeyId(newMaster)), ...Array(SUBJECTS - 4).fill(masterKeyId(oldMaster))]);

    const expected = sealed.map((_, n) => identity(n));
    expect(await opensAll(running)).toEqual(expected);
    const startedMeanwhile = SqliteKeyStore.open({ file, masterKey: oldMaster, cacheSize: 1 });
    expect(await opensAll(startedMeanwhile)).toEqual(expected);
    await startedMeanwhile.close();
    half.close();
  });

  it('once a rotation starts, new data keys are wrapped by the new master key', async () => {
    const started = rotation();
    started.start();
    const value = await new PersonalDataProtector(running).seal('subject-new', identity(99));
    const row = rows().find((r) => r.key_id === 'subject-new')!;
    expect(row.master_id).toBe(masterKeyId(newMaster));
    expect(unwrapDataKey(newMaster, row.key_id, row.version, row.wrapped)).not.toBeNull();
    expect(unwrapDataKey(oldMaster, row.key_id, row.version, row.wrapped)).toBeNull();
    expect(await opensAll(running, [value])).toEqual([identity(99)]);
    started.close();
  });

  it('a rerun after a crash skips the keys already rewrapped and rewraps only the rest', async () => {
    const crashed = rotation();
    crashed.start();
    crashed.rewrapBatch(3);
    crashed.close();

    const rerun = rotation();
    expect(rerun.start()).toEqual({ total: SUBJECTS, alreadyRewrapped: 3, resumed: true, completed: false });
    expect(await runRotation(rerun, { batchSize: 2 })).toBe(SUBJECTS - 3);
    expect(rerun.pending()).toBe(0);
    rerun.close();
  });

  it('after it completes, the old master key opens no data key and a store started with it is refused, while the running store goes on', async () => {
    const complete = rotation();
    complete.start();
    await runRotation(complete);
    complete.close();
    retireOldMasterKeyFile(nextKeyFile, keyFile);

    for (const row of rows()) {
      expect(unwrapDataKey(oldMaster, row.key_id, row.version, row.wrapped)).toBeNull();
      expect(unwrapDataKey(newMaster, row.key_id, row.version, row.wrapped)).not.toBeNull();
    }
    expect(() => SqliteKeyStore.open({ file, masterKey: oldMaster })).toThrow(/was retired by the master key rotation/);
    expect(await opensAll(running)).toEqual(sealed.map((_, n) => identity(n)));
    const restarted = SqliteKeyStore.open({ file, masterKey: loadOrCreateMasterKey(keyFile) });
    expect(await opensAll(restarted)).toEqual(sealed.map((_, n) => identity(n)));
    await restarted.close();
  });

  it('refuses a current master key that does not wrap the data keys, naming the key ids', () => {
    const stranger = randomBytes(32);
    const wrong = rotation(newMaster, stranger);
    const failure = (() => {
      try {
        wrong.start();
      } catch (error) {
        return error as KeyStoreError;
      }
      throw new Error('start accepted a wrong master key');
    })();
    expect(failure).toBeInstanceOf(KeyStoreError);
    expect(failure.code).toBe('MASTER_KEY_INVALID');
    expect(failure.message).toContain(`${SUBJECTS} under ${masterKeyId(oldMaster)}`);
    expect(failure.message).not.toContain(stranger.toString('base64'));
    wrong.close();
    expect(() => SqliteKeyStore.open({ file, masterKey: stranger })).toThrow(KeyStoreError);
  });

  it('refuses to resume a rotation under way with another new master key, or to rotate to the same key', () => {
    const first = rotation();
    first.start();
    first.rewrapBatch(2);
    first.close();
    const other = rotation(randomBytes(32));
    expect(() => other.start()).toThrow(expect.objectContaining({ code: 'ROTATION_MISMATCH' }));
    other.close();
    const same = rotation(oldMaster);
    expect(() => same.start()).toThrow(expect.objectContaining({ code: 'SAME_MASTER_KEY' }));
    same.close();
  });
});
