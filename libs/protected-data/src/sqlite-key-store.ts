import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { KEY_ID_PATTERN, KeyStoreError, type KeyStore, type SubjectKey } from './key-store.port';

export interface SqliteKeyStoreOptions {
  /** The key database, e.g. `data/keys.db`; kept apart from the event store on purpose. */
  readonly file: string;
  /** 32-byte key-encryption key. Data keys are stored only wrapped by it. */
  readonly masterKey: Buffer;
  /** Unwrapped keys kept in memory, most recently used first (default 10,000). */
  readonly cacheSize?: number;
}

/**
 * Embedded key store: data keys wrapped (AES-256-GCM) by a master key, in their own SQLite file
 * with `secure_delete` so a destroyed key's bytes are overwritten, not left in free pages.
 */
export class SqliteKeyStore implements KeyStore {
  /**
   * Bounded: every case brings new data subjects, and an unbounded map kept every key ever used
   * unwrapped in memory for the life of the process.
   */
  private readonly cache: LRUCache<string, SubjectKey>;
  private closed = false;

  private readonly statements: {
    readonly latest: Database.Statement<[string], { version: number; wrapped: Buffer }>;
    readonly version: Database.Statement<[string, number], { wrapped: Buffer }>;
    readonly insert: Database.Statement<[string, number, Buffer, string]>;
    readonly destroyed: Database.Statement<[string]>;
  };

  private constructor(
    private readonly db: Database.Database,
    private readonly masterKey: Buffer,
    cacheSize: number,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
    this.statements = {
      latest: db.prepare('SELECT version, wrapped FROM subject_keys WHERE key_id = ? ORDER BY version DESC LIMIT 1'),
      version: db.prepare('SELECT wrapped FROM subject_keys WHERE key_id = ? AND version = ?'),
      insert: db.prepare('INSERT INTO subject_keys (key_id, version, wrapped, created_at) VALUES (?, ?, ?, ?)'),
      destroyed: db.prepare('SELECT 1 FROM destroyed_keys WHERE key_id = ?'),
    };
  }

  static open(options: SqliteKeyStoreOptions): SqliteKeyStore {
    if (options.masterKey.length !== 32) throw new KeyStoreError('MASTER_KEY_INVALID', 'The master key must be 32 bytes');
    mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    db.pragma('journal_mode = WAL');
    // FULL: SQLite syncs the WAL before a commit returns, so a key is on disk before anything is
    // sealed with it. Under NORMAL a power cut may roll back the last commits; a value sealed with a
    // key lost that way could never be opened again, while its event survives in the other file.
    // Only SQLite knows which WAL frames a commit wrote and when the WAL restarts after a
    // checkpoint, so the sync is left to it rather than done on its files from outside.
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS subject_keys (
      key_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      wrapped BLOB NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (key_id, version)
    ) STRICT`);
    db.exec(`CREATE TABLE IF NOT EXISTS destroyed_keys (key_id TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL) STRICT`);
    const store = new SqliteKeyStore(db, options.masterKey, options.cacheSize ?? 10_000);
    store.checkMasterKey();
    return store;
  }

  async activeKey(keyId: string): Promise<SubjectKey> {
    this.assertUsable(keyId);
    const cached = this.cache.get(keyId);
    if (cached) return cached;
    const row = this.statements.latest.get(keyId);
    const key = row ? { keyId, version: row.version, key: this.unwrap(keyId, row.version, row.wrapped) } : this.create(keyId, 1);
    this.cache.set(keyId, key);
    return key;
  }

  async keyFor(keyId: string, version: number): Promise<SubjectKey | null> {
    this.assertOpen();
    if (!KEY_ID_PATTERN.test(keyId)) return null;
    const cached = this.cache.get(keyId);
    if (cached?.version === version) return cached;
    const row = this.statements.version.get(keyId, version);
    return row ? { keyId, version, key: this.unwrap(keyId, version, row.wrapped) } : null;
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
    this.db.close();
  }

  /** Durable when it returns (synchronous = FULL), so the key may be handed out at once. */
  private create(keyId: string, version: number): SubjectKey {
    const key = randomBytes(32);
    this.statements.insert.run(keyId, version, this.wrap(keyId, version, key), new Date().toISOString());
    return { keyId, version, key };
  }

  private wrap(keyId: string, version: number, key: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(`kek/${keyId}/${version}`));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private unwrap(keyId: string, version: number, wrapped: Buffer): Buffer {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
      decipher.setAAD(Buffer.from(`kek/${keyId}/${version}`));
      decipher.setAuthTag(wrapped.subarray(12, 28));
      return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
    } catch {
      throw new KeyStoreError('MASTER_KEY_INVALID', 'A data key could not be unwrapped: the master key does not match this key store');
    }
  }

  /** Fails at start, not at the first read, when the master key does not belong to this store. */
  private checkMasterKey(): void {
    const row = this.db.prepare<[], { key_id: string; version: number; wrapped: Buffer }>('SELECT key_id, version, wrapped FROM subject_keys LIMIT 1').get();
    if (row) this.unwrap(row.key_id, row.version, row.wrapped);
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
