import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * How long an answer may wait in memory. Lookups see it at once; a crash loses at most this much,
 * and then a retry is answered from the event store (same events, same ids) instead.
 */
const FLUSH_MS = 50;

export interface RememberedResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

/**
 * First responses by Idempotency-Key, scoped to the calling unit. The event store is what makes a
 * retry append nothing (event ids derive from the key); this table adds the first response and
 * the request fingerprint, so the same key with another body is refused.
 */
export class IdempotencyStore {
  private readonly find: Database.Statement<[string, string], { fingerprint: string; status: number; body: string }>;
  private readonly insert: Database.Statement<[string, string, string, number, string, string]>;
  /** Answers not yet written: one transaction every FLUSH_MS instead of one per request. */
  private pending = new Map<string, { unitId: string; key: string; response: RememberedResponse; at: string }>();

  private constructor(private readonly db: Database.Database) {
    this.find = db.prepare('SELECT fingerprint, status, body FROM responses WHERE unit_id = ? AND idempotency_key = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO responses (unit_id, idempotency_key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  static open(file: string): IdempotencyStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // NORMAL is enough here: losing the last remembered response on power loss only means a retry is
    // answered again from the event store, which already holds the events under the same ids.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Checkpoints run on the event loop: fewer, larger ones.
    db.pragma('wal_autocheckpoint = 10000');
    db.exec(`CREATE TABLE IF NOT EXISTS responses (
      unit_id TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      status INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (unit_id, idempotency_key)
    ) STRICT, WITHOUT ROWID`);
    db.exec('CREATE INDEX IF NOT EXISTS responses_by_age ON responses (created_at)');
    return new IdempotencyStore(db);
  }

  lookup(unitId: string, key: string): RememberedResponse | undefined {
    const waiting = this.pending.get(`${unitId}\n${key}`);
    if (waiting) return waiting.response;
    const row = this.find.get(unitId, key);
    return row && { fingerprint: row.fingerprint, status: row.status, body: JSON.parse(row.body) as unknown };
  }

  remember(unitId: string, key: string, response: RememberedResponse): void {
    const id = `${unitId}\n${key}`;
    if (this.pending.has(id)) return;
    if (this.pending.size === 0) setTimeout(() => this.flush(), FLUSH_MS).unref();
    this.pending.set(id, { unitId, key, response, at: new Date().toISOString() });
  }

  /** Writes the remembered answers; the first answer for a key wins, as INSERT OR IGNORE keeps it. */
  flush(): void {
    if (this.pending.size === 0 || !this.db.open) return;
    const batch = [...this.pending.values()];
    this.db.transaction(() => {
      for (const { unitId, key, response, at } of batch) this.insert.run(unitId, key, response.fingerprint, response.status, JSON.stringify(response.body), at);
    })();
    this.pending = new Map();
  }

  /** Forgets responses older than `before`; a key retried after that is answered from the event store again. */
  prune(before: Date): number {
    return this.db.prepare('DELETE FROM responses WHERE created_at < ?').run(before.toISOString()).changes;
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}
