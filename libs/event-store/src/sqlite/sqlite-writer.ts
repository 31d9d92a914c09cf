import { join } from 'node:path';
import type { SqliteWorkerData } from '@tppo/sqlite-worker';

/**
 * The write side of the SQLite event store, run in a worker thread so that the event loop keeps
 * hashing, validating and collecting the next batch while this thread inserts and waits for fsync.
 * Its program (sqlite-writer.worker.ts) follows the protocol of every SQLite writer thread here
 * (@tppo/sqlite-worker); these are the messages both sides exchange.
 */

/** The writer's and the checkpointer's modules, for startWorker. */
export const WRITER_ENTRY = join(__dirname, 'sqlite-writer.worker');
export const CHECKPOINTER_ENTRY = join(__dirname, 'sqlite-checkpointer.worker');

/** [eventId, streamId, revision, type, schemaVersion, data JSON, occurredAt, recordedAt, actor JSON, correlationId, causationId, prevHash, hash] */
export type WireRow = [string, string, number, string, number, string, string, string, string, string, string | null, string, string];

export interface WireAppend {
  readonly streamId: string;
  /** -1 for no_stream. */
  readonly expected: number;
  readonly rows: readonly WireRow[];
}

export type WireOutcome =
  | { readonly ok: true; readonly revision: number; readonly position: number; readonly written: boolean }
  | { readonly ok: false; readonly kind: 'wrong'; readonly actual: number }
  | { readonly ok: false; readonly kind: 'invalid'; readonly message: string };

export type ToWriter = { readonly kind: 'batch'; readonly appends: readonly WireAppend[] } | { readonly kind: 'close' };
export type FromWriter =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly outcomes: readonly WireOutcome[] }
  | { readonly kind: 'failed'; readonly message: string };

export interface WriterData extends SqliteWorkerData {
  readonly genesisHash: string;
  readonly busyTimeoutMs: number;
  readonly walAutocheckpointPages: number;
  readonly cacheKib: number;
}

export interface CheckpointerData extends SqliteWorkerData {
  readonly intervalMs: number;
}
