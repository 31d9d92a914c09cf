/**
 * Kafka relay benchmark (figures, not a test). Starts its own broker with the test harness
 * (test/support/kafka-broker.ts; jars from .ci/kafka.sh), then:
 *  1. catch-up: BENCH_BACKLOG (100,000+) events of realistic cases are in the log before the relay
 *     starts (its topic already made); the time until the broker acknowledged all of them gives
 *     relayEventsPerSecond;
 *  2. end to end: BENCH_RATE (1,000) events per second for BENCH_SECONDS (10), each from its append
 *     call until a consumer group receives it: endToEndP50Ms / endToEndP99Ms.
 * The relay runs as in the API's process (woken by commits), BENCH_RELAY_BATCH (5,000) events per batch. Last stdout line:
 * {"relayEventsPerSecond":…, "endToEndP50Ms":…, "endToEndP99Ms":…, "appendP50Ms":…, "appendP99Ms":…, …, "rssMb":…}
 * (the durable append is part of end to end; its own percentiles are printed beside it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { EventRelay, KafkaGroupConsumer, KafkaPublisher, RelayCheckpoint } from '@tppo/messaging';
import { sealedWalk } from '../libs/case-domain/src/testing/case-walks.fixtures';
import { KafkaBroker } from '../test/support/kafka-broker';

const BACKLOG = Number(process.env['BENCH_BACKLOG'] ?? 100_008);
const RATE = Number(process.env['BENCH_RATE'] ?? 1000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const progress = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-kafka-'));
  progress('starting a Kafka broker on loopback ...');
  const broker = await KafkaBroker.create();
  await broker.start();
  const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
  const topic = 'bench.case-events';
  /** When the broker acknowledged each event (to split end-to-end latency into relay and consumer). */
  const acked = new Map<string, number>();
  const publisher = new (class extends KafkaPublisher {
    override async publish(t: string, messages: Parameters<KafkaPublisher['publish']>[1]): Promise<void> {
      await super.publish(t, messages);
      const at = performance.now();
      for (const m of messages) acked.set(m.headers['event-id']!, at);
    }
  })({ brokers: [broker.address], clientId: 'bench-relay' });
  const checkpoint = RelayCheckpoint.open(join(dir, 'relay.db'));
  let consumer: KafkaGroupConsumer | undefined;
  try {
    const cases = Math.ceil(BACKLOG / 12);
    progress(`writing a backlog of ${cases * 12} events (${cases} cases) ...`);
    let next = 0;
    const now = new Date().toISOString();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let i = next++; i < cases; i = next++) await store.appendToStream(caseStreamId(`k-${i}`), 'no_stream', sealedWalk(`k-${i}`, now));
      }),
    );
    const head = (await store.headPosition())!;

    // The topic is made first: creating it (and waiting for its leaders) is a one-time start-up cost,
    // not part of the rate at which a backlog drains.
    await publisher.ensureTopic(topic, 6);
    progress('catch-up: the relay publishes the backlog ...');
    const relay = new EventRelay(store, publisher, checkpoint, caseEventRegistry, { topic, partitions: 6, batchSize: Number(process.env['BENCH_RELAY_BATCH'] ?? 5000), wakeOn: (wake) => store.onCommit(wake) });
    const started = performance.now();
    const running = relay.run();
    let last = 0;
    for (;;) {
      const status = await relay.status();
      if (status.position !== null && BigInt(status.position) >= head) break;
      if (status.published - last >= 20_000) progress(`  ${(last = status.published).toLocaleString('en')} published`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const catchUpSeconds = (performance.now() - started) / 1000;
    progress(`caught up in ${catchUpSeconds.toFixed(1)} s`);

    progress(`end to end: ${RATE} events/s for ${SECONDS} s, append call to consumer receipt ...`);
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const appendLatencies: number[] = [];
    consumer = new KafkaGroupConsumer({ brokers: [broker.address], clientId: 'bench-consumer' }, { topic, groupId: 'bench-group', fromBeginning: false });
    let ready = false;
    void consumer.run(async (message) => {
      ready = true;
      const at = sent.get(message.headers['event-id'] ?? '');
      if (at !== undefined) latencies.push(performance.now() - at);
    });
    // Wait until the group owns its partitions: a warm-up event must arrive first.
    for (let i = 0; !ready; i += 1) {
      const [event] = sealedWalk(`warm-${i}`, new Date().toISOString());
      await store.appendToStream(caseStreamId(`warm-${i}`), 'no_stream', [event!]);
      await new Promise((r) => setTimeout(r, 200));
    }
    // Prepared beforehand: the loop below only appends, as an API under load would.
    const prepared = Array.from({ length: Math.ceil(RATE * SECONDS) + 10 }, (_, i) => sealedWalk(`e2e-${i}`, new Date().toISOString())[0]!);
    const interval = 1000 / RATE;
    const t0 = performance.now();
    let count = 0;
    for (let i = 0; performance.now() - t0 < SECONDS * 1000 && i < prepared.length; i += 1) {
      const wait = t0 + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const event = prepared[i];
      sent.set(event!.eventId, performance.now());
      count += 1;
      const at = performance.now();
      void store.appendToStream(caseStreamId(`e2e-${i}`), 'no_stream', [event!]).then(() => appendLatencies.push(performance.now() - at));
    }
    const deadline = performance.now() + 30_000;
    while (latencies.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    relay.stop();
    await running;
    const sorted = [...latencies].sort((a, b) => a - b);
    const ackSorted = [...sent].filter(([id]) => acked.has(id)).map(([id, at]) => acked.get(id)! - at).sort((a, b) => a - b);
    const appendSorted = [...appendLatencies].sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        relayEventsPerSecond: Math.round(Number(head) / catchUpSeconds),
        endToEndP50Ms: Math.round(percentile(sorted, 50)),
        endToEndP99Ms: Math.round(percentile(sorted, 99)),
        ackedP50Ms: Math.round(percentile(ackSorted, 50)),
        ackedP99Ms: Math.round(percentile(ackSorted, 99)),
        appendP50Ms: Math.round(percentile(appendSorted, 50)),
        appendP99Ms: Math.round(percentile(appendSorted, 99)),
        received: latencies.length,
        sent: count,
        backlog: Number(head),
        rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      })}\n`,
    );
  } finally {
    await consumer?.close();
    await publisher.close();
    checkpoint.close();
    await store.close();
    await broker.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
