import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { claimUnmarkedRows, openKeyDatabase, readRotation } from './key-database';
import { KEY_ID_PATTERN, KeyStoreError, type KeyStore, type SubjectKey } from './key-store.port';
import { masterKeyId, readMasterKeyFile, unwrapDataKey, wrapDataKey } from './master-key';

export interface SqliteKeyStoreOptions {
  /** The key database, e.g. `data/keys.db`; kept apart from the event store on purpose. */
  readonly file: string;
  /** 32-byte key-encryption key. Data keys are stored only wrapped by it. */
  readonly masterKey: Buffer;
  /** Unwrapped keys kept in memory, most recently used first (default 10,000). */
  readonly cacheSize?: number;
}

interface KeyRow {
  readonly version: number;
  readonly wrapped: Buffer;
  readonly master_id: string | null;
}

/**
 * Embedded key store: data keys wrapped (AES-256-GCM) by a master key, in their own SQLite file
 * with `secure_delete` so a destroyed key's bytes are overwritten, not left in free pages.
 *
 * Each row records which master key wraps it. While `npm run keys -- rotate-master` rewraps the
 * rows under a new master key, a running store reads rows under either, wraps new keys under the
 * new one, and fetches the new one from the file the rotation recorded when it first needs it.
 */
export class SqliteKeyStore implements KeyStore {
  /**
   * Bounded: every case brings new data subjects, and an unbounded map kept every key ever used
   * unwrapped in memory for the life of the process.
   */
  private readonly cache: LRUCache<string, SubjectKey>;
  /** Master keys by id: the one this process started with, and the new one of a rotation. */
  private readonly masters = new Map<string, Buffer>();
  private closed = false;

  private readonly statements: {
    readonly latest: Database.Statement<[string], KeyRow>;
    readonly version: Database.Statement<[string, number], KeyRow>;
    readonly insert: Database.Statement<[string, number, Buffer, string, string]>;
    readonly destroyed: Database.Statement<[string]>;
  };

  private constructor(
    private readonly db: Database.Database,
    private readonly masterId: string,
    masterKey: Buffer,
    cacheSize: number,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
    this.masters.set(masterId, masterKey);
    this.statements = {
      latest: db.prepare('SELECT version, wrapped, master_id FROM subject_keys WHERE key_id = ? ORDER BY version DESC LIMIT 1'),
      version: db.prepare('SELECT version, wrapped, master_id FROM subject_keys WHERE key_id = ? AND version = ?'),
      insert: db.prepare('INSERT INTO subject_keys (key_id, version, wrapped, created_at, master_id) VALUES (?, ?, ?, ?, ?)'),
      destroyed: db.prepare('SELECT 1 FROM destroyed_keys WHERE key_id = ?'),
    };
  }

  static open(options: SqliteKeyStoreOptions): SqliteKeyStore {
    if (options.masterKey.length !== 32) throw new KeyStoreError('MASTER_KEY_INVALID', 'The master key must be 32 bytes');
    const db = openKeyDatabase(options.file);
    try {
      claimUnmarkedRows(db, options.masterKey);
      const store = new SqliteKeyStore(db, masterKeyId(options.masterKey), options.masterKey, options.cacheSize ?? 10_000);
      store.checkMasterKey();
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async activeKey(keyId: string): Promise<SubjectKey> {
    this.assertUsable(keyId);
    const cached = this.cache.get(keyId);
    if (cached) return cached;
    const row = this.statements.latest.get(keyId);
    const key = row ? { keyId, version: row.version, key: this.unwrap(keyId, row) } : this.create(keyId, 1);
    this.cache.set(keyId, key);
    return key;
  }

  /**
   * Asks the store whether the key was destroyed even when it is cached: another process (the
   * retention job, another API instance) may have destroyed it, and its erasure holds at once.
   */
  async keyFor(keyId: string, version: number): Promise<SubjectKey | null> {
    this.assertOpen();
    if (!KEY_ID_PATTERN.test(keyId)) return null;
    if (this.statements.destroyed.get(keyId)) {
      this.cache.delete(keyId);
      return null;
    }
    const cached = this.cache.get(keyId);
    if (cached?.version === version) return cached;
    const row = this.statements.version.get(keyId, version);
    return row ? { keyId, version, key: this.unwrap(keyId, row) } : null;
  }

  async rotate(keyId: string): Promise<SubjectKey> {
    const current = await this.activeKey(keyId);
    const next = this.create(keyId, current.version + 1);
    this.cache.set(keyId, next);
    return next;
  }

  async destroy(keyId: string): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM subject_keys WHERE key_id = ?').run(keyId);
      this.db.prepare('INSERT OR IGNORE INTO destroyed_keys (key_id, destroyed_at) VALUES (?, ?)').run(keyId, new Date().toISOString());
    })();
    this.cache.delete(keyId);
    // Move the overwritten pages out of the WAL too, so no copy of the key survives on disk.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** How many unwrapped keys are held in memory now. */
  get cachedKeys(): number {
    return this.cache.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.masters.clear();
    this.db.close();
  }

  /** Durable when it returns (synchronous = FULL), so the key may be handed out at once. */
  private create(keyId: string, version: number): SubjectKey {
    const key = randomBytes(32);
    // Immediate, so that a rotation cannot start between reading which master wraps new keys and
    // the insert: a key wrapped by the old master after the rewrap passed it would be lost with it.
    this.db
      .transaction(() => {
        const masterId = readRotation(this.db)?.toMaster ?? this.masterId;
        this.statements.insert.run(keyId, version, wrapDataKey(this.master(masterId), keyId, version, key), new Date().toISOString(), masterId);
      })
      .immediate();
    return { keyId, version, key };
  }

  private unwrap(keyId: string, row: KeyRow): Buffer {
    const key = unwrapDataKey(this.master(row.master_id ?? this.masterId), keyId, row.version, row.wrapped);
    if (!key) throw new KeyStoreError('MASTER_KEY_INVALID', 'A data key could not be unwrapped: the master key does not match this key store');
    return key;
  }

  /** The master key of that id, fetched from the rotation's files when this process lacks it. */
  private master(masterId: string): Buffer {
    const known = this.masters.get(masterId);
    if (known) return known;
    const rotation = readRotation(this.db);
    // The new key file first: the rotation renames it onto the key file when done, so one of the
    // two reads sees the new key whenever the rename happens.
    for (const file of rotation ? [rotation.nextKeyFile, rotation.keyFile] : []) {
      const key = file === null ? undefined : readMasterKeyFile(file);
      if (key) this.masters.set(masterKeyId(key), key);
    }
    const found = this.masters.get(masterId);
    if (found) return found;
    throw new KeyStoreError('MASTER_KEY_INVALID', `A data key is wrapped by master key ${masterId}, which this process does not hold`);
  }

  /** Fails at start, not at the first read, when the master key does not belong to this store. */
  private checkMasterKey(): void {
    const any = this.db.prepare<[], { master_id: string }>('SELECT master_id FROM subject_keys LIMIT 1').get();
    if (!any) return;
    const own = this.db
      .prepare<[string], { key_id: string; version: number; wrapped: Buffer; master_id: string }>(
        'SELECT key_id, version, wrapped, master_id FROM subject_keys WHERE master_id = ? LIMIT 1',
      )
      .get(this.masterId);
    if (own) {
      this.unwrap(own.key_id, own);
      return;
    }
    const rotation = readRotation(this.db);
    if (rotation?.fromMaster === this.masterId) {
      // Mid-rotation every row may already be rewrapped, and this key stays valid until it completes.
      if (rotation.completedAt === null) return;
      throw new KeyStoreError(
        'MASTER_KEY_INVALID',
        `This master key (id ${this.masterId}) was retired by the master key rotation completed at ${rotation.completedAt}; start with the new one (id ${rotation.toMaster})`,
      );
    }
    throw new KeyStoreError('MASTER_KEY_INVALID', `The master key (id ${this.masterId}) does not match this key store: its data keys are under master key ${any.master_id}`);
  }

  private assertUsable(keyId: string): void {
    this.assertOpen();
    if (!KEY_ID_PATTERN.test(keyId)) throw new KeyStoreError('KEY_ID_INVALID', 'A key id must be 1-80 characters of [A-Za-z0-9_-]');
    if (this.statements.destroyed.get(keyId)) {
      throw new KeyStoreError('KEY_DESTROYED', `The key ${keyId} was destroyed; this subject's data cannot be written again`);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new KeyStoreError('KEY_STORE_UNAVAILABLE', 'The key store is closed');
  }
}

/**
 * The master key: from `DATA_MASTER_KEY` (base64, 32 bytes) when set, else a file created on first
 * start with mode 0600. Production should supply it from a secret manager, not the data folder.
 */
export const loadOrCreateMasterKey = (file: string, fromEnvironment?: string): Buffer => {
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    const key = Buffer.from(fromEnvironment, 'base64');
    if (key.length !== 32) throw new KeyStoreError('MASTER_KEY_INVALID', 'DATA_MASTER_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new KeyStoreError('MASTER_KEY_INVALID', `${file} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
};
