import type { EventRecord, ExpectedRevision, StoredEvent } from './envelope';

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events with a greater position. Omit to read from the start. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: StoredEvent }
  /** Every event that existed when the subscription started has been delivered; live from here. */
  | { readonly kind: 'caught-up'; readonly position: bigint | null };

/** Consume with `for await`; a handler that awaits holds back the next message. */
export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  stop(): Promise<void>;
}

/**
 * The event store port. Every adapter (SQLite embedded, EventStoreDB in production) passes one
 * contract suite (`libs/event-store/src/contract`).
 *
 * Appends are atomic and use an exact expected revision. They are idempotent on event ids, as in
 * EventStoreDB: appending events whose ids are already the events that follow `expected` succeeds
 * without writing again and returns the original result; any other append at a stale revision
 * fails with WrongExpectedRevisionError.
 */
export interface EventStore {
  appendToStream(streamId: string, expected: ExpectedRevision, events: readonly EventRecord[]): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty list for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** The global log in position order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Position of the newest event in the global log, null when empty. */
  headPosition(): Promise<bigint | null>;
  /**
   * How many events of the global log come after `after` (exclusive; all of them when undefined),
   * counting no further than `atMost`. Positions are not counts (EventStoreDB's are byte offsets),
   * so a lag in events is counted here, never computed from two positions.
   */
  countAfter(after: bigint | undefined, atMost: number): Promise<number>;
  /** Catch-up from `after` (exclusive), then live; emits `caught-up` once when it reaches the head. */
  subscribeToAll(options?: { readonly after?: bigint }): AllSubscription;
  /** Resolves once the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Base class of every error the event store port raises. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, not ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The append itself is malformed (wrong stream, revisions not contiguous, broken chain link, bad JSON). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export class StoreClosedError extends EventStoreError {
  readonly code = 'STORE_CLOSED';
  constructor() {
    super('The event store is closed');
    this.name = 'StoreClosedError';
  }
}
