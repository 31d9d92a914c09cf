import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  type FromIdempotencyWriter,
  IDEMPOTENCY_WRITER_ENTRY,
  INSERT_RESPONSE,
  type ToIdempotencyWriter,
  type WireResponse,
} from './idempotency-writer';
import { type SqliteWorkerData, startWorker, TurnBatch } from '@tppo/sqlite-worker';

/**
 * How long an answer may wait in memory. Lookups see it at once; a crash loses at most this much,
 * and then a retry is answered from the event store (same events, same ids) instead.
 */
const FLUSH_MS = 50;
/** After failed writes the retries back off, doubling up to this, so a lasting fault is not logged 20 times a second. */
const MAX_RETRY_MS = 5_000;

export interface RememberedResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: unknown;
}

interface Remembered {
  readonly id: string;
  readonly response: RememberedResponse;
  readonly row: WireResponse;
}

/** A message sent to the writer thread, waiting for its answer. */
type Sent =
  | { readonly kind: 'insert'; readonly batch: Remembered[] }
  | { readonly kind: 'lookup'; readonly waiters: readonly Lookup[] };

interface Lookup {
  readonly unitId: string;
  readonly key: string;
  readonly resolve: (found: RememberedResponse | undefined) => void;
  readonly reject: (error: Error) => void;
}

/**
 * First responses by Idempotency-Key, scoped to the calling unit. The event store is what makes a
 * retry append nothing (event ids derive from the key); this table adds the first response and
 * the request fingerprint, so the same key with another body is refused.
 *
 * A worker thread owns the table: it writes the answers, one transaction per FLUSH_MS, and answers
 * lookups, in the order they were sent. Until it has committed an answer, lookups find it in memory.
 */
export class IdempotencyStore {
  /** Answers not yet committed (waiting, or sent to the writer), by unit and key. */
  private readonly pending = new Map<string, Remembered>();
  /** Answers waiting for the next flush. */
  private waiting: Remembered[] = [];
  /** Messages sent to the writer and not yet answered, oldest first (it answers in order). */
  private readonly inFlight: Sent[] = [];
  private writer: Worker | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private idle: (() => void)[] = [];
  /**
   * Lookups of this turn of the event loop, sent together at its end: each message to a thread costs
   * a wake-up (~10 µs here), which one per command made as dear as the lookup it replaced.
   */
  private readonly lookups = new TurnBatch<Lookup>((waiters) =>
    this.send({ kind: 'lookup', keys: waiters.map((w) => [w.unitId, w.key] as const) }, { kind: 'lookup', waiters }),
  );

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly onWriteError: (error: Error) => void,
  ) {}

  static open(file: string, onWriteError: (error: Error) => void = () => undefined): IdempotencyStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // NORMAL is enough here: losing the last remembered response on power loss only means a retry is
    // answered again from the event store, which already holds the events under the same ids.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // This connection creates the table and prunes it at start; the writer thread does the rest.
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
    return new IdempotencyStore(db, file, onWriteError);
  }

  async lookup(unitId: string, key: string): Promise<RememberedResponse | undefined> {
    const held = this.pending.get(`${unitId}\n${key}`);
    if (held) return held.response;
    if (this.closing) throw new Error('The idempotency store is closed');
    return new Promise((resolve, reject) => this.lookups.add({ unitId, key, resolve, reject }));
  }

  private send(message: ToIdempotencyWriter, sent: Sent): void {
    this.inFlight.push(sent);
    const writer = this.startWriter();
    writer.ref();
    writer.postMessage(message);
  }

  /** The delay before the next flush: FLUSH_MS, or longer while writes fail. */
  private flushDelayMs = FLUSH_MS;

  remember(unitId: string, key: string, response: RememberedResponse): void {
    if (this.closing) return;
    const id = `${unitId}\n${key}`;
    if (this.pending.has(id)) return;
    const remembered = { id, response, row: [unitId, key, response.fingerprint, response.status, JSON.stringify(response.body), new Date().toISOString()] as WireResponse };
    this.pending.set(id, remembered);
    this.waiting.push(remembered);
    this.scheduleFlush();
  }

  /** One flush timer at a time, after the current delay; none once closing (close() flushes itself). */
  private scheduleFlush(): void {
    if (!this.closing) this.flushTimer ??= setTimeout(() => this.flush(), this.flushDelayMs).unref();
  }

  /** After a failed write: the delay doubles, and what waits is tried again then. */
  private retryLater(): void {
    this.flushDelayMs = Math.min(this.flushDelayMs * 2, MAX_RETRY_MS);
    if (this.waiting.length > 0) this.scheduleFlush();
  }

  /** Sends the waiting answers to the writer, as one transaction. */
  private flush(): void {
    this.flushTimer = undefined;
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.send({ kind: 'insert', rows: batch.map((r) => r.row) }, { kind: 'insert', batch });
  }

  private startWriter(): Worker {
    if (this.writer) return this.writer;
    const workerData: SqliteWorkerData = { file: this.file };
    const writer = startWorker(IDEMPOTENCY_WRITER_ENTRY, workerData);
    writer.on('message', (message: FromIdempotencyWriter) => this.answered(message));
    writer.on('error', (error: unknown) => this.writerLost(error instanceof Error && error.message ? error : new Error(`The idempotency writer thread failed: ${String(error)}`)));
    writer.on('exit', (code) => {
      if (this.inFlight.length > 0 || !this.closing) this.writerLost(new Error(`The idempotency writer thread exited with code ${code}`));
    });
    this.writer = writer;
    return writer;
  }

  private answered(message: FromIdempotencyWriter): void {
    const sent = this.inFlight.shift();
    if (sent?.kind === 'lookup') {
      if (message.kind === 'found') {
        sent.waiters.forEach((waiter, i) => {
          const row = message.rows[i];
          waiter.resolve(row === null || row === undefined ? undefined : { fingerprint: row[0], status: row[1], body: JSON.parse(row[2]) as unknown });
        });
      } else {
        const error = new Error(`The idempotency store could not be read: ${message.kind === 'failed' ? message.message : message.kind}`);
        for (const waiter of sent.waiters) waiter.reject(error);
      }
    } else if (sent?.kind === 'insert') this.inserted(sent.batch, message);
    if (this.inFlight.length === 0) {
      this.writer?.unref();
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private inserted(batch: readonly Remembered[], message: FromIdempotencyWriter): void {
    if (message.kind === 'done') {
      this.flushDelayMs = FLUSH_MS;
      // Committed: the table answers lookups from now on.
      for (const remembered of batch) if (this.pending.get(remembered.id) === remembered) this.pending.delete(remembered.id);
    } else {
      // Kept in memory and tried again with the next flush; a retry of the request meanwhile is still answered.
      this.onWriteError(new Error(`The idempotency store could not write: ${message.kind === 'failed' ? message.message : message.kind}`));
      this.waiting.unshift(...batch);
      this.retryLater();
    }
  }

  private writerLost(error: Error): void {
    this.onWriteError(error);
    this.writer = undefined;
    // What the lost writer held is written again by a new one; its lookups fail.
    for (const sent of this.inFlight.splice(0)) {
      if (sent.kind === 'insert') this.waiting.unshift(...sent.batch);
      else for (const waiter of sent.waiters) waiter.reject(error);
    }
    for (const resolve of this.idle.splice(0)) resolve();
    this.retryLater();
  }

  /** Forgets responses older than `before`; a key retried after that is answered from the event store again. */
  prune(before: Date): number {
    return this.db.prepare('DELETE FROM responses WHERE created_at < ?').run(before.toISOString()).changes;
  }

  /** Writes what is waiting, waits for the writer, then closes both connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      // Lookups asked before the close are answered.
      this.lookups.flush();
      this.flush();
      if (this.inFlight.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
      const writer = this.writer;
      if (writer) {
        const exited = new Promise((resolve) => writer.once('exit', resolve));
        writer.ref();
        writer.postMessage({ kind: 'close' } satisfies ToIdempotencyWriter);
        await exited;
      }
      // Whatever the writer could not take is written here, on the way out.
      if (this.waiting.length > 0 && this.db.open) {
        const insert = this.db.prepare(INSERT_RESPONSE);
        this.db.transaction(() => {
          for (const r of this.waiting) insert.run(...r.row);
        })();
        this.waiting = [];
      }
      if (this.db.open) this.db.close();
    })();
    return this.closing;
  }
}
