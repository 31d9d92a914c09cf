import { EventStoreDbEventStore, SqliteEventStore } from '@tppo/event-store';
import { type EventStore, StoreUnavailableError } from '@tppo/eventsourcing';
import type { AppConfig } from '../config/app-config';

/**
 * The event store the configuration names, checked before anything uses it: an unreachable
 * EventStoreDB is reported at start with its URL (credentials removed), not at the first command.
 * Every process of the system opens its store here (API, projector, relay, CLIs).
 */
export const openEventStore = async (config: Pick<AppConfig, 'eventStore'>, options: { readonly pollIntervalMs?: number } = {}): Promise<EventStore> => {
  const chosen = config.eventStore;
  if (chosen.kind === 'sqlite') return SqliteEventStore.open({ file: chosen.file, ...options });
  const store = EventStoreDbEventStore.connect({ url: chosen.url });
  try {
    await store.ping();
  } catch (error) {
    await store.close().catch(() => undefined);
    const where = chosen.url.replace(/\/\/[^@/]*@/, '//');
    throw new StoreUnavailableError(`EventStoreDB at ${where} does not answer (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return store;
};

/** The SQLite file, for the tools that only work on the embedded store (verify-case reads it raw). */
export const sqliteFileOf = (config: Pick<AppConfig, 'eventStore'>): string | undefined => (config.eventStore.kind === 'sqlite' ? config.eventStore.file : undefined);
