import {
  type AllSubscription,
  type EventStore,
  InvalidAppendError,
  StoreClosedError,
  type StoredEvent,
  verifyChain,
  WrongExpectedRevisionError,
} from '@tppo/eventsourcing';
import { makeRecords, nextRecords } from './records';

export interface ContractSubject {
  readonly store: EventStore;
  /** Closes the store and opens it again on the same data (positions must survive). */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

const collect = async (subscription: AllSubscription, until: (seen: StoredEvent[], caughtUp: boolean) => boolean, timeoutMs = 5000) => {
  const seen: StoredEvent[] = [];
  let caughtUpAt = -1;
  const deadline = setTimeout(() => void subscription.stop(), timeoutMs);
  for await (const message of subscription) {
    if (message.kind === 'caught-up') caughtUpAt = seen.length;
    else seen.push(message.event);
    if (until(seen, caughtUpAt >= 0)) break;
  }
  clearTimeout(deadline);
  await subscription.stop();
  return { seen, caughtUpAt };
};

const collectSlowly = async (subscription: AllSubscription, count: number) => {
  const seen: StoredEvent[] = [];
  for await (const message of subscription) {
    if (message.kind !== 'event') continue;
    await new Promise((r) => setTimeout(r, 2));
    seen.push(message.event);
    if (seen.length === count) break;
  }
  await subscription.stop();
  return { seen };
};

/** The behaviour every EventStore adapter must show (SQLite now, EventStoreDB later). */
export const describeEventStoreContract = (name: string, factory: () => Promise<ContractSubject>): void => {
  describe(`${name}: the event store contract`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup();
    });

    describe('appending', () => {
      it('appends to a new stream with no_stream and reads it back in revision order', async () => {
        const records = makeRecords('case-a', 0, undefined, 3);
        const result = await store.appendToStream('case-a', 'no_stream', records);
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream('case-a');
        expect(read.map((e) => e.eventId)).toEqual(records.map((r) => r.eventId));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read[2]!.position).toBe(result.position);
        expect(read[0]).toMatchObject({ ...records[0], position: expect.any(BigInt) });
      });

      it('gives global positions that grow across streams in commit order', async () => {
        const a = await store.appendToStream('case-a', 'no_stream', makeRecords('case-a'));
        const b = await store.appendToStream('case-b', 'no_stream', makeRecords('case-b'));
        expect(b.position > a.position).toBe(true);
        const all = await store.readAll();
        expect(all.map((e) => e.streamId)).toEqual(['case-a', 'case-b']);
        expect(await store.headPosition()).toBe(b.position);
      });

      it('counts the events after a position, bounded, whatever the positions are', async () => {
        expect(await store.countAfter(undefined, 100)).toBe(0);
        const a = await store.appendToStream('case-a', 'no_stream', makeRecords('case-a', 0, undefined, 3));
        await store.appendToStream('case-b', 'no_stream', makeRecords('case-b', 0, undefined, 4));
        expect(await store.countAfter(undefined, 100)).toBe(7);
        expect(await store.countAfter(a.position, 100)).toBe(4);
        expect(await store.countAfter(a.position, 2)).toBe(2);
        expect(await store.countAfter((await store.headPosition())!, 100)).toBe(0);
      });

      it('continues a stream at its exact revision', async () => {
        const [first] = makeRecords('case-a');
        await store.appendToStream('case-a', 'no_stream', [first!]);
        const more = nextRecords(first!, 2);
        await expect(store.appendToStream('case-a', 0, more)).resolves.toMatchObject({ nextExpectedRevision: 2 });
        expect(verifyChain(await store.readStream('case-a'))).toMatchObject({ valid: true, events: 3 });
      });

      it('answers an empty list for a stream that does not exist', async () => {
        expect(await store.readStream('case-missing')).toEqual([]);
        expect(await store.headPosition()).toBeNull();
      });

      it('reads a stream from a revision, bounded', async () => {
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a', 0, undefined, 5));
        const part = await store.readStream('case-a', { fromRevision: 2, maxCount: 2 });
        expect(part.map((e) => e.revision)).toEqual([2, 3]);
      });
    });

    describe('expected revisions', () => {
      it('refuses no_stream on an existing stream, a stale revision and a future revision', async () => {
        const [first] = makeRecords('case-a');
        await store.appendToStream('case-a', 'no_stream', [first!]);
        await expect(store.appendToStream('case-a', 'no_stream', makeRecords('case-a'))).rejects.toMatchObject({
          constructor: WrongExpectedRevisionError, expected: 'no_stream', actual: 0,
        });
        await expect(store.appendToStream('case-a', 5, makeRecords('case-a', 6))).rejects.toMatchObject({ actual: 0 });
        await expect(store.appendToStream('case-b', 0, makeRecords('case-b', 1))).rejects.toMatchObject({ actual: -1 });
        expect(await store.readStream('case-a')).toHaveLength(1);
      });
    });

    describe('idempotency on event ids', () => {
      it('a retried append of the same events at the same revision succeeds and writes once', async () => {
        const records = makeRecords('case-a', 0, undefined, 2);
        const first = await store.appendToStream('case-a', 'no_stream', records);
        const retry = await store.appendToStream('case-a', 'no_stream', records);
        expect(retry).toEqual(first);
        expect(await store.readStream('case-a')).toHaveLength(2);
        expect(await store.readAll()).toHaveLength(2);
      });

      it('a retry still succeeds with the original result after the stream moved on', async () => {
        const records = makeRecords('case-a', 0, undefined, 2);
        const first = await store.appendToStream('case-a', 'no_stream', records);
        await store.appendToStream('case-a', 1, nextRecords(records[1]!, 3));
        await expect(store.appendToStream('case-a', 'no_stream', records)).resolves.toEqual(first);
        await expect(store.appendToStream('case-a', 'no_stream', records.slice(0, 1))).resolves.toMatchObject({ nextExpectedRevision: 0 });
        expect(await store.readStream('case-a')).toHaveLength(5);
      });

      it('a retry that only partly matches what follows the expected revision conflicts and writes nothing', async () => {
        const records = makeRecords('case-a', 0, undefined, 2);
        await store.appendToStream('case-a', 'no_stream', records);
        const longer = [...records, ...nextRecords(records[1]!)];
        await expect(store.appendToStream('case-a', 'no_stream', longer)).rejects.toMatchObject({ constructor: WrongExpectedRevisionError, actual: 1 });
        const swapped = [records[0]!, nextRecords(records[0]!)[0]!];
        await expect(store.appendToStream('case-a', 'no_stream', swapped)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readAll()).toHaveLength(2);
      });

      it('a different append at the stale revision conflicts', async () => {
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a'));
        await expect(store.appendToStream('case-a', 'no_stream', makeRecords('case-a'))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      });
    });

    describe('atomicity and malformed appends', () => {
      it('writes nothing of a batch whose revisions do not follow on', async () => {
        const records = makeRecords('case-a', 0, undefined, 3);
        const broken = [records[0]!, { ...records[2]!, revision: 1 }];
        await expect(store.appendToStream('case-a', 'no_stream', broken)).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream('case-a')).toEqual([]);
      });

      it('refuses a broken hash link, an event of another stream and an empty append', async () => {
        const [first] = makeRecords('case-a');
        await store.appendToStream('case-a', 'no_stream', [first!]);
        const unlinked = makeRecords('case-a', 1, 'f'.repeat(64));
        await expect(store.appendToStream('case-a', 0, unlinked)).rejects.toBeInstanceOf(InvalidAppendError);
        const tampered = { ...nextRecords(first!)[0]!, data: { note: 'changed after hashing' } };
        await expect(store.appendToStream('case-a', 0, [tampered])).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream('case-a', 0, makeRecords('case-b', 1))).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.appendToStream('case-a', 0, [])).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream('case-a')).toHaveLength(1);
      });
    });

    describe('concurrency', () => {
      it('of N concurrent appends at the same revision exactly one wins', async () => {
        const [first] = makeRecords('case-a');
        await store.appendToStream('case-a', 'no_stream', [first!]);
        const attempts = Array.from({ length: 20 }, () => store.appendToStream('case-a', 0, nextRecords(first!)));
        const results = await Promise.allSettled(attempts);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const losers = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
        expect(losers).toHaveLength(19);
        expect(losers.every((r) => r.reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect(await store.readStream('case-a')).toHaveLength(2);
      });

      it('concurrent appends to different streams all succeed, each stream chained', async () => {
        await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendToStream(`case-${i}`, 'no_stream', makeRecords(`case-${i}`, 0, undefined, 2))));
        expect(await store.readAll()).toHaveLength(100);
        for (const i of [0, 17, 49]) expect(verifyChain(await store.readStream(`case-${i}`)).valid).toBe(true);
      });
    });

    describe('the hash chain', () => {
      it('every stream verifies after many concurrent appends of one and several events', async () => {
        const streams = Array.from({ length: 8 }, (_, i) => `case-chain-${i}`);
        let appended = 0;
        await Promise.all(
          streams.map(async (streamId, s) => {
            let last: StoredEvent | undefined;
            for (let round = 0; round < 12; round += 1) {
              const count = 1 + ((s + round) % 3);
              const records = last ? nextRecords(last, count) : makeRecords(streamId, 0, undefined, count);
              const result = await store.appendToStream(streamId, last ? last.revision : 'no_stream', records);
              expect(result.nextExpectedRevision).toBe(records.at(-1)!.revision);
              last = { ...records.at(-1)!, position: result.position };
              appended += count;
            }
          }),
        );
        for (const streamId of streams) {
          const events = await store.readStream(streamId);
          expect(verifyChain(events)).toMatchObject({ valid: true, events: events.length });
        }
        const all = await store.readAll();
        expect(all).toHaveLength(appended);
        for (let i = 1; i < all.length; i += 1) expect(all[i]!.position > all[i - 1]!.position).toBe(true);
        expect(await store.headPosition()).toBe(all.at(-1)!.position);
      });
    });

    describe('the global log', () => {
      it('pages through readAll with an exclusive `after`', async () => {
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a', 0, undefined, 7));
        const page1 = await store.readAll({ maxCount: 3 });
        const page2 = await store.readAll({ after: page1.at(-1)!.position, maxCount: 3 });
        const page3 = await store.readAll({ after: page2.at(-1)!.position, maxCount: 3 });
        expect([...page1, ...page2, ...page3].map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
        expect(await store.readAll({ after: page3.at(-1)!.position })).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('catches up, signals caught-up once, then delivers live events once and in order', async () => {
        const [first, ...rest] = makeRecords('case-a', 0, undefined, 3);
        await store.appendToStream('case-a', 'no_stream', [first!, ...rest]);
        const subscription = store.subscribeToAll();
        const live = (async () => {
          await new Promise((r) => setTimeout(r, 50));
          let last = (await store.readStream('case-a')).at(-1)!;
          for (let i = 0; i < 5; i += 1) {
            const [next] = nextRecords(last);
            await store.appendToStream('case-a', last.revision, [next!]);
            last = next as StoredEvent;
          }
        })();
        const { seen, caughtUpAt } = await collect(subscription, (events) => events.length >= 8);
        await live;
        expect(caughtUpAt).toBe(3);
        expect(seen.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        const positions = seen.map((e) => e.position);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      });

      it('starts after a given position and signals caught-up on an empty tail', async () => {
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a', 0, undefined, 4));
        const all = await store.readAll();
        const { seen, caughtUpAt } = await collect(store.subscribeToAll({ after: all[1]!.position }), (events, caughtUp) => caughtUp && events.length >= 2);
        expect(seen.map((e) => e.revision)).toEqual([2, 3]);
        expect(caughtUpAt).toBe(2);
      });

      it('delivers events appended concurrently with the catch-up exactly once', async () => {
        await Promise.all(Array.from({ length: 30 }, (_, i) => store.appendToStream(`case-${i}`, 'no_stream', makeRecords(`case-${i}`))));
        const subscription = store.subscribeToAll();
        const writers = Promise.all(Array.from({ length: 30 }, (_, i) => store.appendToStream(`case-x${i}`, 'no_stream', makeRecords(`case-x${i}`))));
        const { seen } = await collect(subscription, (events) => events.length >= 60);
        await writers;
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(60);
      });
    });

    describe('subscriptions across pages and live appends', () => {
      it('a long catch-up and concurrent writers: every event once, in log order, caught-up once', async () => {
        let last: StoredEvent | undefined;
        for (let round = 0; round < 30; round += 1) {
          const records = last ? nextRecords(last, 50) : makeRecords('case-long', 0, undefined, 50);
          const result = await store.appendToStream('case-long', last ? last.revision : 'no_stream', records);
          last = { ...records.at(-1)!, position: result.position };
        }
        const subscription = store.subscribeToAll();
        const writers = Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            await new Promise((r) => setTimeout(r, i * 3));
            await store.appendToStream(`case-live-${i}`, 'no_stream', makeRecords(`case-live-${i}`, 0, undefined, 2));
          }),
        );
        let caughtUps = 0;
        const seen: StoredEvent[] = [];
        const deadline = setTimeout(() => void subscription.stop(), 8000);
        for await (const message of subscription) {
          if (message.kind === 'caught-up') caughtUps += 1;
          else seen.push(message.event);
          if (seen.length >= 1540) break;
        }
        clearTimeout(deadline);
        await writers;
        await subscription.stop();
        expect(caughtUps).toBe(1);
        expect(seen.map((e) => e.eventId)).toEqual((await store.readAll()).map((e) => e.eventId));
      });

      it('a slow consumer holds the subscription back and still gets every event in order', async () => {
        const records = makeRecords('case-a', 0, undefined, 20);
        await store.appendToStream('case-a', 'no_stream', records);
        const { seen } = await collectSlowly(store.subscribeToAll(), 20);
        expect(seen.map((e) => e.revision)).toEqual(records.map((r) => r.revision));
      });

      it('stop() ends an iteration that is waiting for live events', async () => {
        const subscription = store.subscribeToAll();
        const messages: string[] = [];
        const consumer = (async () => {
          for await (const message of subscription) messages.push(message.kind);
          return 'ended';
        })();
        await new Promise((r) => setTimeout(r, 50));
        await subscription.stop();
        await expect(consumer).resolves.toBe('ended');
        expect(messages).toEqual(['caught-up']);
      });
    });

    describe('closing', () => {
      it('refuses appends and reads once closed, and closing twice is harmless', async () => {
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a'));
        await store.ping();
        await store.close();
        await store.close();
        await expect(store.appendToStream('case-b', 'no_stream', makeRecords('case-b'))).rejects.toBeInstanceOf(StoreClosedError);
        await expect(store.readAll()).rejects.toBeInstanceOf(StoreClosedError);
        await expect(store.readStream('case-a')).rejects.toBeInstanceOf(StoreClosedError);
      });
    });

    describe('restart', () => {
      it('keeps events, revisions and positions after reopening', async () => {
        if (!subject.reopen) return;
        await store.appendToStream('case-a', 'no_stream', makeRecords('case-a', 0, undefined, 3));
        const before = await store.readAll();
        store = await subject.reopen();
        expect(await store.readAll()).toEqual(before);
        const last = before.at(-1)!;
        const appended = await store.appendToStream('case-a', 2, nextRecords(last));
        expect(appended.position > last.position).toBe(true);
        expect(verifyChain(await store.readStream('case-a')).valid).toBe(true);
      });
    });
  });
};
