import { join } from 'node:path';

/**
 * The idempotency store's connection, in a worker thread: inserting the remembered answers and
 * committing them (WAL writes) cost the event loop ~7% of a command's CPU, and a lookup on another
 * connection of the event loop's, whose page cache each of those commits empties, ~6% more. Its program follows
 * the protocol of every SQLite writer thread here (@tppo/sqlite-worker). The program is
 * idempotency-writer.worker.ts; these are the messages both sides exchange.
 */

/** The writer's module, for startWorker. */
export const IDEMPOTENCY_WRITER_ENTRY = join(__dirname, 'idempotency-writer.worker');

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
