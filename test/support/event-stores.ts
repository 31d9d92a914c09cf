import { startEventStoreDbStandIn, type EventStoreDbStandIn } from '../../apps/eventstoredb-stand-in/src/eventstoredb-stand-in';

/** The settings that put the API on one event store; suites that run on both take these. */
export type EventStoreEnvironment = () => Promise<Record<string, string>>;

/** The embedded default: SQLite files in the harness's data folder. */
export const sqliteEventStore: EventStoreEnvironment = async () => ({});

/**
 * EVENT_STORE=eventstoredb: the real @eventstore/db-client over gRPC to an in-process stand-in (no
 * EventStoreDB server can run here; see apps/eventstoredb-stand-in/README.md), one fresh stand-in per call, all stopped after
 * the file's tests. Call at the top of a test file. `last()` is the stand-in of the latest call, for
 * tests that restart it.
 */
export const useEventStoreDbStandIn = (): EventStoreEnvironment & { last(): EventStoreDbStandIn } => {
  const standIns: EventStoreDbStandIn[] = [];
  afterAll(async () => {
    for (const standIn of standIns) await standIn.stop();
  });
  const environment = async () => {
    const standIn = await startEventStoreDbStandIn();
    standIns.push(standIn);
    return { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: standIn.url };
  };
  return Object.assign(environment, {
    last: () => {
      const standIn = standIns.at(-1);
      if (!standIn) throw new Error('No EventStoreDB stand-in started yet');
      return standIn;
    },
  });
};
