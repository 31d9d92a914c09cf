import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KEY_ID_PATTERN, KeyStoreError, type KeyStore, type SubjectKey } from './key-store.port';

export interface SqliteKeyStoreOptions {
  /** The key database, e.g. `data/keys.db`; kept apart from the event store on purpose. */
  readonly file: string;
  /** 32-byte key-encryption key. Data keys are stored only wrapped by it. */
  readonly masterKey: Buffer;
}

/**
 * Embedded key store: data keys wrapped (AES-256-GCM) by a master key, in their own SQLite file
 * with `secure_delete` so a destroyed key's bytes are overwritten, not left in free pages.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly cache = new Map<string, SubjectKey>();
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly masterKey: Buffer,
  ) {}

  static open(options: SqliteKeyStoreOptions): SqliteKeyStore {
    if (options.masterKey.length !== 32) throw new KeyStoreError('MASTER_KEY_INVALID', 'The master key must be 32 bytes');
    mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    db.pragma('journal_mode = WAL');
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
    const store = new SqliteKeyStore(db, options.masterKey);
    store.checkMasterKey();
    return store;
  }

  async activeKey(keyId: string): Promise<SubjectKey> {
    this.assertUsable(keyId);
    const cached = this.cache.get(keyId);
    if (cached) return cached;
    const row = this.db
      .prepare<[string], { version: number; wrapped: Buffer }>('SELECT version, wrapped FROM subject_keys WHERE key_id = ? ORDER BY version DESC LIMIT 1')
      .get(keyId);
    const key = row ? { keyId, version: row.version, key: this.unwrap(keyId, row.version, row.wrapped) } : this.create(keyId, 1);
    this.cache.set(keyId, key);
    return key;
  }

  async keyFor(keyId: string, version: number): Promise<SubjectKey | null> {
    this.assertOpen();
    if (!KEY_ID_PATTERN.test(keyId)) return null;
    const cached = this.cache.get(keyId);
    if (cached?.version === version) return cached;
    const row = this.db
      .prepare<[string, number], { wrapped: Buffer }>('SELECT wrapped FROM subject_keys WHERE key_id = ? AND version = ?')
      .get(keyId, version);
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.db.close();
  }

  private create(keyId: string, version: number): SubjectKey {
    const key = randomBytes(32);
    this.db
      .prepare('INSERT INTO subject_keys (key_id, version, wrapped, created_at) VALUES (?, ?, ?, ?)')
      .run(keyId, version, this.wrap(keyId, version, key), new Date().toISOString());
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
    if (this.db.prepare('SELECT 1 FROM destroyed_keys WHERE key_id = ?').get(keyId)) {
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
