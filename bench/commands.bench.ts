/**
 * Command API benchmark (figures, not a test). Starts the built server (`npm run build` first; the
 * npm script does it) on the embedded store in a temporary folder, then drives a realistic command
 * mix over HTTP from this second process with autocannon: every connection walks one case through
 * intake, referral, services and the start of the investigation, again and again.
 * Env: BENCH_CONNECTIONS (64), BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (5), BENCH_STEPS (only the first N
 * steps of the walk, for profiling one part), BENCH_SERVER_ARGS (node flags for the server besides those of
 * `npm run start:prod`, e.g. --cpu-prof), BENCH_PROJECTOR=process (read models kept by apps/projector in its own process instead of
 * inside the API), BENCH_KEEP (keep data).
 * Also prints (stderr) p50/p99 by step of the walk, measured on this process's clock.
 * Last stdout line: {"commandsPerSecond":…, "p50Ms":…, "p99Ms":…, "errors":…, "rssMb":…, …}
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import autocannon, { type Request } from 'autocannon';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { startServer, stopped } from '../test/support/server-process';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 64);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);

const progress = (message: string) => process.stderr.write(`${message}\n`);

/** CPU seconds the process has used so far (user + system), from /proc. */
const cpuSecondsOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const rssMbOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  // RssFile: pages of mapped files, shared with the page cache: ~52 MB are the node binary, the rest
  // libraries and the event store's mmap.
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024), rssAnonMb: Math.round(kb('RssAnon') / 1024), rssFileMb: Math.round(kb('RssFile') / 1024) };
};

/** The flags between `node` and the entry point in package.json's start:prod script. */
const productionNodeFlags = (): string[] => {
  const words = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod']!.split(' ');
  return words.slice(1, -1).filter((word) => word.startsWith('--'));
};

type Context = Record<string, string>;
interface Step {
  readonly as: 'police' | 'uptd' | 'rsud';
  readonly path: (c: Context) => string;
  readonly body: (c: Context) => unknown;
  /** Keeps an id from the answer for the next steps. */
  readonly keep?: string;
}

/** One case from arrival to an open investigation: ten commands by three units, as in Nunukan. */
const WALK: readonly Step[] = [
  { as: 'police', path: () => '/cases', body: () => ({ regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] }), keep: 'caseId' },
  {
    as: 'police',
    path: (c) => `/cases/${c['caseId']}/victims`,
    body: () => ({ identity: { fullName: 'Siti Aminah', nik: '5310014104990001' }, sex: 'FEMALE', nationality: 'ID', originRegionCode: '53.10', birthDate: '1999-04-01' }),
    keep: 'victim',
  },
  { as: 'police', path: (c) => `/cases/${c['caseId']}/victims/${c['victim']}/risk-assessments`, body: () => ({ level: 'HIGH', factors: ['DEBT_TO_RECRUITER'] }) },
  {
    as: 'police',
    path: (c) => `/cases/${c['caseId']}/consents`,
    body: (c) => ({
      subjectRef: c['victim'],
      givenBy: 'VICTIM',
      recipientAgencyTypes: ['SERVICE_UNIT', 'HEALTH', 'PROSECUTOR'],
      recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'MEDICAL_CARE', 'PROSECUTION'],
      dataCategories: ['CASE_FACTS', 'HEALTH'],
    }),
  },
  {
    as: 'police',
    path: (c) => `/cases/${c['caseId']}/referrals`,
    body: () => ({ toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'URGENT', dueBy: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
    keep: 'referral',
  },
  { as: 'uptd', path: (c) => `/cases/${c['caseId']}/referrals/${c['referral']}/acceptance`, body: () => ({}) },
  { as: 'uptd', path: (c) => `/cases/${c['caseId']}/service-requests`, body: (c) => ({ subjectRef: c['victim'], kind: 'MEDICAL_REHABILITATION', providerUnitId: 'rsud-nunukan' }), keep: 'service' },
  { as: 'rsud', path: (c) => `/cases/${c['caseId']}/service-requests/${c['service']}/delivery`, body: () => ({ note: 'Treated' }) },
  { as: 'police', path: (c) => `/cases/${c['caseId']}/police-report`, body: () => ({ reportNumber: 'LP/B/12/II/2026/SPKT', reportKind: 'MODEL_B', reportedOn: '2026-02-09' }) },
  { as: 'police', path: (c) => `/cases/${c['caseId']}/investigation`, body: () => ({ warrantNumber: 'Sprin.Sidik/15/II/2026/Reskrim' }) },
];

const STEPS = WALK.slice(0, Number(process.env['BENCH_STEPS'] ?? WALK.length));

/** Latencies by step of the walk (ms), from this process's clock: where the slow answers are. */
const stepLatencies = STEPS.map(() => [] as number[]);
const sentAt = Symbol('sentAt');

const run = (url: string, tokens: Record<Step['as'], string>, seconds: number) =>
  autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    initialContext: {},
    requests: STEPS.map(
      (step, index): Request => ({
        method: 'POST',
        setupRequest: (request: Request, context: object) => {
          (context as Record<symbol, number>)[sentAt] = performance.now();
          return {
            ...request,
            path: step.path(context as Context),
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[step.as]}`, ...(process.env['BENCH_NO_KEYS'] ? {} : { 'idempotency-key': randomUUID() }) },
            body: JSON.stringify(step.body(context as Context)),
          };
        },
        onResponse: (status: number, body: string, context: object) => {
          stepLatencies[index]!.push(performance.now() - (context as Record<symbol, number>)[sentAt]!);
          if (step.keep && status < 300) {
            const answer = JSON.parse(body) as { id: string; resourceId?: string };
            (context as Context)[step.keep] = step.keep === 'caseId' ? answer.id : (answer.resourceId ?? '');
          }
        },
      }),
    ),
  });

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-bench-commands-'));
  // BENCH_PROJECTOR=process: the read models are kept by apps/projector in its own process (build it first).
  const separateProjector = process.env['BENCH_PROJECTOR'] === 'process';
  const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', ...(separateProjector ? { PROJECTOR: 'off' } : {}) };
  // The server runs with the node flags of `npm run start:prod` (heap sizing), then BENCH_SERVER_ARGS.
  const serverArgs = [...productionNodeFlags(), ...(process.env['BENCH_SERVER_ARGS'] ?? '').split(' ').filter(Boolean)];
  progress(`server node flags: ${serverArgs.join(' ')}`);
  const { url, child: server } = await startServer(env, serverArgs);
  const projector = separateProjector
    ? spawn(process.execPath, [resolve('dist/apps/projector/apps/projector/src/main.js')], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] })
    : undefined;
  try {
    const config = loadConfig(env);
    const secret = loadOrCreateLocalSecret(dataDir);
    const token = (unit: string) =>
      mintLocalToken({ secret, issuer: config.auth.issuer, audience: config.auth.audience, unit, user: `bench@${unit}`, ttlSeconds: 3600 });
    const tokens = { police: await token('polres-nunukan'), uptd: await token('uptd-ppa-nunukan'), rsud: await token('rsud-nunukan') };

    progress(`warm-up: ${WARMUP_SECONDS} s, ${CONNECTIONS} connections`);
    await run(url, tokens, WARMUP_SECONDS);
    progress(`measuring: ${SECONDS} s, ${CONNECTIONS} connections, ${STEPS.length}-command case walk`);
    for (const latencies of stepLatencies) latencies.length = 0;
    const cpuBefore = cpuSecondsOf(server.pid!);
    const clientBefore = process.cpuUsage();
    const result = await run(url, tokens, SECONDS);
    const serverCpu = cpuSecondsOf(server.pid!) - cpuBefore;
    const clientUsage = process.cpuUsage(clientBefore);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
    const errors = result.errors + result.timeouts + result.non2xx;
    const memory = rssMbOf(server.pid!);
    progress(`${result['2xx']} commands answered 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    progress(`server CPU: ${serverCpu.toFixed(1)} s in ${SECONDS} s (${((serverCpu / SECONDS) * 100).toFixed(0)}% of one core), ${((serverCpu * 1e6) / Math.max(1, result.requests.total)).toFixed(0)} µs per request`);
    progress(`load generator (autocannon, this process) CPU: ${clientCpu.toFixed(1)} s (${((clientCpu / SECONDS) * 100).toFixed(0)}% of one core), ${((clientCpu * 1e6) / Math.max(1, result.requests.total)).toFixed(0)} µs per request`);
    const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
    STEPS.forEach((step, index) => {
      const sorted = stepLatencies[index]!.sort((a, b) => a - b);
      progress(`step ${index + 1} ${step.path({ caseId: '{id}', victim: '{ref}', referral: '{rid}', service: '{sid}' })}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (client clock)`);
    });
    console.log(
      JSON.stringify({
        commandsPerSecond: Math.round(result['2xx'] / SECONDS),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors,
        rssMb: memory.rssMb,
        peakRssMb: memory.peakRssMb,
        rssAnonMb: memory.rssAnonMb,
        rssFileMb: memory.rssFileMb,
        serverCpuUsPerCommand: Math.round((serverCpu * 1e6) / Math.max(1, result.requests.total)),
        clientCpuUsPerCommand: Math.round((clientCpu * 1e6) / Math.max(1, result.requests.total)),
        connections: CONNECTIONS,
        seconds: SECONDS,
      }),
    );
  } finally {
    server.kill('SIGTERM');
    projector?.kill('SIGTERM');
    await stopped(server);
    if (projector) await stopped(projector);
    if (!process.env['BENCH_KEEP']) rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
