import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { type EventRecord, eventIdFor, GENESIS_HASH, sealEvents } from '@tppo/eventsourcing';
import type { OutgoingMessage, Publisher } from './messaging.port';
import { chunksOf } from './kafka';
import { EventRelay, RelayCheckpoint, type RelayOptions } from './relay';

/** A publisher that fails while `down` is set, and remembers what it acknowledged. */
class FakePublisher implements Publisher {
  down = false;
  readonly acknowledged: OutgoingMessage[] = [];
  attempts = 0;
  async ensureTopic(): Promise<void> {
    if (this.down) throw new Error('broker down');
  }
  async publish(_topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.attempts += 1;
    if (this.down) throw new Error('broker down');
    this.acknowledged.push(...messages);
  }
  async close(): Promise<void> {}
}

const opened = (caseId: string, n: number): EventRecord[] =>
  sealEvents(GENESIS_HASH, [
    {
      eventId: eventIdFor(`cmd-${caseId}-${n}`, 0),
      streamId: caseStreamId(caseId),
      revision: 0,
      type: 'CaseOpened',
      schemaVersion: 1,
      data: { caseId, regionCode: '65.03', source: 'REPORT', exploitationTypes: [], modusCodes: [], openedByUnitId: 'polres-nunukan', leadUnitId: 'polres-nunukan', leadAgencyType: 'POLICE', openedAt: '2026-02-10T01:00:00.000Z' },
      occurredAt: '2026-02-10T01:00:00.000Z',
      recordedAt: new Date().toISOString(),
      actor: { userId: 'officer-1', unitId: 'polres-nunukan', agencyType: 'POLICE' },
      correlationId: `corr-${n}`,
      causationId: `cmd-${caseId}-${n}`,
    },
  ]);

describe('the Kafka relay', () => {
  let dir: string;
  let store: SqliteEventStore;
  const relays: EventRelay[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    store = await SqliteEventStore.open({ file: join(dir, 'events.db'), pollIntervalMs: 10 });
  });
  afterEach(async () => {
    // A failed expectation must not leave a relay running.
    for (const relay of relays.splice(0)) await relay.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const track = (relay: EventRelay): EventRelay => {
    relays.push(relay);
    return relay;
  };

  const until = async (condition: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  it('publishes every event in log order, keyed by case, and moves its checkpoint after the ack', async () => {
    for (let i = 0; i < 30; i += 1) await store.appendToStream(caseStreamId(`c-${i}`), 'no_stream', opened(`c-${i}`, i));
    const publisher = new FakePublisher();
    const checkpoint = RelayCheckpoint.open(join(dir, 'relay.db'));
    const relay = track(new EventRelay(store, publisher, checkpoint, caseEventRegistry, { topic: 't', partitions: 3, batchSize: 7, pollIntervalMs: 5 }));
    const running = relay.run();
    await until(() => publisher.acknowledged.length === 30);
    relay.stop();
    await running;
    expect(publisher.acknowledged.map((m) => m.key)).toEqual(Array.from({ length: 30 }, (_, i) => `c-${i}`));
    expect(checkpoint.load('kafka:t')).toBe(await store.headPosition());
    expect((await relay.status()).eventsBehind).toBe(0);
    checkpoint.close();
  });

  it('while the broker is down: retries the same batch with backoff, never advances, then publishes everything once', async () => {
    const publisher = new FakePublisher();
    publisher.down = true;
    const checkpoint = RelayCheckpoint.open(join(dir, 'relay.db'));
    const logs: string[] = [];
    const relay = track(new EventRelay(store, publisher, checkpoint, caseEventRegistry, {
      topic: 't',
      partitions: 1,
      pollIntervalMs: 5,
      maxBackoffMs: 50,
      log: (_level, message, details) => logs.push(`${message} ${JSON.stringify(details ?? {})}`),
    }));
    const running = relay.run();
    for (let i = 0; i < 10; i += 1) await store.appendToStream(caseStreamId(`c-${i}`), 'no_stream', opened(`c-${i}`, i));
    await until(() => logs.filter((l) => l.startsWith('relay cannot publish') && l.includes('"eventsBehind":10')).length >= 3);
    expect(checkpoint.load('kafka:t')).toBeNull();
    const status = await relay.status();
    expect(status).toMatchObject({ eventsBehind: 10, consecutiveFailures: expect.any(Number), lastError: expect.stringMatching(/broker down/) });
    publisher.down = false;
    await until(() => publisher.acknowledged.length === 10);
    relay.stop();
    await running;
    expect(new Set(publisher.acknowledged.map((m) => m.headers['event-id'])).size).toBe(10);
    expect(checkpoint.load('kafka:t')).toBe(await store.headPosition());
    checkpoint.close();
  });

  it('starts again from its checkpoint after a restart', async () => {
    for (let i = 0; i < 5; i += 1) await store.appendToStream(caseStreamId(`c-${i}`), 'no_stream', opened(`c-${i}`, i));
    const file = join(dir, 'relay.db');
    const first = new FakePublisher();
    let checkpoint = RelayCheckpoint.open(file);
    let relay = track(new EventRelay(store, first, checkpoint, caseEventRegistry, { topic: 't', partitions: 1, pollIntervalMs: 5 }));
    let running = relay.run();
    await until(() => first.acknowledged.length === 5);
    relay.stop();
    await running;
    checkpoint.close();
    for (let i = 5; i < 8; i += 1) await store.appendToStream(caseStreamId(`c-${i}`), 'no_stream', opened(`c-${i}`, i));
    const second = new FakePublisher();
    checkpoint = RelayCheckpoint.open(file);
    relay = track(new EventRelay(store, second, checkpoint, caseEventRegistry, { topic: 't', partitions: 1, pollIntervalMs: 5 }));
    running = relay.run();
    await until(() => second.acknowledged.length === 3);
    relay.stop();
    await running;
    expect(second.acknowledged.map((m) => m.key)).toEqual(['c-5', 'c-6', 'c-7']);
    checkpoint.close();
  });

  it('stops on an event it cannot decode instead of skipping it', async () => {
    const [bad] = opened('c-1', 1);
    await store.appendToStream(caseStreamId('c-1'), 'no_stream', sealEvents(GENESIS_HASH, [{ ...bad!, schemaVersion: 99 }]));
    const publisher = new FakePublisher();
    const checkpoint = RelayCheckpoint.open(join(dir, 'relay.db'));
    const failures: number[] = [];
    const log: RelayOptions['log'] = (_level, message, details) => {
      if (message.startsWith('relay cannot publish')) failures.push(details?.['failures'] as number);
    };
    const relay = track(new EventRelay(store, publisher, checkpoint, caseEventRegistry, { topic: 't', partitions: 1, pollIntervalMs: 5, maxBackoffMs: 20, log }));
    const running = relay.run();
    await until(() => failures.length >= 2);
    relay.stop();
    await running;
    expect(publisher.acknowledged).toEqual([]);
    expect(checkpoint.load('kafka:t')).toBeNull();
    expect(failures.slice(0, 2)).toEqual([1, 2]);
    expect(await relay.status()).toMatchObject({ consecutiveFailures: failures.at(-1), lastError: expect.stringMatching(/not readable/) });
    checkpoint.close();
  });

  it('splits a large batch into requests under the size limit, keeping the order', () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ key: `c-${i % 3}`, value: 'x'.repeat(1000), headers: { 'event-id': `id-${i}` } }));
    const chunks = chunksOf(messages, 10_000);
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.flat()).toEqual(messages);
    expect(chunksOf([{ key: 'k', value: 'y'.repeat(50_000), headers: {} }], 10_000)).toHaveLength(1);
  });
});
