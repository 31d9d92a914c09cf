/**
 * Read-side benchmark (figures, not a test). Writes BENCH_EVENTS events of realistic cases (the
 * decider's own events: intake, referral, services, the criminal process) to a fresh embedded store,
 * rebuilds every projection from scratch, then measures append-to-visible lag: commands arrive at a
 * steady BENCH_LAG_RATE per second for BENCH_LAG_SECONDS while the projector runs as in the API
 * (after checkpointing the bulk load into the database files, as a deployment in steady state has).
 * Env: BENCH_EVENTS (500000), BENCH_LAG_RATE (1000), BENCH_LAG_SECONDS (10), BENCH_KEEP.
 * Last stdout line: {"rebuildEventsPerSecond":…, "lagP50Ms":…, "lagP99Ms":…, "rssMb":…}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { caseEventRegistry, caseStreamId } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import type { EventRecord } from '@tppo/eventsourcing';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
import { sealedWalk } from '../libs/case-domain/src/testing/case-walks.fixtures';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 500_000);
const LAG_RATE = Number(process.env['BENCH_LAG_RATE'] ?? 1000);
const LAG_SECONDS = Number(process.env['BENCH_LAG_SECONDS'] ?? 10);
const progress = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The events of one case walk, written on day `day` of the benchmark. */
const recordsOf = (caseId: string, day: number): EventRecord[] => sealedWalk(caseId, new Date(Date.UTC(2026, 1, 10) + day * 3_600_000).toISOString());

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-projections-'));
  const events = await SqliteEventStore.open({ file: join(dir, 'events.db') });
  const reads = SqliteReadStore.open(join(dir, 'reads.db'));
  try {
    const perCase = recordsOf('probe', 0).length;
    const cases = Math.ceil(EVENTS / perCase);
    progress(`writing ${cases.toLocaleString('en')} cases (${(cases * perCase).toLocaleString('en')} events) ...`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let i = next++; i < cases; i = next++) {
          await events.appendToStream(caseStreamId(`b-${i}`), 'no_stream', recordsOf(`b-${i}`, i % 500));
          if (i % 5000 === 0) progress(`  ${i.toLocaleString('en')} cases`);
        }
      }),
    );
    const total = Number(await events.headPosition());

    progress(`rebuilding ${PROJECTIONS.map((p) => p.name).join(', ')} over ${total.toLocaleString('en')} events ...`);
    const projector = new Projector(events, reads, caseEventRegistry, PROJECTIONS, { batchSize: 2000 });
    const started = performance.now();
    let lastReport = 0;
    const rebuilt = await projector.rebuild(undefined, (read) => {
      if (read - lastReport >= 100_000) progress(`  ${(lastReport = read).toLocaleString('en')} events`);
    });
    const rebuildSeconds = (performance.now() - started) / 1000;
    progress(`rebuilt ${rebuilt.toLocaleString('en')} events in ${rebuildSeconds.toFixed(1)} s`);

    // Steady state: the bulk load above left both WAL files hundreds of MB long; a deployment copies
    // them into the database files once, not while serving. Do that now, outside the measurement.
    progress('settling: checkpointing the bulk load into the database files ...');
    for (const file of ['events.db', 'reads.db']) {
      const db = new Database(join(dir, file));
      db.pragma('busy_timeout = 10000');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }

    progress(`lag: ${LAG_RATE} commands/s for ${LAG_SECONDS} s while the projector runs ...`);
    const live = new Projector(events, reads, caseEventRegistry, PROJECTIONS, { wakeOn: (wake) => events.onCommit(wake) });
    const running = live.run();
    const lags: number[] = [];
    const appendLatencies: number[] = [];
    const waiting: { position: bigint; at: number }[] = [];
    const watcher = setInterval(() => {
      void reads.checkpoint('inbox').then((checkpoint) => {
        const now = performance.now();
        while (waiting.length > 0 && checkpoint?.position !== null && checkpoint !== null && waiting[0]!.position <= checkpoint.position!) lags.push(now - waiting.shift()!.at);
      });
    }, 2);
    const interval = 1000 / LAG_RATE;
    const lagStart = performance.now();
    for (let i = 0; performance.now() - lagStart < LAG_SECONDS * 1000; i += 1) {
      const due = lagStart + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const caseId = `lag-${i}`;
      const [opened] = recordsOf(caseId, 0);
      const at = performance.now();
      // Visible once the projector's checkpoint passes the event's position.
      void events.appendToStream(caseStreamId(caseId), 'no_stream', [opened!]).then(({ position }) => {
        appendLatencies.push(performance.now() - at);
        waiting.push({ position, at });
        waiting.sort((a, b) => (a.position < b.position ? -1 : 1));
      });
    }
    await new Promise((r) => setTimeout(r, 1000));
    clearInterval(watcher);
    await live.stop();
    await running;
    const sorted = [...lags].sort((a, b) => a - b);
    const appendSorted = [...appendLatencies].sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        rebuildEventsPerSecond: Math.round(rebuilt / rebuildSeconds),
        lagP50Ms: Math.round(percentile(sorted, 50)),
        lagP99Ms: Math.round(percentile(sorted, 99)),
        lagP90Ms: Math.round(percentile(sorted, 90)),
        lagMaxMs: Math.round(sorted.at(-1) ?? 0),
        appendP99Ms: Math.round(percentile(appendSorted, 99)),
        lagSamples: sorted.length,
        events: total,
        rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      }),
    );
  } finally {
    await reads.close();
    await events.close();
    if (!process.env['BENCH_KEEP']) rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
