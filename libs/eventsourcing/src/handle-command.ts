import { actedAt, type Command, type Decider, type DomainEvent, type EventContext } from './decider';
import { expectedFrom, type EventRecord, type JsonObject, type StoredEvent } from './envelope';
import { ConcurrencyConflictError, StaleRevisionError } from './errors';
import type { EventRegistry } from './event-registry';
import { WrongExpectedRevisionError, type EventStore } from './event-store.port';
import { GENESIS_HASH, sealEvents } from './hash-chain';
import { nameBasedIds } from './name-based-id';

/** Namespace for event ids derived from command ids (UUID v5), so a retried command yields the same ids. */
export const EVENT_ID_NAMESPACE = '0b7e1c4e-5d1a-4f4c-9a55-3f1f2b6e7d10';

const eventIdOf = nameBasedIds(EVENT_ID_NAMESPACE);

export const eventIdFor = (commandId: string, index: number): string => eventIdOf(`${commandId}/${index}`);

export interface HandleCommandOptions<S = unknown> {
  readonly registry: EventRegistry;
  /** When the store records the event; defaults to the wall clock. */
  readonly recordedAt?: () => string;
  /** If-Match: fail with StaleRevisionError instead of re-deciding when the stream moved. */
  readonly expectedRevision?: number;
  /** Re-decisions after a revision conflict before ConcurrencyConflictError. */
  readonly maxRetries?: number;
  /** Snapshots of recently used streams, so a command need not read its stream again (see below). */
  readonly cache?: StreamCache<S>;
  /** Told the id of each event once it is validated and appended, for readers in this process. */
  readonly validatedWrites?: { add(eventId: string): void };
}

export interface CommandResult<S> {
  readonly streamId: string;
  /**
   * Revision of the stream after the command (-1: no stream). For a replay, the revision the command
   * itself produced (its last event), not the stream's current one: the answer is the first answer.
   */
  readonly revision: number;
  /** The events this command produced: new ones, or those of its first run when `replayed`. */
  readonly events: readonly StoredEvent[] | readonly EventRecord[];
  /** True when the command id had already been handled: nothing was appended. */
  readonly replayed: boolean;
  readonly state: S;
}

/** What deciding the next command on a stream needs: its folded state and where it ends. */
export interface StreamSnapshot<S> {
  readonly state: S;
  readonly revision: number;
  readonly headHash: string;
  /** Ids of the commands whose events are in the stream: a retry of one of them appends nothing. */
  readonly commandIds: ReadonlySet<string>;
}

export interface StreamCache<S> {
  get(streamId: string): StreamSnapshot<S> | undefined;
  set(streamId: string, snapshot: StreamSnapshot<S>): void;
  delete(streamId: string): void;
}

/** Events a snapshot stands for: its memory grows with them (the folded state, the command ids). */
const eventsIn = (snapshot: StreamSnapshot<unknown>): number => snapshot.revision + 1;

/**
 * Keeps the snapshots of the most recently used streams, up to `capacity` events in all. Counting
 * events, not streams, bounds the memory whatever the length of the cases: a snapshot of a 10-event
 * case was ~6 KB under the command benchmark, and one of a long case grows with it. A stream longer
 * than the whole capacity is not kept.
 */
export class LruStreamCache<S> implements StreamCache<S> {
  private readonly entries = new Map<string, StreamSnapshot<S>>();
  private held = 0;
  constructor(private readonly capacity: number) {}

  /** Events held now, over all snapshots. */
  get events(): number {
    return this.held;
  }

  get(streamId: string): StreamSnapshot<S> | undefined {
    const hit = this.entries.get(streamId);
    if (hit) {
      this.entries.delete(streamId);
      this.entries.set(streamId, hit);
    }
    return hit;
  }

  /** Never replaces a newer snapshot: two commands of one stream may finish in either order. */
  set(streamId: string, snapshot: StreamSnapshot<S>): void {
    const current = this.entries.get(streamId);
    if (current && current.revision > snapshot.revision) return;
    this.delete(streamId);
    const events = eventsIn(snapshot);
    if (events > this.capacity) return;
    this.entries.set(streamId, snapshot);
    this.held += events;
    for (const [oldest, evicted] of this.entries) {
      if (this.held <= this.capacity) break;
      this.entries.delete(oldest);
      this.held -= eventsIn(evicted);
    }
  }

  delete(streamId: string): void {
    const current = this.entries.get(streamId);
    if (!current) return;
    this.entries.delete(streamId);
    this.held -= eventsIn(current);
  }
}

export interface LoadedStream<S> {
  readonly state: S;
  readonly revision: number;
  readonly headHash: string;
  readonly events: readonly StoredEvent[];
}

/** Stored events (already upcast) folded into `state` with the decider, each with its own context. */
export const fold = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>, state: S, events: readonly StoredEvent[]): S => {
  let folded = state;
  for (const event of events) folded = decider.evolve(folded, { type: event.type, data: event.data } as E, contextOf(event));
  return folded;
};

/** Reads a stream, upcasts every event to its current schema, and folds it into state. */
export const loadStream = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  registry: EventRegistry,
): Promise<LoadedStream<S>> => {
  const stored = (await store.readStream(streamId)).map((e) => registry.upcast(e));
  const last = stored.at(-1);
  return { state: fold(decider, decider.initialState(), stored), revision: last?.revision ?? -1, headHash: last?.hash ?? GENESIS_HASH, events: stored };
};

/**
 * The stream as it is in the store now: only the events after a cached snapshot are read, so a
 * long case costs one short query, and the result is as fresh as a full read.
 */
export const loadSnapshot = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  registry: EventRegistry,
  cache?: StreamCache<S>,
): Promise<StreamSnapshot<S>> => {
  const base = cache?.get(streamId) ?? { state: decider.initialState(), revision: -1, headHash: GENESIS_HASH, commandIds: new Set<string>() };
  const newer = (await store.readStream(streamId, { fromRevision: base.revision + 1 })).map((e) => registry.upcast(e));
  if (newer.length === 0) return base;
  const last = newer.at(-1)!;
  const snapshot = {
    state: fold(decider, base.state, newer),
    revision: last.revision,
    headHash: last.hash,
    commandIds: new Set([...base.commandIds, ...newer.flatMap((e) => (e.causationId === null ? [] : [e.causationId]))]),
  };
  cache?.set(streamId, snapshot);
  return snapshot;
};

/** Optional fields left undefined would vanish in JSON anyway; drop them before hashing. */
const withoutUndefined = (data: object): JsonObject =>
  Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as JsonObject;

export const contextOf = (event: EventRecord): EventContext => ({
  eventId: event.eventId,
  revision: event.revision,
  actor: event.actor,
  commandId: event.causationId,
  occurredAt: event.occurredAt,
});

/** Why an attempt on a cached snapshot did not settle the command: read the store and try again. */
const UNSETTLED = Symbol('unsettled');

const wallClock = (): string => new Date().toISOString();

/** One command on one stream, as every step below needs it. */
interface Attempt<C extends Command, E extends DomainEvent, S> {
  readonly store: EventStore;
  readonly decider: Decider<C, E, S>;
  readonly streamId: string;
  readonly command: C;
  readonly options: HandleCommandOptions<S>;
}

/** The decided events as the store keeps them: validated, numbered after the snapshot, and chained to its head. */
const recordsOf = <C extends Command, E extends DomainEvent, S>({ streamId, command, options }: Attempt<C, E, S>, snapshot: StreamSnapshot<S>, decided: readonly E[]) => {
  const at = (options.recordedAt ?? wallClock)();
  const { metadata } = command;
  return sealEvents(
    snapshot.headHash,
    decided.map((event, index) => {
      const data = withoutUndefined(event.data);
      options.registry.validate(event.type, data);
      return {
        eventId: eventIdFor(metadata.commandId, index),
        streamId,
        revision: snapshot.revision + 1 + index,
        type: event.type,
        schemaVersion: options.registry.currentVersion(event.type),
        data,
        occurredAt: actedAt(metadata),
        recordedAt: at,
        actor: metadata.actor,
        correlationId: metadata.correlationId ?? metadata.commandId,
        causationId: metadata.commandId,
      };
    }),
  );
};

/** Appends at the snapshot's revision (the store refuses it if the stream moved), then caches the new state. */
const append = async <C extends Command, E extends DomainEvent, S>(attempt: Attempt<C, E, S>, snapshot: StreamSnapshot<S>, decided: readonly E[]): Promise<CommandResult<S>> => {
  const { store, decider, streamId, command, options } = attempt;
  const records = recordsOf(attempt, snapshot, decided);
  // Told before the append: a reader woken by the commit may read them before it resolves. An id
  // whose append then fails names an event that was validated all the same.
  for (const r of records) options.validatedWrites?.add(r.eventId);
  const appended = await store.appendToStream(streamId, expectedFrom(snapshot.revision), records);
  let state = snapshot.state;
  for (const r of records) state = decider.evolve(state, decided[r.revision - snapshot.revision - 1] as E, contextOf(r));
  options.cache?.set(streamId, {
    state,
    revision: appended.nextExpectedRevision,
    headHash: records.at(-1)!.hash,
    commandIds: new Set([...snapshot.commandIds, command.metadata.commandId]),
  });
  return { streamId, revision: appended.nextExpectedRevision, events: records, replayed: false, state };
};

/**
 * Decides on the cached snapshot without reading the store. Anything but a successful append
 * (a rule violation, nothing to do, a conflict) is UNSETTLED: the caller confirms it on a fresh read.
 */
const decideOnCache = async <C extends Command, E extends DomainEvent, S>(attempt: Attempt<C, E, S>): Promise<CommandResult<S> | typeof UNSETTLED> => {
  const { decider, streamId, command, options } = attempt;
  const cached = options.cache?.get(streamId);
  if (!cached || cached.commandIds.has(command.metadata.commandId)) return UNSETTLED;
  if (options.expectedRevision !== undefined && options.expectedRevision !== cached.revision) return UNSETTLED;
  try {
    const decided = decider.decide(command, cached.state);
    return decided.length === 0 ? UNSETTLED : await append(attempt, cached, decided);
  } catch {
    return UNSETTLED;
  }
};

/** A command the stream already holds: its first run's events are the answer, and nothing is appended. */
const replayOf = async <S>(store: EventStore, streamId: string, commandId: string, loaded: StreamSnapshot<S>): Promise<CommandResult<S>> => {
  const earlier = (await store.readStream(streamId)).filter((e) => e.causationId === commandId);
  return { streamId, revision: earlier.at(-1)?.revision ?? loaded.revision, events: earlier, replayed: true, state: loaded.state };
};

/** If-Match named another revision: a command the caller may not issue at all still answers with its own error first. */
const requireExpectedRevision = <C extends Command, E extends DomainEvent, S>({ decider, streamId, command, options }: Attempt<C, E, S>, loaded: StreamSnapshot<S>): void => {
  if (options.expectedRevision === undefined || options.expectedRevision === loaded.revision) return;
  decider.admit?.(command, loaded.state);
  throw new StaleRevisionError(streamId, options.expectedRevision, loaded.revision);
};

/** One read, fold, decide, append on a fresh read of the stream; UNSETTLED when another writer got there first. */
const decideOnStore = async <C extends Command, E extends DomainEvent, S>(attempt: Attempt<C, E, S>): Promise<CommandResult<S> | typeof UNSETTLED> => {
  const { store, decider, streamId, command, options } = attempt;
  const loaded = await loadSnapshot(store, decider, streamId, options.registry, options.cache);
  if (loaded.commandIds.has(command.metadata.commandId)) return replayOf(store, streamId, command.metadata.commandId, loaded);
  requireExpectedRevision(attempt, loaded);
  const decided = decider.decide(command, loaded.state);
  if (decided.length === 0) return { streamId, revision: loaded.revision, events: [], replayed: false, state: loaded.state };
  try {
    return await append(attempt, loaded, decided);
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    options.cache?.delete(streamId);
    if (options.expectedRevision !== undefined) throw new StaleRevisionError(streamId, options.expectedRevision, error.actual);
    return UNSETTLED;
  }
};

/** Reads and decides again after each conflict, up to `maxRetries` times, then gives up with a conflict. */
const retryOnConflict = async <C extends Command, E extends DomainEvent, S>(attempt: Attempt<C, E, S>): Promise<CommandResult<S>> => {
  const maxRetries = attempt.options.maxRetries ?? 3;
  for (let tries = 1; ; tries += 1) {
    const outcome = await decideOnStore(attempt);
    if (outcome !== UNSETTLED) return outcome;
    if (tries > maxRetries) throw new ConcurrencyConflictError(attempt.streamId, tries);
  }
};

/**
 * Read, fold, decide, append with the revision that was read; on a conflict, read and decide
 * again (bounded). Event ids derive from the command id, so a retried request never writes twice:
 * if the stream already holds events caused by this command, they are returned as the result.
 *
 * With a cache, the first attempt decides on the cached snapshot without reading at all. That is
 * safe because the append names the revision the snapshot ends at: if another process wrote in
 * between, the store refuses the append. Any other outcome on a cached snapshot that is not a
 * successful append (a rule violation, nothing to do, a stale If-Match, a retry) is confirmed on a
 * fresh read before it is answered, so a stale cache never decides anything.
 */
export const handleCommand = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleCommandOptions<S>,
): Promise<CommandResult<S>> => {
  const attempt: Attempt<C, E, S> = { store, decider, streamId, command, options };
  const onCache = await decideOnCache(attempt);
  return onCache !== UNSETTLED ? onCache : retryOnConflict(attempt);
};
