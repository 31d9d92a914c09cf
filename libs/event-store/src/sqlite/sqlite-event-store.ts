import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  type Actor,
  type AllSubscription,
  type AppendResult,
  type EventRecord,
  type EventStore,
  type ExpectedRevision,
  GENESIS_HASH,
  InvalidAppendError,
  type ReadAllOptions,
  type ReadStreamOptions,
  revisionOf,
  StoreClosedError,
  type StoredEvent,
  StoreUnavailableError,
  type SubscriptionMessage,
  WrongExpectedRevisionError,
} from '@tppo/eventsourcing';
import { startWorker } from '@tppo/sqlite-worker';
import { checkAppend } from '../append-checks';
import { type Follower as BaseFollower, pause, subscriptionOf } from '../follower';
import { migrate, NEW_FILE_PAGE_SIZE } from './schema';
import {
  CHECKPOINTER_ENTRY,
  type CheckpointerData,
  type FromWriter,
  type ToWriter,
  type WireAppend,
  type WireOutcome,
  type WireRow,
  WRITER_ENTRY,
  type WriterData,
} from './sqlite-writer';

export interface SqliteEventStoreOptions {
  readonly file: string;
  /** How often a live subscription looks for events appended by another process (same-process commits wake it at once). */
  readonly pollIntervalMs?: number;
  /** Upper bound of appends written in one transaction. */
  readonly maxBatch?: number;
  /** Batches handed to the writer thread before the first is answered (2: one commits while the next waits). */
  readonly maxInFlight?: number;
  readonly busyTimeoutMs?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly wire: WireAppend;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Row = [number, string, string, number, number, string, string, string, string, string | null, string, string];

/** What many events share, stored once (schema.ts). */
interface Header {
  readonly type: string;
  readonly schemaVersion: number;
  readonly actor: Actor;
}

const SELECT = 'SELECT position, event_id, stream_id, revision, header_id, data, occurred_at, recorded_at, correlation_id, causation_id, prev_hash, hash FROM events';
const SUBSCRIPTION_PAGE = 1000;
const MIN_EARLY_START = 8;

interface Follower extends BaseFollower {
  /** A commit happened since the last read. */
  signalled: boolean;
}

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL.
 *
 * Appends are validated on the calling thread (shape, revisions, hash chain) and group-committed by
 * a writer thread: every append queued while one transaction is being written and fsynced goes
 * into the next transaction, each checked on its own against the state inside it. An append's
 * promise resolves only after its transaction committed. Reads use a second connection on this
 * thread; WAL lets them run while the writer commits.
 */
export class SqliteEventStore implements EventStore {
  private readonly committed = new EventEmitter();
  private readonly statements;
  private readonly headers = new Map<number, Header>();
  private queue: PendingAppend[] = [];
  /** Batches sent to the writer and not yet answered, oldest first. */
  private inFlight: PendingAppend[][] = [];
  private flushScheduled = false;
  /** While the writer is idle, a queue this long is sent without waiting for the end of the tick. */
  private earlyStart = Number.POSITIVE_INFINITY;
  private writer: Worker | undefined;
  private checkpointer: Worker | undefined;
  private writerFailure: Error | undefined;
  private writerExited = false;
  private idle: (() => void)[] = [];
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly options: Required<Omit<SqliteEventStoreOptions, 'file'>>,
  ) {
    this.committed.setMaxListeners(0);
    this.statements = {
      readStream: db.prepare(`${SELECT} WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(true),
      readAll: db.prepare(`${SELECT} WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      headPosition: db.prepare('SELECT MAX(position) FROM events').pluck(true).safeIntegers(true),
      countAfter: db.prepare('SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE position > ? LIMIT ?)').pluck(true),
      header: db.prepare('SELECT type, schema_version, actor FROM headers WHERE id = ?').raw(true),
      ping: db.prepare('SELECT 1').pluck(true),
    };
  }

  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      db = new Database(options.file);
      // Takes effect only on a new, empty file: an existing file keeps its page size.
      db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      // Reading the log walks the file front to back: mapped pages spare a system call per page.
      db.pragma(`mmap_size = ${1 << 30}`);
      migrate(db);
    } catch (error) {
      db?.close();
      throw new StoreUnavailableError(`The event store file ${options.file} cannot be opened`, { cause: error });
    }
    return new SqliteEventStore(db, options.file, {
      pollIntervalMs: options.pollIntervalMs ?? 250,
      maxBatch: options.maxBatch ?? 1024,
      maxInFlight: options.maxInFlight ?? 2,
      busyTimeoutMs,
    });
  }

  appendToStream(streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new StoreClosedError());
    if (this.writerFailure) return Promise.reject(this.unavailable(this.writerFailure));
    let wire: WireAppend;
    try {
      wire = { streamId, expected: revisionOf(checkAppend(streamId, expected, events)), rows: events.map(toRow) };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expected, wire, resolve, reject });
      if (this.inFlight.length >= this.options.maxInFlight) return;
      // Start the writer on part of a burst rather than all of it: while it commits that part, this
      // thread validates the rest. The batches then take turns, and hashing overlaps with fsync.
      if (this.queue.length >= this.earlyStart) {
        this.flush();
        return;
      }
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // One turn of the event loop lets every append issued in this tick join the batch.
        setImmediate(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (this.inFlight.length >= this.options.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxBatch);
    this.inFlight.push(batch);
    this.earlyStart = Math.max(MIN_EARLY_START, Math.ceil(batch.length / 2));
    try {
      const writer = this.startWriter();
      writer.ref();
      writer.postMessage({ kind: 'batch', appends: batch.map((a) => a.wire) } satisfies ToWriter);
    } catch (error) {
      this.failWriter(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private startWriter(): Worker {
    if (this.writer) return this.writer;
    const workerData: WriterData = {
      file: this.file,
      genesisHash: GENESIS_HASH,
      busyTimeoutMs: this.options.busyTimeoutMs,
      // The checkpointer thread keeps the WAL short; the writer checkpoints inline only as a safety
      // net, if the WAL passes 100,000 pages (~200 MB with 2 KiB pages; the checkpointer stopped, or
      // a reader held it back).
      walAutocheckpointPages: 100_000,
      // Not larger: when a page split hands out page numbers out of order, SQLite parks a page at the
      // number just past 1 GB, and a commit after that sweeps the whole page cache (pcache1Truncate):
      // 8% of the writer thread with 32 MB. With 8 MB the sweep is a quarter; the extra misses (pages
      // read back from the OS cache) cost less than that.
      cacheKib: 8 * 1024,
    };
    const writer = startWorker(WRITER_ENTRY, workerData);
    writer.on('message', (message: FromWriter) => this.onWriterMessage(message));
    writer.on('error', (error) => this.failWriter(error));
    writer.on('exit', (code) => {
      this.writerExited = true;
      if (!this.closing || this.inFlight.length > 0) this.failWriter(new Error(`The writer thread exited with code ${code}`));
    });
    this.writer = writer;
    this.startCheckpointer();
    return writer;
  }

  private startCheckpointer(): void {
    const workerData: CheckpointerData = { file: this.file, intervalMs: 2000 };
    const checkpointer = startWorker(CHECKPOINTER_ENTRY, workerData);
    // Never keeps the process alive; a failure only leaves the checkpoints to the writer's safety net.
    checkpointer.unref();
    checkpointer.on('error', () => undefined);
    this.checkpointer = checkpointer;
  }

  private onWriterMessage(message: FromWriter): void {
    if (message.kind === 'ready') return;
    // The writer answers batches in the order it received them.
    const batch = this.inFlight.shift() ?? [];
    // Send what queued up during this commit before settling, so the writer is busy again at once.
    this.flush();
    if (this.inFlight.length === 0) {
      this.writer?.unref();
      this.notifyIdle();
    }
    if (message.kind === 'failed') {
      const error = this.unavailable(new Error(message.message));
      for (const append of batch) append.reject(error);
      return;
    }
    batch.forEach((append, i) => settle(append, message.outcomes[i]));
    this.committed.emit('commit');
  }

  private failWriter(error: Error): void {
    this.writerFailure ??= error;
    const failure = this.unavailable(error);
    const pending = [...this.inFlight.flat(), ...this.queue];
    this.inFlight = [];
    this.queue = [];
    for (const append of pending) append.reject(failure);
    this.notifyIdle();
  }

  private unavailable(cause: Error): StoreUnavailableError {
    return new StoreUnavailableError('The event store could not commit', { cause });
  }

  private notifyIdle(): void {
    if (this.inFlight.length > 0 || this.queue.length > 0) return;
    const waiting = this.idle;
    this.idle = [];
    for (const resolve of waiting) resolve();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.decode(this.statements.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1) as Row[]);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.decode(this.statements.readAll.all(options.after ?? 0n, options.maxCount ?? -1) as Row[]);
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    return this.statements.headPosition.get() as bigint | null;
  }

  async countAfter(after: bigint | undefined, atMost: number): Promise<number> {
    this.assertOpen();
    return this.statements.countAfter.get(after ?? 0n, atMost) as number;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    if (this.writerFailure) throw this.unavailable(this.writerFailure);
    try {
      this.statements.ping.get();
    } catch (error) {
      throw new StoreUnavailableError('The event store does not answer', { cause: error });
    }
  }

  /**
   * Calls `listener` after each commit of this process's appends (not another process's): a doorbell
   * for a projector in the same process. Returns a function that stops the calls.
   */
  onCommit(listener: () => void): () => void {
    this.committed.on('commit', listener);
    return () => this.committed.off('commit', listener);
  }

  subscribeToAll(options: { readonly after?: bigint } = {}): AllSubscription {
    const follower: Follower = { stopped: false, signalled: false, wake: undefined };
    const onCommit = () => {
      follower.signalled = true;
      follower.wake?.();
    };
    this.committed.on('commit', onCommit);
    return subscriptionOf(follower, this.follow(options.after ?? 0n, follower, () => this.committed.off('commit', onCommit)));
  }

  /**
   * Reading the log by position, page after page, is the whole mechanism: the catch-up and the live
   * phase are the same loop, so nothing falls between them and nothing comes twice. A commit of this
   * process wakes the loop at once; the timer finds commits of other processes.
   */
  private async *follow(from: bigint, follower: Follower, done: () => void): AsyncGenerator<SubscriptionMessage> {
    let after = from;
    let caughtUp = false;
    try {
      while (!follower.stopped && !this.closing) {
        follower.signalled = false;
        let page: StoredEvent[];
        try {
          page = await this.readAll({ after, maxCount: SUBSCRIPTION_PAGE });
        } catch (error) {
          // The store closed under the subscription: the iteration ends as if stopped.
          if (error instanceof StoreClosedError) return;
          throw error;
        }
        for (const event of page) {
          if (follower.stopped) return;
          after = event.position;
          yield { kind: 'event', event };
        }
        if (page.length === SUBSCRIPTION_PAGE) continue;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: after > 0n ? after : null };
          continue;
        }
        // A commit announced while the consumer held the last event: read again before sleeping.
        if (follower.signalled || follower.stopped) continue;
        await pause(this.options.pollIntervalMs, follower);
      }
    } finally {
      done();
    }
  }

  /** Waits for every queued append to commit; afterwards every call rejects with StoreClosedError. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await new Promise<void>((resolve) => {
        this.idle.push(resolve);
        this.notifyIdle();
      });
      if (this.checkpointer) {
        const checkpointer = this.checkpointer;
        const stopped = new Promise((resolve) => checkpointer.once('exit', resolve));
        // Referenced again, or an otherwise idle process would exit while waiting for it.
        checkpointer.ref();
        checkpointer.postMessage({ kind: 'close' });
        await stopped;
      }
      if (this.writer && !this.writerExited) {
        const writer = this.writer;
        const exited = new Promise((resolve) => writer.once('exit', resolve));
        writer.ref();
        writer.postMessage({ kind: 'close' } satisfies ToWriter);
        await exited;
      }
      this.committed.emit('commit');
      this.db.close();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new StoreClosedError();
  }

  private decode(rows: readonly Row[]): StoredEvent[] {
    const events = new Array<StoredEvent>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const r = rows[i]!;
      const header = this.headerOf(r[4]);
      events[i] = {
        eventId: r[1],
        streamId: r[2],
        revision: r[3],
        type: header.type,
        schemaVersion: header.schemaVersion,
        data: JSON.parse(r[5]),
        occurredAt: r[6],
        recordedAt: r[7],
        actor: header.actor,
        correlationId: r[8],
        causationId: r[9],
        prevHash: r[10],
        hash: r[11],
        position: BigInt(r[0]),
      };
    }
    return events;
  }

  /** Few people write a few kinds of events: read and parse each header once. A header's number never changes meaning. */
  private headerOf(id: number): Header {
    let header = this.headers.get(id);
    if (header === undefined) {
      const row = this.statements.header.get(id) as [string, number, string] | undefined;
      if (row === undefined) throw new StoreUnavailableError(`The event store file refers to header ${id}, which it does not hold`);
      // The actor is shared by every event of this header: frozen, so no reader can change another's copy.
      header = { type: row[0], schemaVersion: row[1], actor: Object.freeze(JSON.parse(row[2]) as Actor) };
      if (this.headers.size >= 10_000) this.headers.clear();
      this.headers.set(id, header);
    }
    return header;
  }
}

const settle = (append: PendingAppend, outcome: WireOutcome | undefined): void => {
  if (outcome === undefined) append.reject(new StoreUnavailableError('The writer thread gave no answer for an append'));
  else if (outcome.ok) append.resolve({ nextExpectedRevision: outcome.revision, position: BigInt(outcome.position) });
  else if (outcome.kind === 'wrong') append.reject(new WrongExpectedRevisionError(append.streamId, append.expected, outcome.actual));
  else append.reject(new InvalidAppendError(outcome.message));
};

const toRow = (e: EventRecord): WireRow => {
  let data: string;
  let actor: string;
  try {
    data = JSON.stringify(e.data);
    actor = JSON.stringify({ userId: e.actor.userId, unitId: e.actor.unitId, agencyType: e.actor.agencyType });
  } catch (error) {
    throw new InvalidAppendError(`Event ${e.eventId} is not JSON: ${String(error)}`);
  }
  return [e.eventId, e.streamId, e.revision, e.type, e.schemaVersion, data, e.occurredAt, e.recordedAt, actor, e.correlationId, e.causationId, e.prevHash, e.hash];
};
