/**
 * The program of a SQLite writer thread, as source text. The event store's, the read store's and the
 * idempotency store's writers each own one connection in a worker thread and speak the same small
 * protocol: a message is answered with what `handle(message)` returns, in the order sent; a message
 * that throws is answered `{ kind: 'failed', message }` (the thread lives on); `{ kind: 'close' }`
 * closes the connection and ends the thread.
 *
 * Workers start from source text (eval'd), not from a file: a worker thread passes through none of
 * jest's, tsx's or Nest's TypeScript loaders, and a string survives every build. Deliberately not
 * `someFunction.toString()`: compilers and coverage instrumentation rewrite a function's text with
 * helpers the worker cannot resolve.
 */
export interface SqliteWorkerProgram {
  /**
   * JavaScript run once the connection is open in WAL mode, with `db` (the connection), `data` (the
   * worker data: at least `file` and `driverPath`) and `port` in scope. It sets its pragmas, prepares
   * its statements and must define `handle(message)`, whose result is posted back as the answer.
   */
  readonly setup: string;
  /** JavaScript run when `handle` throws, before the failure is answered (e.g. to drop cached state). */
  readonly onFailure?: string;
  /** Post `{ kind: 'ready' }` once set up. */
  readonly announceReady?: boolean;
}

/** What every SQLite worker's data carries. */
export interface SqliteWorkerData {
  readonly file: string;
  /** `require.resolve('better-sqlite3')` of the caller, so the thread loads the very same driver. */
  readonly driverPath: string;
}

export const sqliteWorkerSource = ({ setup, onFailure = '', announceReady = false }: SqliteWorkerProgram): string => `
'use strict';
const { parentPort: port, workerData: data } = require('node:worker_threads');
const Driver = require(data.driverPath);
const db = new Driver(data.file);
db.pragma('journal_mode = WAL');
${setup}
port.on('message', (message) => {
  if (message.kind === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    port.postMessage(handle(message));
  } catch (error) {
    ${onFailure}
    port.postMessage({ kind: 'failed', message: String(error && error.message ? error.message : error) });
  }
});
${announceReady ? "port.postMessage({ kind: 'ready' });" : ''}
`;
