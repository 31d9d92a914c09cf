/**
 * Transparency log benchmark (figures, not a test), in one run on BENCH_EVENTS (200000) events:
 * - appends/s of 64 concurrent callers into the embedded store, without the log and with the log
 *   following in the same process, in its own thread as the built API runs it (BENCH_LOG_THREAD=off:
 *   on the appending thread), each on a fresh file;
 * - inclusion proofs/s built from the log file (random leaves of the whole tree);
 * - the p99 time to assemble the evidence of a 200-event case (its proofs against one checkpoint);
 * - events/s the offline verifier checks (signature, proofs, chain) on that bundle.
 * Last stdout line: {"appendsPerSecondWithLog":…, "appendsPerSecondWithoutLog":…, "inclusionProofsPerSecond":…, "bundleMsP99":…, "verifyEventsPerSecond":…, …}
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GENESIS_HASH } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { nodeEd25519Verify, nodeSha256, verifierKeyText, verifyEvidence } from '@tppo/transparency';
import { caseEventFor } from './support/case-event';
import { assembleEvidence } from '../apps/coordination-api/src/transparency/evidence-bundle';
import { checkpointView } from '../apps/coordination-api/src/transparency/transparency.controller';
import { loadOrCreateLogKey } from '../apps/coordination-api/src/transparency/log-key';
import { TransparencyLogBuilder } from '../apps/coordination-api/src/transparency/transparency-log.builder';
import { TransparencyLogStore } from '../apps/coordination-api/src/transparency/transparency-log.store';
import { TransparencyLogThread } from '../apps/coordination-api/src/transparency/transparency-log.thread';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const CALLERS = 64;
const CASE_EVENTS = 200;
/** BENCH_LOG_THREAD=off: the builder on the appending thread, as before the log had a thread of its own. */
const ON_MAIN_THREAD = process.env['BENCH_LOG_THREAD'] === 'off';
const ORIGIN = 'bench.local/log';
const progress = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const eventFor = caseEventFor;

/** 64 callers, each on its own streams, one durable event per append, until `total` events. */
const load = async (store: SqliteEventStore, total: number, label: string): Promise<number> => {
  let next = 0;
  const started = performance.now();
  const loop = performance.eventLoopUtilization();
  let reported = 0;
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      const heads = new Map<string, { revision: number; hash: string }>();
      for (;;) {
        const n = next++;
        if (n >= total) return;
        const streamId = `case-${caller}-${n % 50}`;
        const head = heads.get(streamId) ?? { revision: -1, hash: GENESIS_HASH };
        const event = eventFor(streamId, head.revision + 1, head.hash, n);
        await store.appendToStream(streamId, head.revision < 0 ? 'no_stream' : head.revision, [event]);
        heads.set(streamId, { revision: event.revision, hash: event.hash });
        if (n - reported >= 50_000) {
          reported = n;
          progress(`${label}: ${n} events, ${Math.round(n / ((performance.now() - started) / 1000))}/s`);
        }
      }
    }),
  );
  // How busy the appending thread was: what the log's own thread is meant to spare it.
  progress(`${label}: the appending thread was busy ${Math.round(performance.eventLoopUtilization(loop).utilization * 100)} % of the time`);
  return total / ((performance.now() - started) / 1000);
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-evidence-'));
  try {
    // 1. Without the log.
    const bare = await SqliteEventStore.open({ file: join(dir, 'bare.db') });
    const withoutLog = await load(bare, EVENTS, 'without the log');
    await bare.close();

    // 2. With the log following, as the API runs it.
    const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    const logFile = join(dir, 'transparency.db');
    const file = TransparencyLogStore.open(logFile);
    const key = loadOrCreateLogKey(join(dir, 'log.key'));
    const options = { origin: ORIGIN, checkpointEvents: 1000, checkpointSeconds: 60, pollIntervalMs: 250 };
    const builder = ON_MAIN_THREAD
      ? new TransparencyLogBuilder(store, file, key, options)
      : await TransparencyLogThread.start({ eventsFile: join(dir, 'events.db'), logFile, keyFile: join(dir, 'log.key'), options }, progress);
    const running = builder instanceof TransparencyLogBuilder ? builder.run() : Promise.resolve();
    const withLog = await load(store, EVENTS, 'with the log');
    const lagStarted = performance.now();
    // One long case, then a checkpoint over everything.
    let head = { revision: -1, hash: GENESIS_HASH };
    const caseStream = 'case-long';
    for (let r = 0; r < CASE_EVENTS; r++) {
      const event = eventFor(caseStream, r, head.hash, EVENTS + r);
      await store.appendToStream(caseStream, r === 0 ? 'no_stream' : r - 1, [event]);
      head = { revision: r, hash: event.hash };
    }
    const checkpoint = await builder.checkpointNow();
    const catchUpMs = performance.now() - lagStarted;
    await builder.stop();
    await running;
    progress(`log: ${checkpoint.size} leaves; caught up ${Math.round(catchUpMs)} ms after the load (with the ${CASE_EVENTS}-event case)`);

    // 3. Inclusion proofs from the file (upper nodes in memory, right edges folded once).
    const node = file.node;
    let proofs = 0;
    const proofStart = performance.now();
    while (performance.now() - proofStart < 3000) {
      for (let i = 0; i < 500; i++) file.inclusionProof(Math.floor(Math.random() * checkpoint.size), checkpoint.size);
      proofs += 500;
    }
    const inclusionProofsPerSecond = proofs / ((performance.now() - proofStart) / 1000);

    // 4. The evidence of the 200-event case (read, leaves, proofs), 100 times.
    const times: number[] = [];
    let bundle: unknown;
    for (let run = 0; run < 100; run++) {
      const t0 = performance.now();
      const stored = await store.readStream(caseStream);
      const leaves = new Map(file.leavesOfStream(caseStream).map((leaf) => [leaf.eventId, leaf.leafIndex]));
      const parts = assembleEvidence({ caseId: 'long', stored, leafIndexOf: (id) => leaves.get(id), checkpoint, node, shows: () => true });
      bundle = { format: 'tppo-evidence/1', caseId: 'long', checkpoint: checkpointView(checkpoint), ...parts };
      JSON.stringify(bundle);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);

    // 5. The offline verifier on that bundle.
    const verifierKey = verifierKeyText(nodeSha256, ORIGIN, key.publicKey);
    let verified = 0;
    const verifyStart = performance.now();
    while (performance.now() - verifyStart < 3000) {
      const verdict = verifyEvidence(bundle, verifierKey, { sha256: nodeSha256, ed25519Verify: nodeEd25519Verify });
      if (!verdict.ok) throw new Error(`the bundle did not verify: ${JSON.stringify(verdict)}`);
      verified += verdict.events;
    }
    const verifyEventsPerSecond = verified / ((performance.now() - verifyStart) / 1000);
    file.close();
    await store.close();

    const round = (n: number) => Math.round(n);
    process.stdout.write(
      `${JSON.stringify({
        appendsPerSecondWithLog: round(withLog),
        appendsPerSecondWithoutLog: round(withoutLog),
        logCostPercent: Math.round((1 - withLog / withoutLog) * 1000) / 10,
        inclusionProofsPerSecond: round(inclusionProofsPerSecond),
        bundleMsP50: Math.round(percentile(times, 50) * 100) / 100,
        bundleMsP99: Math.round(percentile(times, 99) * 100) / 100,
        verifyEventsPerSecond: round(verifyEventsPerSecond),
        logCatchUpMsAfterLoad: round(catchUpMs),
        events: checkpoint.size,
      })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:evidence failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
