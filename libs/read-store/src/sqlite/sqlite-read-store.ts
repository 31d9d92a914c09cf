import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { checkedFields, type Checkpoint, type DocumentChange, type FindOptions, type PoisonedEvent, type ReadStore } from '../read-store.port';

/** The embedded read store: one table of JSON documents per projection name, checkpoints beside them. */
export class SqliteReadStore implements ReadStore {
  private readonly statements;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      checkpoint: db.prepare<[string], { position: bigint | null; version: number }>('SELECT position, version FROM checkpoints WHERE projection = ?').safeIntegers(true),
      saveCheckpoint: db.prepare('INSERT INTO checkpoints (projection, position, version) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version'),
      upsert: db.prepare('INSERT INTO documents (projection, id, body) VALUES (?, ?, ?) ON CONFLICT (projection, id) DO UPDATE SET body = excluded.body'),
      remove: db.prepare('DELETE FROM documents WHERE projection = ? AND id = ?'),
      get: db.prepare<[string, string], { body: string }>('SELECT body FROM documents WHERE projection = ? AND id = ?'),
      park: db.prepare('INSERT OR IGNORE INTO poisoned (projection, position, event_id, type, reason, at) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  static open(file: string): SqliteReadStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // A lost read-model write is rebuilt from the event log; the checkpoint commits with it.
    db.pragma('synchronous = NORMAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS documents (projection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (projection, id)) STRICT, WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (projection TEXT PRIMARY KEY, position INTEGER, version INTEGER NOT NULL) STRICT;
      CREATE TABLE IF NOT EXISTS poisoned (projection TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
        reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (projection, position)) STRICT;
    `);
    return new SqliteReadStore(db);
  }

  async checkpoint(projection: string): Promise<Checkpoint | null> {
    const row = this.statements.checkpoint.get(projection);
    return row ? { position: row.position, version: Number(row.version) } : null;
  }

  async commit(projection: string, version: number, position: bigint, changes: readonly DocumentChange[], poisoned: readonly PoisonedEvent[]): Promise<void> {
    this.db.transaction(() => {
      for (const { id, document } of changes) {
        if (document === null) this.statements.remove.run(projection, id);
        else this.statements.upsert.run(projection, id, JSON.stringify(document));
      }
      for (const p of poisoned) this.statements.park.run(p.projection, p.position, p.eventId, p.type, p.reason, p.at);
      this.statements.saveCheckpoint.run(projection, position, version);
    })();
  }

  async get<D>(projection: string, id: string): Promise<D | undefined> {
    const row = this.statements.get.get(projection, id);
    return row ? (JSON.parse(row.body) as D) : undefined;
  }

  async find<D>(projection: string, options: FindOptions): Promise<D[]> {
    const { where, contains, orderBy } = checkedFields(options);
    const sql = [
      'SELECT body FROM documents WHERE projection = ?',
      ...where.map(([field]) => `AND body ->> '$.${field}' = ?`),
      ...contains.map(([field]) => `AND EXISTS (SELECT 1 FROM json_each(body, '$.${field}') WHERE value = ?)`),
      orderBy ? `ORDER BY body ->> '$.${orderBy}', id` : 'ORDER BY id',
      'LIMIT ? OFFSET ?',
    ].join(' ');
    const rows = this.db.prepare(sql).all(projection, ...where.map(([, value]) => value), ...contains.map(([, value]) => value), options.limit, options.offset) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as D);
  }

  async reset(projection: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE projection = ?').run(projection);
      this.db.prepare('DELETE FROM checkpoints WHERE projection = ?').run(projection);
      this.db.prepare('DELETE FROM poisoned WHERE projection = ?').run(projection);
    })();
  }

  async poisoned(projection?: string): Promise<PoisonedEvent[]> {
    const rows = (
      projection === undefined
        ? this.db.prepare('SELECT * FROM poisoned ORDER BY position').safeIntegers(true).all()
        : this.db.prepare('SELECT * FROM poisoned WHERE projection = ? ORDER BY position').safeIntegers(true).all(projection)
    ) as { projection: string; position: bigint; event_id: string; type: string; reason: string; at: string }[];
    return rows.map((r) => ({ projection: r.projection, position: r.position, eventId: r.event_id, type: r.type, reason: r.reason, at: r.at }));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
