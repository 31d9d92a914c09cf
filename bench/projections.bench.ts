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
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { eventIdFor, GENESIS_HASH, sealEvents, type EventRecord } from '@tppo/eventsourcing';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
import * as c from '../libs/case-domain/src/testing/case-commands.fixtures';
import { kejariNunukan, policeNunukan, rsudNunukan, uptdNunukan } from '../libs/case-domain/src/testing/units';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 500_000);
const LAG_RATE = Number(process.env['BENCH_LAG_RATE'] ?? 1000);
const LAG_SECONDS = Number(process.env['BENCH_LAG_SECONDS'] ?? 10);
const progress = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A case from arrival to the prosecutor's review: 12 events, the mix the read side sees most. */
const walk = (caseId: string, day: number): CaseCommand[] => {
  const at = { now: new Date(Date.UTC(2026, 1, 10) + day * 3_600_000).toISOString() };
  return [
    c.openCase(policeNunukan, { caseId }, at),
    c.registerVictim(policeNunukan, { caseId, birthDate: '2000-01-01' }, at),
    c.assessRisk(policeNunukan, { caseId }, at),
    c.recordConsent(policeNunukan, { caseId }, at),
    c.sendReferral({ by: policeNunukan, to: uptdNunukan, caseId, dueBy: new Date(Date.parse(at.now) + 86_400_000).toISOString() }, at),
    c.acceptReferral(uptdNunukan, { caseId }, at),
    c.requestService({ by: uptdNunukan, provider: rsudNunukan, caseId }, at),
    c.recordServiceDelivered(rsudNunukan, { caseId }, at),
    c.openInvestigation(policeNunukan, { caseId }, at),
    c.sendInvestigationNotice(policeNunukan, { caseId }, at),
    c.submitCaseFile(policeNunukan, { caseId }, at),
    c.returnCaseFile(kejariNunukan, { caseId }, at),
  ];
};

/** The events a walk writes, decided and sealed in memory exactly as handleCommand would. */
const recordsOf = (caseId: string, day: number): EventRecord[] => {
  let state = caseDecider.initialState();
  const plain: Omit<EventRecord, 'prevHash' | 'hash'>[] = [];
  for (const command of walk(caseId, day)) {
    const decided = caseDecider.decide(command, state);
    decided.forEach((event, i) => {
      const revision = plain.length;
      state = caseDecider.evolve(state, event, { eventId: eventIdFor(command.metadata.commandId, i), revision, actor: command.metadata.actor, commandId: command.metadata.commandId, occurredAt: command.metadata.now });
      plain.push({
        eventId: eventIdFor(command.metadata.commandId, i),
        streamId: caseStreamId(caseId),
        revision,
        type: event.type,
        schemaVersion: 1,
        data: JSON.parse(JSON.stringify(event.data)),
        occurredAt: command.metadata.now,
        recordedAt: command.metadata.now,
        actor: command.metadata.actor,
        correlationId: command.metadata.commandId,
        causationId: command.metadata.commandId,
      });
    });
  }
  return sealEvents(GENESIS_HASH, plain);
};

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
