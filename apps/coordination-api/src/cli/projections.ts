/**
 * The read side from the command line, on the configured stores (stop the API first: it runs the
 * projector in-process):
 *   npm run projections -- rebuild [name] [--batch <n>]   drop and rebuild one projection or all, with progress
 *   npm run projections -- status           checkpoints and parked (poisoned) events, as JSON
 * Exit 0 on success, 2 on bad input or a store that cannot be opened.
 */
import { caseEventRegistry } from '@tppo/case-domain';
import { PROJECTIONS } from '@tppo/read-models';
import { PostgresReadStore, Projector, SqliteReadStore, type ReadStore } from '@tppo/read-store';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/open-event-store';

const BAR = 30;

const progressBar = (total: bigint | null) => {
  let lastLine = 0;
  return (read: number, position: bigint) => {
    const now = Date.now();
    if (now - lastLine < 200 && !(total !== null && position >= total)) return;
    lastLine = now;
    const share = total === null || total === 0n ? 1 : Number(position) / Number(total);
    const done = Math.round(Math.min(1, share) * BAR);
    const line = `[${'#'.repeat(done)}${'.'.repeat(BAR - done)}] ${Math.floor(share * 100)}%  ${read.toLocaleString('en')} events`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
  };
};

const main = async (argv: readonly string[]): Promise<number> => {
  const args = [...argv];
  const batchAt = args.indexOf('--batch');
  let batchSize = 2000;
  if (batchAt >= 0) {
    batchSize = Number(args[batchAt + 1]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return fail('--batch needs a whole number from 1 to 100000');
    args.splice(batchAt, 2);
  }
  const [command, name, ...rest] = args;
  if ((command !== 'rebuild' && command !== 'status') || rest.length > 0 || (command === 'status' && name !== undefined)) {
    return fail('usage: projections rebuild [name] [--batch <n>] | projections status');
  }
  const config = loadConfig();
  const events = await openEventStore(config);
  const reads: ReadStore = config.readStore.kind === 'sqlite' ? SqliteReadStore.open(config.readStore.file) : await PostgresReadStore.open(config.readStore.url);
  try {
    if (command === 'status') {
      const status = await Promise.all(PROJECTIONS.map(async (p) => ({ name: p.name, version: p.version, checkpoint: (await reads.checkpoint(p.name))?.position?.toString() ?? null })));
      const poisoned = (await reads.poisoned()).map((p) => ({ ...p, position: p.position.toString() }));
      process.stdout.write(`${JSON.stringify({ head: (await events.headPosition())?.toString() ?? null, projections: status, poisoned })}\n`);
      return 0;
    }
    const projector = new Projector(events, reads, caseEventRegistry, PROJECTIONS, { batchSize });
    const started = performance.now();
    const read = await projector.rebuild(name, progressBar(await events.headPosition()));
    const seconds = (performance.now() - started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ rebuilt: name ?? PROJECTIONS.map((p) => p.name), events: read, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(read / Math.max(seconds, 0.001)) })}\n`);
    return 0;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    await reads.close();
    await events.close();
  }
};

const fail = (message: string): number => {
  process.stderr.write(`projections: ${message}\n`);
  return 2;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`projections failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
