import { useEventStoreDbStandIn } from './support/event-stores';
import { describeNunukanJourney } from './support/nunukan-journey';
import { describeWorklists } from './support/worklists-journey';

/**
 * The command-API journeys once more with EVENT_STORE=eventstoredb: the real @eventstore/db-client
 * over gRPC to the in-process stand-in (no EventStoreDB server can run here; see apps/eventstoredb-stand-in/README.md).
 */
const eventStoreDb = useEventStoreDbStandIn();

describeNunukanJourney('EventStoreDB stand-in', eventStoreDb);
describeWorklists('EventStoreDB stand-in', eventStoreDb);
