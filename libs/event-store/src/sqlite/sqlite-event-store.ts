import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  type AllSubscription,
  type AppendResult,
  type EventRecord,
  type EventStore,
  type ExpectedRevision,
  GENESIS_HASH,
  hashEvent,
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

export interface SqliteEventStoreOptions {
  readonly file: string;
  /** How often a live subscription looks for events appended by another process. */
  readonly pollIntervalMs?: number;
  /** Upper bound of appends written in one transaction. */
  readonly maxBatch?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly EventRecord[];
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Row = [number, string];

/**
 * An event is kept as its whole envelope in one JSON column (`body`), with the columns that are
 * queried or constrained beside it. One column to fetch and one JSON.parse per event is what lets
 * a full read of the log run near SQLite's own row rate.
 */
const COLUMNS = 'position, body';

const envelopeOf = (e: EventRecord): string =>
  JSON.stringify({
    eventId: e.eventId, streamId: e.streamId, revision: e.revision, type: e.type, schemaVersion: e.schemaVersion, data: e.data,
    occurredAt: e.occurredAt, recordedAt: e.recordedAt, actor: e.actor, correlationId: e.correlationId, causationId: e.causationId,
    prevHash: e.prevHash, hash: e.hash,
  });

const decode = (r: Row): StoredEvent => {
  const event = JSON.parse(r[1]) as StoredEvent & { position: bigint };
  event.position = BigInt(r[0]);
  return event;
};

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL. Concurrent appends
 * are group-committed: every append queued while a transaction is being written goes into the next
 * one, and each append's promise resolves only after its transaction committed.
 */
export class SqliteEventStore implements EventStore {
  private readonly committed = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushing = false;
  private closed = false;
  private readonly statements;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: Required<Omit<SqliteEventStoreOptions, 'file'>>,
  ) {
    this.committed.setMaxListeners(0);
    this.statements = {
      // The head of a stream is its last event: one seek on the (stream_id, revision) index.
      head: db.prepare<[string], { revision: number; head_hash: string }>('SELECT revision, hash AS head_hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO events (event_id, stream_id, revision, type, hash, body) VALUES (?, ?, ?, ?, ?, ?)'),
      byRevision: db.prepare<[string, number], { event_id: string; position: bigint }>('SELECT event_id, position FROM events WHERE stream_id = ? AND revision = ?').safeIntegers(true),
      readStream: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`).raw(true),
      readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      headPosition: db.prepare('SELECT MAX(position) AS p FROM events').safeIntegers(true),
    };
  }

  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    let db: Database.Database;
    try {
      mkdirSync(dirname(options.file), { recursive: true });
      db = new Database(options.file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 10000');
      db.exec(`
        CREATE TABLE IF NOT EXISTS events (
          position INTEGER PRIMARY KEY,
          event_id TEXT NOT NULL UNIQUE,
          stream_id TEXT NOT NULL,
          revision INTEGER NOT NULL,
          type TEXT NOT NULL,
          hash TEXT NOT NULL,
          body TEXT NOT NULL,
          UNIQUE (stream_id, revision)
        ) STRICT;
      `);
    } catch (error) {
      throw new StoreUnavailableError(`The event store file ${options.file} cannot be opened`, { cause: error });
    }
    return new SqliteEventStore(db, { pollIntervalMs: options.pollIntervalMs ?? 250, maxBatch: options.maxBatch ?? 2048 });
  }

  appendToStream(streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    try {
      checkShape(streamId, expected, events);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expected, events, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      let outcomes: (() => void)[];
      try {
        // Fast path: the whole batch in one transaction. Should any append fail part-way (an event id
        // used elsewhere), the batch is rolled back and written again with a savepoint per append,
        // so one bad append never takes the others down and nothing partial is kept.
        outcomes = this.db.transaction(() => this.writeBatch(batch, false))();
      } catch (error) {
        if (!(error instanceof PartialAppendError)) {
          const failure = new StoreUnavailableError('The event store could not commit', { cause: error });
          for (const append of batch) append.reject(failure);
          continue;
        }
        try {
          outcomes = this.db.transaction(() => this.writeBatch(batch, true))();
        } catch (retryError) {
          const failure = new StoreUnavailableError('The event store could not commit', { cause: retryError });
          for (const append of batch) append.reject(failure);
          continue;
        }
      }
      for (const settle of outcomes) settle();
      this.committed.emit('commit');
    }
    this.flushing = false;
  }

  private writeBatch(batch: readonly PendingAppend[], isolated: boolean): (() => void)[] {
    const outcomes: (() => void)[] = [];
    for (const append of batch) {
      try {
        const result = isolated ? this.db.transaction(() => this.write(append))() : this.write(append);
        outcomes.push(() => append.resolve({ nextExpectedRevision: result.nextExpectedRevision, position: result.position }));
      } catch (error) {
        if (error instanceof PartialAppendError) {
          if (!isolated) throw error;
          outcomes.push(() => append.reject(error.reason));
        } else {
          outcomes.push(() => append.reject(error));
        }
      }
    }
    return outcomes;
  }

  private write(append: PendingAppend): AppendResult & { written: boolean } {
    const { streamId, expected, events } = append;
    const head = this.statements.head.get(streamId);
    const actual = head?.revision ?? -1;
    const expectedRevision = revisionOf(expected);
    if (actual !== expectedRevision) {
      // EventStoreDB's idempotency: the same events already follow `expected` -> the original result.
      if (actual > expectedRevision) {
        const positions: bigint[] = [];
        for (const event of events) {
          const existing = this.statements.byRevision.get(streamId, event.revision);
          if (!existing || existing.event_id !== event.eventId) throw new WrongExpectedRevisionError(streamId, expected, actual);
          positions.push(existing.position);
        }
        return { nextExpectedRevision: events.at(-1)!.revision, position: positions.at(-1)!, written: false };
      }
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    if (events[0]!.prevHash !== (head?.head_hash ?? GENESIS_HASH)) {
      throw new InvalidAppendError(`The first event does not link to the head of ${streamId}`);
    }
    let position = 0n;
    for (const [index, e] of events.entries()) {
      try {
        const info = this.statements.insert.run(e.eventId, e.streamId, e.revision, e.type, e.hash, envelopeOf(e));
        position = BigInt(info.lastInsertRowid);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          const reason = new InvalidAppendError(`Event id ${e.eventId} is already used elsewhere in the log`);
          // Earlier events of this append may already be written in the batch transaction.
          if (index > 0) throw new PartialAppendError(reason);
          throw reason;
        }
        throw error;
      }
    }
    const last = events.at(-1)!;
    return { nextExpectedRevision: last.revision, position, written: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const rows = this.statements.readStream.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1) as Row[];
    return rows.map(decode);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const rows = this.statements.readAll.all(options.after ?? 0n, options.maxCount ?? -1) as Row[];
    return rows.map(decode);
  }

  async headPosition(): Promise<bigint | null> {
    this.assertOpen();
    return (this.statements.headPosition.get() as { p: bigint | null }).p;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  subscribeToAll(options: { readonly after?: bigint } = {}): AllSubscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    const onCommit = () => wake?.();
    this.committed.on('commit', onCommit);
    const pageSize = 1000;
    const run = async function* (store: SqliteEventStore): AsyncGenerator<SubscriptionMessage> {
      let after = options.after ?? 0n;
      let caughtUp = false;
      try {
        while (!stopped && !store.closed) {
          const page = await store.readAll({ after, maxCount: pageSize });
          for (const event of page) {
            if (stopped) return;
            after = event.position;
            yield { kind: 'event', event };
          }
          if (page.length < pageSize) {
            if (!caughtUp) {
              caughtUp = true;
              yield { kind: 'caught-up', position: after === 0n ? null : after };
            }
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, store.options.pollIntervalMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = undefined;
          }
        }
      } finally {
        store.committed.off('commit', onCommit);
      }
    };
    const iterator = run(this);
    return {
      [Symbol.asyncIterator]: () => iterator,
      stop: async () => {
        stopped = true;
        wake?.();
        await iterator.return(undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    this.closed = true;
    this.committed.emit('commit', 0n);
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

/** An append failed after some of its rows were written inside the batch transaction. */
class PartialAppendError extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

const checkShape = (streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): void => {
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event');
  if (expected !== 'no_stream' && (!Number.isInteger(expected) || expected < 0)) throw new InvalidAppendError(`Bad expected revision ${String(expected)}`);
  let revision = revisionOf(expected);
  let prev = events[0]!.prevHash;
  for (const e of events) {
    revision += 1;
    if (e.streamId !== streamId) throw new InvalidAppendError(`Event ${e.eventId} belongs to ${e.streamId}, not ${streamId}`);
    if (e.revision !== revision) throw new InvalidAppendError(`Event ${e.eventId} has revision ${e.revision}, expected ${revision}`);
    if (e.prevHash !== prev || hashEvent(e.prevHash, e) !== e.hash) throw new InvalidAppendError(`Event ${e.eventId} does not carry a valid hash chain link`);
    prev = e.hash;
  }
};
