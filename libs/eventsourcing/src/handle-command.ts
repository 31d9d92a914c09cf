import { v5 as uuidv5 } from 'uuid';
import type { Command, Decider, DomainEvent, EventContext } from './decider';
import { expectedFrom, type EventRecord, type JsonObject, type StoredEvent } from './envelope';
import { ConcurrencyConflictError, StaleRevisionError } from './errors';
import type { EventRegistry } from './event-registry';
import { WrongExpectedRevisionError, type EventStore } from './event-store.port';
import { GENESIS_HASH, sealEvents } from './hash-chain';

/** Namespace for event ids derived from command ids (UUID v5), so a retried command yields the same ids. */
export const EVENT_ID_NAMESPACE = '0b7e1c4e-5d1a-4f4c-9a55-3f1f2b6e7d10';

export const eventIdFor = (commandId: string, index: number): string => uuidv5(`${commandId}/${index}`, EVENT_ID_NAMESPACE);

export interface HandleCommandOptions {
  readonly registry: EventRegistry;
  /** When the store records the event; defaults to the wall clock. */
  readonly recordedAt?: () => string;
  /** If-Match: fail with StaleRevisionError instead of re-deciding when the stream moved. */
  readonly expectedRevision?: number;
  /** Re-decisions after a revision conflict before ConcurrencyConflictError. */
  readonly maxRetries?: number;
}

export interface CommandResult<S> {
  readonly streamId: string;
  /** Revision of the stream after the command (-1: no stream). */
  readonly revision: number;
  /** The events this command produced: new ones, or those of its first run when `replayed`. */
  readonly events: readonly StoredEvent[] | readonly EventRecord[];
  /** True when the command id had already been handled: nothing was appended. */
  readonly replayed: boolean;
  readonly state: S;
}

export interface LoadedStream<S> {
  readonly state: S;
  readonly revision: number;
  readonly headHash: string;
  readonly events: readonly StoredEvent[];
}

/** Reads a stream, upcasts every event to its current schema, and folds it into state. */
export const loadStream = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  registry: EventRegistry,
): Promise<LoadedStream<S>> => {
  const stored = (await store.readStream(streamId)).map((e) => registry.upcast(e));
  let state = decider.initialState();
  for (const event of stored) state = decider.evolve(state, { type: event.type, data: event.data } as E, contextOf(event));
  const last = stored.at(-1);
  return { state, revision: last?.revision ?? -1, headHash: last?.hash ?? GENESIS_HASH, events: stored };
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

/**
 * Read, fold, decide, append with the revision that was read; on a conflict, read and decide
 * again (bounded). Event ids derive from the command id, so a retried request never writes twice:
 * if the stream already holds events caused by this command, they are returned as the result.
 */
export const handleCommand = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  options: HandleCommandOptions,
): Promise<CommandResult<S>> => {
  const maxRetries = options.maxRetries ?? 3;
  const recordedAt = options.recordedAt ?? (() => new Date().toISOString());
  const { commandId } = command.metadata;

  for (let attempt = 1; ; attempt += 1) {
    const loaded = await loadStream(store, decider, streamId, options.registry);

    const earlier = loaded.events.filter((e) => e.causationId === commandId);
    if (earlier.length > 0) return { streamId, revision: loaded.revision, events: earlier, replayed: true, state: loaded.state };

    if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
      throw new StaleRevisionError(streamId, options.expectedRevision, loaded.revision);
    }

    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) return { streamId, revision: loaded.revision, events: [], replayed: false, state: loaded.state };

    const at = recordedAt();
    const records = sealEvents(
      loaded.headHash,
      decided.map((event, index) => {
        const data = withoutUndefined(event.data);
        options.registry.validate(event.type, data);
        return {
          eventId: eventIdFor(commandId, index),
          streamId,
          revision: loaded.revision + 1 + index,
          type: event.type,
          schemaVersion: options.registry.currentVersion(event.type),
          data,
          occurredAt: command.metadata.now,
          recordedAt: at,
          actor: command.metadata.actor,
          correlationId: command.metadata.correlationId ?? commandId,
          causationId: commandId,
        };
      }),
    );

    try {
      const appended = await store.appendToStream(streamId, expectedFrom(loaded.revision), records);
      let state = loaded.state;
      for (const r of records) state = decider.evolve(state, decided[r.revision - loaded.revision - 1] as E, contextOf(r));
      return { streamId, revision: appended.nextExpectedRevision, events: records, replayed: false, state };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (options.expectedRevision !== undefined) throw new StaleRevisionError(streamId, options.expectedRevision, error.actual);
      if (attempt > maxRetries) throw new ConcurrencyConflictError(streamId, attempt);
    }
  }
};
