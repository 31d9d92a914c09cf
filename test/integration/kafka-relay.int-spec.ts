import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { SEALED_VALUE_MARKER } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { EventRelay, KafkaGroupConsumer, KafkaPublisher, RelayCheckpoint } from '@tppo/messaging';
import { sealedWalk } from '../../libs/case-domain/src/testing/case-walks.fixtures';
import { ExampleFeed } from '../../apps/kafka-relay/src/example-consumer';
import { startApi } from '../support/api-harness';
import { eventually } from '../support/eventually';
import { KafkaBroker } from '../support/kafka-broker';

/**
 * The relay against a real Kafka broker (KRaft, loopback), with the example consumer on the other
 * side: every event exactly once after deduplication, in order per case, through a broker outage
 * and a relay killed mid-batch. Needs Java; the jars come from .ci/kafka.sh (KAFKA_LIBS to skip it).
 */
jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '..', '..');

const caseRecords = (caseId: string) => sealedWalk(caseId, new Date().toISOString());

/** A consumer that failed to start fails the wait at once instead of at its deadline. */
const consumerErrors: unknown[] = [];

const until = (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 120_000) =>
  eventually(condition, { what, timeoutMs, intervalMs: 100, giveUpIf: () => (consumerErrors.length > 0 ? `the consumer failed: ${String(consumerErrors[0])}` : undefined) });

describe('the Kafka relay against a real broker', () => {
  let broker: KafkaBroker;
  let dir: string;
  let store: SqliteEventStore;
  const stops: (() => Promise<void> | void)[] = [];
  beforeAll(async () => {
    broker = await KafkaBroker.create();
    await broker.start();
  });
  afterAll(async () => broker?.destroy());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-int-'));
    store = await SqliteEventStore.open({ file: join(dir, 'events.db'), pollIntervalMs: 20 });
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appends `cases` cases of 12 events; returns every event id by case, in order. */
  const appendCases = async (prefix: string, cases: number): Promise<Map<string, string[]>> => {
    const written = new Map<string, string[]>();
    for (let i = 0; i < cases; i += 1) {
      const caseId = `${prefix}-${i}`;
      const records = caseRecords(caseId);
      await store.appendToStream(caseStreamId(caseId), 'no_stream', records);
      written.set(caseId, records.map((r) => r.eventId));
    }
    return written;
  };

  const startRelay = (topic: string) => {
    const publisher = new KafkaPublisher({ brokers: [broker.address], clientId: 'relay-test', timeoutMs: 3000 });
    const checkpoint = RelayCheckpoint.open(join(dir, 'relay.db'));
    const relay = new EventRelay(store, publisher, checkpoint, caseEventRegistry, { topic, partitions: 4, batchSize: 500, pollIntervalMs: 20, maxBackoffMs: 1000 });
    const running = relay.run();
    stops.push(async () => {
      relay.stop();
      await running;
      await publisher.close();
      checkpoint.close();
    });
    return relay;
  };

  /** The example consumer: raw deliveries counted, effects applied once per event id. */
  const startConsumer = (topic: string, feed: ExampleFeed, deliveries: string[]) => {
    const consumer = new KafkaGroupConsumer({ brokers: [broker.address], clientId: 'consumer-test' }, { topic, groupId: `${topic}-group` });
    consumer
      .run(async (message) => {
        deliveries.push(message.headers['event-id']!);
        feed.apply(message);
      })
      .catch((error: unknown) => consumerErrors.push(error));
    const stop = () => consumer.close();
    stops.push(stop);
    return stop;
  };

  /** Every event exactly once after deduplication, in order per case, with the ids written. */
  const expectEveryEventOnceInOrder = (feed: ExampleFeed, written: Map<string, string[]>) => {
    const processed = feed.processed();
    const total = [...written.values()].reduce((n, ids) => n + ids.length, 0);
    expect(processed).toHaveLength(total);
    const byCase = new Map<string, { eventId: string; sequence: number }[]>();
    for (const p of processed) byCase.set(p.subject, [...(byCase.get(p.subject) ?? []), p]);
    for (const [caseId, ids] of written) {
      const seen = byCase.get(caseId) ?? [];
      expect([caseId, seen.map((p) => p.eventId)]).toEqual([caseId, ids]);
      expect(seen.map((p) => p.sequence)).toEqual(ids.map((_, i) => i));
    }
  };

  it('delivers 10,000+ events over 834 cases exactly once after deduplication, in order per case', async () => {
    const topic = `cases-${Date.now()}-a`;
    const written = await appendCases('a', 834);
    const feed = new ExampleFeed(join(dir, 'feed.db'));
    stops.push(() => feed.close());
    const deliveries: string[] = [];
    startRelay(topic);
    startConsumer(topic, feed, deliveries);
    await until('every event consumed', () => feed.processed().length === 834 * 12);
    expectEveryEventOnceInOrder(feed, written);
    // The example feed is useful on its own: the referrals to the UPTD were all answered.
    expect(feed.openReferralsFor('uptd-ppa-nunukan')).toEqual([]);
  });

  it('survives the broker being away for 30 s while events keep coming, and resumes from its checkpoint', async () => {
    const topic = `cases-${Date.now()}-b`;
    const feed = new ExampleFeed(join(dir, 'feed.db'));
    stops.push(() => feed.close());
    const deliveries: string[] = [];
    const relay = startRelay(topic);
    const stopConsumer = startConsumer(topic, feed, deliveries);
    const written = await appendCases('b', 100);
    await until('the first events consumed', () => feed.processed().length === 1200);
    await stopConsumer();

    await broker.stop();
    const awayFrom = Date.now();
    // Commands keep arriving while Kafka is away.
    for (let i = 0; Date.now() - awayFrom < 30_000; i += 1) {
      for (const [caseId, ids] of await appendCases(`b-away-${i}`, 5)) written.set(caseId, ids);
      await new Promise((r) => setTimeout(r, 500));
    }
    const during = await relay.status();
    expect(during.consecutiveFailures).toBeGreaterThan(0);
    expect(during.eventsBehind).toBeGreaterThan(0);
    expect(BigInt(during.position!)).toBeLessThan(BigInt(during.head!));

    await broker.start();
    startConsumer(topic, feed, deliveries);
    await until('every event consumed after the outage', () => feed.processed().length === written.size * 12, 180_000);
    expectEveryEventOnceInOrder(feed, written);
    expect((await relay.status()).eventsBehind).toBe(0);
  });

  it('runs inside the API with KAFKA_BROKERS set: a command becomes a message, and the lag is on /health/kafka-relay', async () => {
    const topic = `cases-${Date.now()}-api`;
    const api = await startApi({ KAFKA_BROKERS: broker.address, KAFKA_TOPIC: topic, KAFKA_PARTITIONS: '2' });
    stops.push(() => api.close());
    const feed = new ExampleFeed(join(dir, 'feed.db'));
    stops.push(() => feed.close());
    const raw: string[] = [];
    const consumer = new KafkaGroupConsumer({ brokers: [broker.address], clientId: 'raw-test' }, { topic, groupId: `${topic}-raw` });
    consumer.run(async (message) => void raw.push(`${message.key} ${message.value} ${JSON.stringify(message.headers)}`)).catch((error: unknown) => consumerErrors.push(error));
    stops.push(() => consumer.close());
    startConsumer(topic, feed, []);
    const police = await api.as('polres-nunukan');
    const caseId = (await api.http.post('/cases').set(police).send({ regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [] }).expect(201)).body.id as string;
    // A victim with a name and an identity number: neither may reach Kafka, not even sealed.
    const victim = (await api.http
      .post(`/cases/${caseId}/victims`)
      .set(police)
      .send({ identity: { fullName: 'Siti Aminah Wulandari', nik: '5310014104100001' }, sex: 'FEMALE', nationality: 'ID', birthDate: '2010-04-01' })
      .expect(201)).body.resourceId as string;
    const { revision } = (await api.http
      .post(`/cases/${caseId}/referrals`)
      .set(police)
      .send({
        toUnitId: 'uptd-ppa-nunukan',
        purpose: 'CASE_MANAGEMENT',
        urgency: 'URGENT',
        dueBy: new Date(Date.now() + 86_400_000).toISOString(),
        legalBasis: 'CHILD_PROTECTION_EMERGENCY',
        justification: 'Unaccompanied child, no guardian present',
      })
      .expect(201)).body as { revision: number };
    // Her data is erased (the lead asks, the ministry approves): downstream systems are told to delete their copies.
    const erasureId = (await api.http
      .post(`/cases/${caseId}/subjects/${victim}/erasure-requests`)
      .set(police)
      .send({ legalGround: 'CONSENT_WITHDRAWN', reason: 'She withdrew her consent' })
      .expect(201)).body.resourceId as string;
    const erased = (await api.http
      .post(`/cases/${caseId}/erasure-requests/${erasureId}/approval`)
      .set(await api.as('kemenpppa'))
      .send({ reason: 'No proceedings open, no hold' })
      .expect(200)).body as { revision: number };
    expect(erased.revision).toBeGreaterThan(revision);
    const events = erased.revision + 1;
    await until('every event of the case consumed', () => feed.processed().length === events && raw.length === events, 60_000);
    const erasure = raw.map((line) => line.slice(line.indexOf(' ') + 1)).find((line) => line.includes('"tppo.case.subject-erased.v1"'));
    expect(erasure).toBeDefined();
    expect(erasure).toContain(victim);
    expect(erasure).toContain('CONSENT_WITHDRAWN');
    expect(feed.processed().map((p) => [p.subject, p.sequence])).toEqual(Array.from({ length: events }, (_, i) => [caseId, i]));
    // Scanned raw: keys, values and headers as they crossed the broker.
    const everything = raw.join('\n');
    expect(everything).toContain(victim);
    expect(everything).not.toMatch(/Siti|Aminah|Wulandari|5310014104100001/);
    expect(everything).not.toMatch(SEALED_VALUE_MARKER);
    expect(feed.openReferralsFor('uptd-ppa-nunukan')).toEqual([{ caseId, dueBy: expect.any(String) }]);
    await until('the relay caught up', async () => (await api.http.get('/health/kafka-relay')).body.eventsBehind === 0, 10_000);
    expect((await api.http.get('/health/kafka-relay').expect(200)).body).toMatchObject({ topic, eventsBehind: 0, consecutiveFailures: 0 });
  });

  it('loses nothing when the relay process is killed mid-batch; duplicates are only redeliveries', async () => {
    const topic = `cases-${Date.now()}-c`;
    // Enough that the relay is still publishing when the kill lands: faster relays and consumers
    // once finished all 4,800 events of 400 cases before the consumer had counted 500.
    const cases = 1500;
    const written = await appendCases('c', cases);
    const feed = new ExampleFeed(join(dir, 'feed.db'));
    stops.push(() => feed.close());
    const deliveries: string[] = [];
    startConsumer(topic, feed, deliveries);

    const startChild = (): ChildProcess => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/kafka-relay/src/main.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir, KAFKA_BROKERS: broker.address, KAFKA_TOPIC: topic, KAFKA_PARTITIONS: '4', RELAY_PORT: '0', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      stops.push(() => {
        if (child.exitCode === null) child.kill('SIGKILL');
      });
      return child;
    };
    const first = startChild();
    await until('the relay to publish part of the log', () => feed.processed().length > 500, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const before = feed.processed().length;
    expect(before).toBeLessThan(cases * 12);

    startChild();
    await until('every event consumed after the restart', () => feed.processed().length === cases * 12);
    expectEveryEventOnceInOrder(feed, written);
    const all = new Set([...written.values()].flat());
    // At least once: whatever came twice is an event that was already published, with the same id.
    expect(deliveries.every((id) => all.has(id))).toBe(true);
    expect(new Set(deliveries).size).toBe(cases * 12);
  });
});
