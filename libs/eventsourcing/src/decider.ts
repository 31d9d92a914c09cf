import type { Actor, JsonObject } from './envelope';

/**
 * A domain event: a stable type name and plain JSON data (ISO strings for times). Data is typed as
 * any object so that optional fields can be declared; the registry validates it before it is written.
 */
export interface DomainEvent<T extends string = string, D extends object = JsonObject> {
  readonly type: T;
  readonly data: D;
}

export interface CommandMetadata {
  /** From the request's Idempotency-Key (or generated): a retry carries the same id. */
  readonly commandId: string;
  readonly actor: Actor;
  /** ISO-8601: the server's clock when the command arrived; the domain never reads the clock. */
  readonly now: string;
  /**
   * ISO-8601: when the act really happened, as the acting unit declares it (a late entry: the SPDP
   * sent on paper on day 6 and recorded on day 9). Absent, the act happened `now`. The domain bounds
   * it against `now` and the stream; the envelope records it beside the store's `recordedAt`.
   */
  readonly occurredAt?: string;
  readonly correlationId?: string;
  /**
   * Statutory day counts a deployment sets instead of the law's defaults, by clock name (the case
   * domain's DeadlineClock). Passed in with the command, so the decider stays pure and every due date
   * it writes into an event says which count it used.
   */
  readonly deadlineDays?: Readonly<Partial<Record<string, number>>>;
  /** How far `occurredAt` may lie from `now`, when a deployment sets other bounds than the domain's. */
  readonly occurredAtBounds?: Readonly<{ maxDaysBack?: number; clockSkewSeconds?: number }>;
}

/** When the act of a command happened: the time its unit declared, or the moment it arrived. */
export const actedAt = (metadata: Pick<CommandMetadata, 'now' | 'occurredAt'>): string => metadata.occurredAt ?? metadata.now;

export interface Command<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
  readonly metadata: CommandMetadata;
}

/** What `evolve` may know about an event besides its payload. */
export interface EventContext {
  readonly eventId: string;
  readonly revision: number;
  readonly actor: Actor;
  /** The command id that produced the event. */
  readonly commandId: string | null;
  readonly occurredAt: string;
}

/**
 * Jérémie Chassaing's decider: `decide` returns the events a command causes (an empty list when
 * nothing changes, e.g. a retried command), `evolve` folds events into state. Both are pure.
 */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S) => readonly E[];
  readonly evolve: (state: S, event: E, context: EventContext) => S;
  /**
   * Throws when the command is malformed or its actor may not act on this stream at all (e.g. does
   * not take part in the case).
   * handleCommand asks it before answering a stale If-Match, so the revision of a stream, and
   * whether it exists, is told only to those admitted. decide must enforce the same on its own.
   */
  readonly admit?: (command: C, state: S) => void;
}
