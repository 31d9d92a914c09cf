import { BACKWARDS, END, EventStoreDBClient, eventTypeFilter, jsonEvent, NO_STREAM, type Position, START, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { type EventStoreDbStandIn, startEventStoreDbStandIn } from './eventstoredb-stand-in';

/** What the stand-in promises, seen through the real client (the adapter's tests cover the rest). */
describe('EventStoreDB stand-in', () => {
  let standIn: EventStoreDbStandIn;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    standIn = await startEventStoreDbStandIn();
    client = EventStoreDBClient.connectionString(standIn.url);
  });
  afterEach(async () => {
    await client.dispose();
    await standIn.stop();
  });

  const append = (stream: string, types: string[], expectedRevision: bigint | typeof NO_STREAM = NO_STREAM) =>
    client.appendToStream(stream, types.map((type) => jsonEvent({ type, data: { type } })), { expectedRevision });

  it('reports the current revision in a wrong expected version, or that the stream does not exist', async () => {
    await append('s', ['A', 'B']);
    await expect(append('s', ['C'], 0n)).rejects.toMatchObject({ constructor: WrongExpectedVersionError, actualVersion: 1n, expectedVersion: 0n });
    await expect(append('missing', ['C'], 3n)).rejects.toMatchObject({ actualVersion: 'no_stream' });
  });

  it('reads streams forwards and backwards, and answers stream-not-found for a missing stream', async () => {
    await append('s', ['A', 'B', 'C']);
    const types = async (read: { toArray(): Promise<{ event?: { type: string } }[]> }) => (await read.toArray()).map((e) => e.event?.type);
    expect(await types(client.readStream('s', { fromRevision: 1n }))).toEqual(['B', 'C']);
    expect(await types(client.readStream('s', { fromRevision: END, direction: BACKWARDS, maxCount: 2 }))).toEqual(['C', 'B']);
    await expect(client.readStream('missing').toArray()).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('keeps its own system event at the start of $all and reads $all forwards (inclusive) and backwards (exclusive)', async () => {
    await append('s', ['A', 'B']);
    const all = await client.readAll({ fromPosition: START }).toArray();
    expect(all.map((e) => e.event?.type)).toEqual(['$epoch-information', 'A', 'B']);
    const positionOfA = all[1]!.event!.position;
    expect((await client.readAll({ fromPosition: positionOfA }).toArray()).map((e) => e.event?.type)).toEqual(['A', 'B']);
    expect((await client.readAll({ fromPosition: positionOfA, direction: BACKWARDS }).toArray()).map((e) => e.event?.type)).toEqual(['$epoch-information']);
  });

  it('confirms a filtered subscription, sends checkpoints and caught-up, then live events', async () => {
    await append('s', ['A', 'Skip', 'B']);
    const checkpoints: Position[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: eventTypeFilter({ prefixes: ['A', 'B', 'C'], maxSearchWindow: 1, checkpointInterval: 1, checkpointReached: (_s, position) => void checkpoints.push(position) }),
    });
    const signals: string[] = [];
    subscription.on('confirmation', () => signals.push('confirmation'));
    subscription.on('caughtUp', () => signals.push('caught-up'));
    const seen: string[] = [];
    for await (const resolved of subscription) {
      seen.push(resolved.event!.type);
      if (seen.length === 2) await append('s', ['C'], 2n);
      if (seen.length === 3) break;
    }
    await subscription.unsubscribe();
    expect(seen).toEqual(['A', 'B', 'C']);
    expect(signals).toEqual(['confirmation', 'caught-up']);
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses the calls it does not implement with UNIMPLEMENTED', async () => {
    await append('s', ['A']);
    await expect(client.deleteStream('s')).rejects.toThrow(/not implemented by the EventStoreDB stand-in/);
  });
});
