import { startEventStoreDbStandIn } from '../libs/event-store/src/eventstoredb/standin/eventstoredb-stand-in';
import { describeNunukanJourney } from './support/nunukan-journey';
import { describeWorklists } from './support/worklists-journey';

/**
 * The command-API journeys once more with EVENT_STORE=eventstoredb: the real @eventstore/db-client
 * over gRPC to the in-process stand-in (no EventStoreDB server can run here; see its README).
 */
const standIns: { stop(): Promise<void> }[] = [];
const eventStoreDb = async (): Promise<Record<string, string>> => {
  const standIn = await startEventStoreDbStandIn();
  standIns.push(standIn);
  return { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: standIn.url };
};
afterAll(async () => {
  for (const standIn of standIns) await standIn.stop();
});

describeNunukanJourney('EventStoreDB stand-in', eventStoreDb);
describeWorklists('EventStoreDB stand-in', eventStoreDb);
