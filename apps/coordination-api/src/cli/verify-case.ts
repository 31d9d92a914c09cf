/**
 * Verifies a case's hash chain in the embedded event store:
 *   npm run verify-case -- <caseId> [--data-dir <dir>]
 * Prints one JSON line; exits 0 when the chain is intact, 1 when it is broken, 2 on bad input.
 */
import { existsSync } from 'node:fs';
import { caseStreamId } from '@tppo/case-domain';
import { verifyChain } from '@tppo/eventsourcing';
import { loadConfig } from '../config/app-config';
import { openEventStore, sqliteFileOf } from '../infrastructure/open-event-store';

const main = async (argv: readonly string[]): Promise<number> => {
  const args = [...argv];
  const dataDirAt = args.indexOf('--data-dir');
  const env = { ...process.env };
  if (dataDirAt >= 0) {
    const dir = args[dataDirAt + 1];
    if (!dir) return fail('--data-dir needs a folder');
    env['DATA_DIR'] = dir;
    args.splice(dataDirAt, 2);
  }
  const [caseId, ...rest] = args;
  if (!caseId || rest.length > 0 || !/^[A-Za-z0-9_-]{1,80}$/.test(caseId)) return fail('usage: verify-case <caseId> [--data-dir <dir>]');
  const config = loadConfig(env);
  const file = sqliteFileOf(config);
  if (file !== undefined && !existsSync(file)) return fail(`no event store at ${file}`);
  const store = await openEventStore(config);
  try {
    const events = await store.readStream(caseStreamId(caseId));
    if (events.length === 0) return fail(`case ${caseId} has no events`);
    const verdict = verifyChain(events);
    process.stdout.write(`${JSON.stringify({ caseId, ...verdict })}\n`);
    return verdict.valid ? 0 : 1;
  } finally {
    await store.close();
  }
};

const fail = (message: string): number => {
  process.stderr.write(`verify-case: ${message}\n`);
  return 2;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`verify-case failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
