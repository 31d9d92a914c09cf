import { sqliteWorkerSource } from '@tppo/sqlite-worker';

/**
 * The idempotency store's connection, in a worker thread: inserting the remembered answers and
 * committing them (WAL writes) cost the event loop ~7% of a command's CPU, and a lookup on another
 * connection of the event loop's, whose page cache each of those commits empties, ~6% more. Its program follows
 * the protocol of every SQLite writer thread here (@tppo/sqlite-worker).
 */

/** [unit id, idempotency key, fingerprint, status, body JSON, created at] */
export type WireResponse = [string, string, string, number, string, string];

/** [fingerprint, status, body JSON] */
export type WireFound = [string, number, string];

/** Each message but `close` gets one answer, in the order sent. */
export type ToIdempotencyWriter =
  | { readonly kind: 'insert'; readonly rows: readonly WireResponse[] }
  /** [unit id, key] pairs: the lookups of one turn of the event loop, in one message. */
  | { readonly kind: 'lookup'; readonly keys: readonly (readonly [string, string])[] }
  | { readonly kind: 'close' };
export type FromIdempotencyWriter =
  | { readonly kind: 'done' }
  /** One entry per key looked up, in order. */
  | { readonly kind: 'found'; readonly rows: readonly (WireFound | null)[] }
  | { readonly kind: 'failed'; readonly message: string };

/** Keeps the first answer for a key (OR IGNORE): used by the writer thread, and by close() for what it could not take. */
export const INSERT_RESPONSE =
  'INSERT OR IGNORE INTO responses (unit_id, idempotency_key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)';

export const IDEMPOTENCY_WRITER_SOURCE = sqliteWorkerSource({
  setup: String.raw`
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
db.pragma('wal_autocheckpoint = 10000');
// The first answer for a key wins, as INSERT OR IGNORE keeps it. Prepared on first use, inside the
// error handling of each message: a failure is then an answer, not a dead thread.
let statements;
const prepared = () => {
  if (statements) return statements;
  const insert = db.prepare(${JSON.stringify(INSERT_RESPONSE)});
  statements = {
    insertAll: db.transaction((rows) => {
      for (const r of rows) insert.run(r[0], r[1], r[2], r[3], r[4], r[5]);
    }),
    find: db.prepare('SELECT fingerprint, status, body FROM responses WHERE unit_id = ? AND idempotency_key = ?').raw(true),
  };
  return statements;
};
const handle = (m) => {
  if (m.kind === 'lookup') {
    const find = prepared().find;
    return { kind: 'found', rows: m.keys.map((k) => find.get(k[0], k[1]) || null) };
  }
  prepared().insertAll(m.rows);
  return { kind: 'done' };
};`,
});
