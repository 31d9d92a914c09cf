/**
 * Personal-data rights benchmark (figures, not a test), on an embedded store of 100,000+ events and
 * 10,000+ data subjects written by the real decider, with the clocks of their days:
 *   - erasuresPerSecond: `npm run retention -- --apply` erasing the people of the cases closed more
 *     than ten years ago (a SubjectErased appended and a data key destroyed each), over its erase phase;
 *   - rotationKeysPerSecond: `npm run keys -- rotate-master` rewrapping every data key;
 *   - asOfMsP99: GET /cases/{id}/as-of on a 200-event case, over HTTP against the built server
 *     (`nest build coordination-api` first; the npm script does it), sequential requests at random times.
 * Env: BENCH_CASES (10000; ten events and one person each), BENCH_CLOSED_LONG_AGO (2000 of them),
 * BENCH_AS_OF_REQUESTS (300), BENCH_KEEP (keep the data folder).
 * Progress on stderr. Last stdout line: {"erasuresPerSecond":…, "rotationKeysPerSecond":…, "asOfMsP99":…, …}
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand, type CaseState } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { handleCommand, LruStreamCache, type EventStore } from '@tppo/eventsourcing';
import { loadOrCreateMasterKey, PersonalDataProtector, SqliteKeyStore, subjectKeyId } from '@tppo/protected-data';
import * as c from '../libs/case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, rsudNunukan, uptdNunukan } from '../libs/case-domain/src/testing/units';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { startServer, stopped } from '../test/support/server-process';

const CASES = Number(process.env['BENCH_CASES'] ?? 10_000);
const CLOSED_LONG_AGO = Number(process.env['BENCH_CLOSED_LONG_AGO'] ?? 2_000);
const AS_OF_REQUESTS = Number(process.env['BENCH_AS_OF_REQUESTS'] ?? 300);
const LONG_CASE_EVENTS = 200;
const DAY_MS = 86_400_000;

const progress = (line: string) => process.stderr.write(`bench:privacy: ${line}\n`);
const iso = (ms: number) => new Date(ms).toISOString();
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Writes commands as the API would have decided them at their `now`, one case at a time. */
const writer = (store: EventStore) => {
  const cache = new LruStreamCache<CaseState>(50_000);
  return async (caseId: string, command: CaseCommand) =>
    handleCommand(store, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry, cache, recordedAt: () => command.metadata.now });
};

/** Ten events and one victim per case: intake, consent, a referral answered, a service delivered, closure. */
const seedCase = async (run: ReturnType<typeof writer>, protector: PersonalDataProtector, caseId: string, closedAt: number) => {
  let t = closedAt - 60 * DAY_MS;
  const at = () => ({ now: iso((t += DAY_MS)), commandId: randomUUID() });
  const subjectRef = 'victim-1';
  const identity = await protector.seal(subjectKeyId(caseId, subjectRef), { fullName: `Rekaan ${caseId}`, nik: caseId.replace(/\D/g, '').padStart(16, '0').slice(-16) });
  await run(caseId, c.openCase(uptdNunukan, { caseId }, at()));
  await run(caseId, c.registerVictim(uptdNunukan, { caseId, subjectRef, identity, birthDate: '1980-01-01' }, at()));
  await run(caseId, c.recordConsent(uptdNunukan, { caseId, subjectRef }, at()));
  await run(caseId, c.assessRisk(uptdNunukan, { caseId, subjectRef }, at()));
  await run(caseId, c.sendReferral({ by: uptdNunukan, to: dinsosNunukan, caseId, referralId: 'ref-1', dueBy: iso(t + 14 * DAY_MS) }, at()));
  await run(caseId, c.acceptReferral(dinsosNunukan, { caseId, referralId: 'ref-1' }, at()));
  await run(caseId, c.requestService({ by: uptdNunukan, provider: rsudNunukan, caseId, serviceRequestId: 'svc-1', subjectRef }, at()));
  await run(caseId, c.recordServiceDelivered(rsudNunukan, { caseId, serviceRequestId: 'svc-1' }, at()));
  await run(caseId, c.determineVictimStatus(uptdNunukan, { caseId, subjectRef }, at()));
  await run(caseId, c.closeCase(uptdNunukan, { caseId }, { now: iso(closedAt), commandId: randomUUID() }));
};

/** A case that went on for a long time: 200 events, the consent withdrawn half way. */
const seedLongCase = async (run: ReturnType<typeof writer>, protector: PersonalDataProtector, caseId: string, openedAt: number): Promise<{ from: number; to: number }> => {
  let t = openedAt;
  const at = () => ({ now: iso((t += 3_600_000)), commandId: randomUUID() });
  const subjectRef = 'victim-1';
  const identity = await protector.seal(subjectKeyId(caseId, subjectRef), { fullName: `Rekaan ${caseId}` });
  await run(caseId, c.openCase(policeNunukan, { caseId }, at()));
  await run(caseId, c.registerVictim(policeNunukan, { caseId, subjectRef, identity, birthDate: '1980-01-01' }, at()));
  await run(caseId, c.recordConsent(policeNunukan, { caseId, subjectRef }, at()));
  await run(caseId, c.sendReferral({ by: policeNunukan, to: dinsosNunukan, caseId, referralId: 'ref-1', dueBy: iso(t + 14 * DAY_MS) }, at()));
  await run(caseId, c.acceptReferral(dinsosNunukan, { caseId, referralId: 'ref-1' }, at()));
  for (let n = 5; n < LONG_CASE_EVENTS; n += 1) {
    if (n === LONG_CASE_EVENTS / 2) await run(caseId, c.withdrawConsent(policeNunukan, { caseId }, at()));
    else await run(caseId, c.assessRisk(n % 2 === 0 ? policeNunukan : dinsosNunukan, { caseId, subjectRef, level: n % 3 === 0 ? 'HIGH' : 'MEDIUM' }, at()));
  }
  return { from: openedAt + 2 * 3_600_000, to: t };
};

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = (script: string, args: readonly string[], dataDir: string): Promise<Record<string, unknown>> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(script), ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      const result: CliRun = { code, ...run };
      if (code !== 0) fail(new Error(`${script} exited ${code}: ${result.stderr}`));
      else done(JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>);
    });
  });

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-bench-privacy-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  try {
    const store = await SqliteEventStore.open({ file: config.eventStore.kind === 'sqlite' ? config.eventStore.file : join(dataDir, 'events.db') });
    const keys = SqliteKeyStore.open({ file: config.keyStore.file, masterKey: loadOrCreateMasterKey(config.keyStore.masterKeyFile) });
    const protector = new PersonalDataProtector(keys);
    const run = writer(store);
    const now = Date.now();
    const seeding = performance.now();
    for (let n = 0; n < CASES; n += 1) {
      // The first ones closed eleven years ago (due under the ten-year default), the others last year.
      const closedAt = n < CLOSED_LONG_AGO ? now - 11 * 365 * DAY_MS - n * 60_000 : now - 365 * DAY_MS - n * 60_000;
      await seedCase(run, protector, `bench-${n}`, closedAt);
      if ((n + 1) % 1_000 === 0) progress(`seeded ${n + 1} of ${CASES} cases, ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    }
    const longCase = await seedLongCase(run, protector, 'bench-long', now - 40 * DAY_MS);
    const events = Number((await store.headPosition()) ?? 0n);
    progress(`store: ${events} events, ${CASES + 1} data subjects, seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    await keys.close();
    await store.close();

    progress('retention: --apply');
    const retention = await cli('apps/coordination-api/src/cli/retention.ts', ['--apply', '--progress-every', '500'], dataDir);
    const erasuresPerSecond = Math.round(Number(retention['erased']) / Number(retention['eraseSeconds']));

    progress('keys: rotate-master');
    const rotation = await cli('apps/coordination-api/src/cli/keys.ts', ['rotate-master', '--progress-every', '5000'], dataDir);

    progress(`as-of: ${AS_OF_REQUESTS} requests on the ${LONG_CASE_EVENTS}-event case`);
    const { url, child } = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REPORTS_PER_MINUTE: '0' });
    let asOf: number[] = [];
    try {
      const secret = loadOrCreateLocalSecret(dataDir);
      const token = await mintLocalToken({ secret, issuer: config.auth.issuer, audience: config.auth.audience, unit: 'kemenpppa', user: 'bench@kemenpppa', ttlSeconds: 3600 });
      const ask = async (at: number) => {
        const started = performance.now();
        const res = await fetch(`${url}/cases/bench-long/as-of?at=${encodeURIComponent(iso(at))}&unit=${dinsosNunukan.unitId}&purpose=AUDIT`, { headers: { authorization: `Bearer ${token}` } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`as-of answered ${res.status}: ${body}`);
        return performance.now() - started;
      };
      for (let n = 0; n < 20; n += 1) await ask(longCase.to); // warm-up
      for (let n = 0; n < AS_OF_REQUESTS; n += 1) asOf.push(await ask(longCase.from + Math.random() * (longCase.to - longCase.from)));
      asOf = asOf.sort((a, b) => a - b);
    } finally {
      child.kill('SIGTERM');
      await stopped(child);
    }
    const round = (ms: number) => Number(ms.toFixed(2));
    progress(`as-of: p50 ${round(percentile(asOf, 50))} ms, p99 ${round(percentile(asOf, 99))} ms`);
    process.stdout.write(
      `${JSON.stringify({
        erasuresPerSecond,
        rotationKeysPerSecond: rotation['keysPerSecond'],
        asOfMsP99: round(percentile(asOf, 99)),
        asOfMsP50: round(percentile(asOf, 50)),
        events,
        subjects: CASES + 1,
        erased: retention['erased'],
        rotatedKeys: rotation['rewrapped'],
        asOfRequests: asOf.length,
        longCaseEvents: LONG_CASE_EVENTS,
      })}\n`,
    );
  } finally {
    if (!process.env['BENCH_KEEP']) rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:privacy failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
