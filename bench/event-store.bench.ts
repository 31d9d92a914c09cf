/**
 * Event store benchmark (figures, not a test): concurrent durable single-event appends from 64
 * callers until BENCH_EVENTS exist, then a full read of the global log with decoding.
 * Env: BENCH_EVENTS (200000), BENCH_CALLERS (64), BENCH_IDS=ordered (time-ordered event ids), BENCH_KEEP.
 * `npm run bench:store -- --store eventstoredb`: through the EventStoreDB adapter to the stand-in.
 * Last stdout line: {"appendsPerSecond":…, "appendP50Ms":…, "appendP99Ms":…, "readAllEventsPerSecond":…, "events":…, "rssMb":…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type EventRecord, type EventStore, GENESIS_HASH } from '@tppo/eventsourcing';
import { EventStoreDbEventStore, SqliteEventStore } from '@tppo/event-store';
import { caseEventFor } from './support/case-event';
import { startEventStoreDbStandIn } from '../apps/eventstoredb-stand-in/src/eventstoredb-stand-in';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const CALLERS = Number(process.env['BENCH_CALLERS'] ?? 64);
const STREAMS_PER_CALLER = 50;
const ORDERED_IDS = process.env['BENCH_IDS'] === 'ordered';
const storeArg = process.argv.indexOf('--store');
const STORE = storeArg >= 0 ? process.argv[storeArg + 1] : 'sqlite';
if (STORE !== 'sqlite' && STORE !== 'eventstoredb') throw new Error(`--store must be sqlite or eventstoredb, not ${String(STORE)}`);

const progress = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const eventFor = (streamId: string, revision: number, prevHash: string, n: number): EventRecord => caseEventFor(streamId, revision, prevHash, n, ORDERED_IDS);

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  // `-- --store eventstoredb`: the same load through the EventStoreDB adapter and the real client, over
  // gRPC to the in-process stand-in (it keeps events in memory: this measures the adapter's and the
  // client's cost per append, not a server's disk).
  const standIn = STORE === 'eventstoredb' ? await startEventStoreDbStandIn() : undefined;
  const store: EventStore = standIn
    ? EventStoreDbEventStore.connect({ url: standIn.url })
    : await SqliteEventStore.open({ file: join(dir, 'events.db'), ...(process.env['BENCH_IN_FLIGHT'] ? { maxInFlight: Number(process.env['BENCH_IN_FLIGHT']) } : {}) });
  const latencies = new Float64Array(EVENTS);
  let issued = 0;
  let done = 0;
  progress(`appending ${EVENTS} events from ${CALLERS} concurrent callers to ${STORE === 'sqlite' ? 'SQLite (durable, synchronous=FULL)' : 'the EventStoreDB adapter (stand-in, in memory)'} ...`);
  const ticker = setInterval(() => progress(`  ${done} / ${EVENTS} appended`), 2000);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      const heads = Array.from({ length: STREAMS_PER_CALLER }, () => ({ revision: -1, hash: GENESIS_HASH }));
      for (let k = 0; ; k += 1) {
        const n = issued++;
        if (n >= EVENTS) return;
        const head = heads[k % STREAMS_PER_CALLER]!;
        const streamId = `case-${caller}-${k % STREAMS_PER_CALLER}`;
        const record = eventFor(streamId, head.revision + 1, head.hash, n);
        const t0 = performance.now();
        await store.appendToStream(streamId, head.revision < 0 ? 'no_stream' : head.revision, [record]);
        latencies[n] = performance.now() - t0;
        head.revision += 1;
        head.hash = record.hash;
        done += 1;
      }
    }),
  );
  const appendSeconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  latencies.sort();
  progress(`appended in ${appendSeconds.toFixed(1)} s; reading the whole log ...`);

  const readStarted = performance.now();
  let read = 0;
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1000 });
    if (page.length === 0) break;
    read += page.length;
    after = page.at(-1)!.position;
  }
  const readSeconds = (performance.now() - readStarted) / 1000;
  if (read !== EVENTS) throw new Error(`read ${read} events, expected ${EVENTS}`);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  await store.close();
  await standIn?.stop();
  if (process.env['BENCH_KEEP']) progress(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({
      appendsPerSecond: Math.round(EVENTS / appendSeconds),
      appendP50Ms: Number(percentile(latencies, 50).toFixed(2)),
      appendP99Ms: Number(percentile(latencies, 99).toFixed(2)),
      readAllEventsPerSecond: Math.round(read / readSeconds),
      events: EVENTS,
      store: STORE,
      rssMb,
    })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String(error)}\n`);
  process.exit(1);
});
