import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What every SQLite worker's data carries. */
export interface SqliteWorkerData {
  readonly file: string;
}

/** What a worker's setup returns: the answer to each message, and what to do when one throws. */
export interface SqliteWorkerProgram<In, Out> {
  readonly handle: (message: In) => Out;
  /** Runs when `handle` throws, before the failure is answered (e.g. to drop cached state). */
  readonly onFailure?: () => void;
}

export type SqliteWorkerFailure = { readonly kind: 'failed'; readonly message: string };

/**
 * The body of a SQLite writer thread. The event store's, the read store's and the idempotency
 * store's writers each own one connection in a worker thread and speak the same small protocol: a
 * message is answered with what `handle(message)` returns, in the order sent; a message that throws
 * is answered `{ kind: 'failed', message }` (the thread lives on); `{ kind: 'close' }` closes the
 * connection and ends the thread. Called once, at the top of a `*.worker.ts` module.
 */
export const serveSqlite = <Data extends SqliteWorkerData, In, Out>(
  setup: (db: Database.Database, data: Data) => SqliteWorkerProgram<In, Out>,
  { announceReady = false }: { readonly announceReady?: boolean } = {},
): void => {
  const port = parentPort;
  if (!port) throw new Error('serveSqlite runs only inside a worker thread');
  const data = workerData as Data;
  const db = new Database(data.file);
  db.pragma('journal_mode = WAL');
  const { handle, onFailure } = setup(db, data);
  port.on('message', (message: In | { readonly kind: 'close' }) => {
    if ((message as { kind?: unknown }).kind === 'close') {
      db.close();
      port.close();
      return;
    }
    try {
      port.postMessage(handle(message as In));
    } catch (error) {
      onFailure?.();
      port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies SqliteWorkerFailure);
    }
  });
  if (announceReady) port.postMessage({ kind: 'ready' });
};
