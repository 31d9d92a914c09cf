import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { KeyStoreError } from './key-store.port';
import { masterKeyId, unwrapDataKey } from './master-key';

/**
 * The master key rotation last started in this key store. It stays recorded once complete: a
 * process that started before it finds the new master key through `keyFile`, and refuses the
 * retired one at its next start.
 */
export interface MasterKeyRotationRecord {
  readonly fromMaster: string;
  readonly toMaster: string;
  /** Where the new master key waits until the rotation completes. */
  readonly nextKeyFile: string;
  /** Where it goes once complete; null when the master key comes from the environment. */
  readonly keyFile: string | null;
  readonly startedAt: string;
  readonly completedAt: string | null;
}

/** Schema versions, in `PRAGMA user_version`. Files written before version 1 have no master ids. */
const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) => {
    db.exec('ALTER TABLE subject_keys ADD COLUMN master_id TEXT');
    db.exec(`CREATE TABLE master_key_rotation (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      from_master TEXT NOT NULL,
      to_master TEXT NOT NULL,
      next_key_file TEXT NOT NULL,
      key_file TEXT,
      started_at TEXT NOT NULL,
      completed_at TEXT
    ) STRICT`);
  },
];

/** Opens (and creates or migrates) a key database, without reading any key. */
export const openKeyDatabase = (file: string): Database.Database => {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: SQLite syncs the WAL before a commit returns, so a key is on disk before anything is
  // sealed with it. Under NORMAL a power cut may roll back the last commits; a value sealed with a
  // key lost that way could never be opened again, while its event survives in the other file.
  // Only SQLite knows which WAL frames a commit wrote and when the WAL restarts after a
  // checkpoint, so the sync is left to it rather than done on its files from outside.
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  // The schema as first written; later changes are migrations, so files of every age open.
  db.exec(`CREATE TABLE IF NOT EXISTS subject_keys (
    key_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    wrapped BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (key_id, version)
  ) STRICT`);
  db.exec(`CREATE TABLE IF NOT EXISTS destroyed_keys (key_id TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL) STRICT`);
  migrate(db);
  return db;
};

const migrate = (db: Database.Database): void => {
  db.transaction(() => {
    const from = db.pragma('user_version', { simple: true }) as number;
    for (const step of MIGRATIONS.slice(from)) step(db);
    if (from < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
};

/**
 * Rows written before master ids were recorded were all wrapped by the one master key there was:
 * they get its id once that key is shown to unwrap one of them.
 */
export const claimUnmarkedRows = (db: Database.Database, masterKey: Buffer): void => {
  db.transaction(() => {
    const row = db
      .prepare<[], { key_id: string; version: number; wrapped: Buffer }>('SELECT key_id, version, wrapped FROM subject_keys WHERE master_id IS NULL LIMIT 1')
      .get();
    if (!row) return;
    if (!unwrapDataKey(masterKey, row.key_id, row.version, row.wrapped)) {
      throw new KeyStoreError('MASTER_KEY_INVALID', `A data key could not be unwrapped: the master key (id ${masterKeyId(masterKey)}) does not match this key store`);
    }
    db.prepare('UPDATE subject_keys SET master_id = ? WHERE master_id IS NULL').run(masterKeyId(masterKey));
  }).immediate();
};

export const readRotation = (db: Database.Database): MasterKeyRotationRecord | undefined => {
  const row = db
    .prepare<[], { from_master: string; to_master: string; next_key_file: string; key_file: string | null; started_at: string; completed_at: string | null }>(
      'SELECT from_master, to_master, next_key_file, key_file, started_at, completed_at FROM master_key_rotation WHERE id = 1',
    )
    .get();
  return (
    row && {
      fromMaster: row.from_master,
      toMaster: row.to_master,
      nextKeyFile: row.next_key_file,
      keyFile: row.key_file,
      startedAt: row.started_at,
      completedAt: row.completed_at,
    }
  );
};

/** How many data keys each master key wraps (by id), most first. */
export const keysByMaster = (db: Database.Database): { masterId: string | null; keys: number }[] =>
  db
    .prepare<[], { master_id: string | null; keys: number }>('SELECT master_id, count(*) AS keys FROM subject_keys GROUP BY master_id ORDER BY keys DESC')
    .all()
    .map((row) => ({ masterId: row.master_id, keys: row.keys }));
