import { join } from 'node:path';
import type { SqliteWorkerData } from '@tppo/sqlite-worker';

/**
 * The write side of the SQLite read store, in a worker thread: while it inserts a batch's documents,
 * the projector's thread reads, decodes and folds the next batch. Its program follows the protocol of
 * every SQLite writer thread here (@tppo/sqlite-worker). The program is sqlite-read-writer.worker.ts;
 * these are the messages both sides exchange.
 */

/** The writer's module, for startWorker. */
export const READ_WRITER_ENTRY = join(__dirname, 'sqlite-read-writer.worker');

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
