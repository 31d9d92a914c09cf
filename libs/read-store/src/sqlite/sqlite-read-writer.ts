import { sqliteWorkerSource, type SqliteWorkerData } from '@tppo/sqlite-worker';

/**
 * The write side of the SQLite read store, in a worker thread: while it inserts a batch's documents,
 * the projector's thread reads, decodes and folds the next batch. Its program follows the protocol of
 * every SQLite writer thread here (@tppo/sqlite-worker).
 */

/** [document id, JSON body or null to delete] */
export type WireChange = [string, string | null];
/** [projection, position, eventId, type, reason, at] */
export type WirePoisoned = [string, string, string, string, string, string];

/** One projection's batch: its documents, parked events and new checkpoint. */
export interface WireCommit {
  readonly projection: string;
  readonly version: number;
  readonly position: string;
  readonly changes: readonly WireChange[];
  readonly poisoned: readonly WirePoisoned[];
}

export type ToReadWriter =
  /** The commits of one turn of the projector (one per projection), written in one transaction. */
  | { readonly kind: 'commits'; readonly commits: readonly WireCommit[] }
  | { readonly kind: 'reset'; readonly projection: string }
  | { readonly kind: 'close' };

export type FromReadWriter = { readonly kind: 'done' } | { readonly kind: 'failed'; readonly message: string };

export interface ReadWriterData extends SqliteWorkerData {
  readonly busyTimeoutMs: number;
}

export const READ_WRITER_SOURCE = sqliteWorkerSource({
  setup: String.raw`
// A lost read-model write is rebuilt from the event log; the checkpoint commits with it.
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = ' + data.busyTimeoutMs);
const upsert = db.prepare('INSERT INTO documents (projection, id, body) VALUES (?, ?, ?) ON CONFLICT (projection, id) DO UPDATE SET body = excluded.body');
const remove = db.prepare('DELETE FROM documents WHERE projection = ? AND id = ?');
const park = db.prepare('INSERT OR IGNORE INTO poisoned (projection, position, event_id, type, reason, at) VALUES (?, ?, ?, ?, ?, ?)');
const saveCheckpoint = db.prepare('INSERT INTO checkpoints (projection, position, version) VALUES (?, ?, ?) ON CONFLICT (projection) DO UPDATE SET position = excluded.position, version = excluded.version');
const resetDocuments = db.prepare('DELETE FROM documents WHERE projection = ?');
const resetCheckpoint = db.prepare('DELETE FROM checkpoints WHERE projection = ?');
const resetPoisoned = db.prepare('DELETE FROM poisoned WHERE projection = ?');

const commits = db.transaction((list) => {
  for (const m of list) {
    for (const [id, body] of m.changes) {
      if (body === null) remove.run(m.projection, id);
      else upsert.run(m.projection, id, body);
    }
    for (const p of m.poisoned) park.run(p[0], BigInt(p[1]), p[2], p[3], p[4], p[5]);
    saveCheckpoint.run(m.projection, BigInt(m.position), m.version);
  }
});
const reset = db.transaction((projection) => {
  resetDocuments.run(projection);
  resetCheckpoint.run(projection);
  resetPoisoned.run(projection);
});

const handle = (m) => {
  if (m.kind === 'commits') commits(m.commits);
  else reset(m.projection);
  return { kind: 'done' };
};`,
});
