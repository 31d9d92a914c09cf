/**
 * Verifies an evidence bundle offline, with nothing but the log's verifier key:
 *   npm run -s verify-evidence -- <bundle.json | report.json> --key <verifier key, or a file holding it> [--checkpoint <kept checkpoint note file>] [--json]
 * Needs no server and no secret. Checks the signature, every proof and the chain, then recomputes
 * the statutory clocks from the signed events. Exits 0 when every check holds, 1 when one fails
 * (naming the first failing event or clock), 2 on bad input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type BundleVerdict, isUndueDelayReport, nodeEd25519Verify, nodeSha256, verifyBundle, verifyReport } from '@tppo/transparency';

const USAGE = 'usage: verify-evidence <bundle.json | undue-delay report.json> --key <verifier key | file> [--checkpoint <note file>] [--json]';

class UsageError extends Error {}

const option = (args: string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(at, 2);
  return value;
};

const readText = (path: string, what: string): string => {
  if (!existsSync(path)) throw new UsageError(`no ${what} at ${path}`);
  return readFileSync(path, 'utf8');
};

const day = (iso: string | undefined): string => (iso === undefined ? '-' : iso.slice(0, 10));

const describe = (verdict: BundleVerdict): string => {
  if (verdict.ok) {
    const withheld = verdict.withheld > 0 ? ` (${verdict.withheld} more withheld from this audience, the chain checked across them)` : '';
    const kept = verdict.keptCheckpointSize !== undefined ? `; the log extends the checkpoint of ${verdict.keptCheckpointSize} events kept earlier` : '';
    const clocks = verdict.clocks.map(
      (clock) =>
        `  ${clock.kind} (${clock.ruleSet ?? 'not started'}) ${clock.responsibleUnitId}: started ${day(clock.startedAt)}, due ${day(clock.dueAt)}, ` +
        `${clock.stoppedAt ? `stopped ${day(clock.stoppedAt)} ${clock.outcome}` : clock.status.toLowerCase()}${clock.daysOverdue > 0 ? `, ${clock.daysOverdue} days over` : ''}`,
    );
    return [
      `VERIFIED: case ${verdict.caseId}: ${verdict.events} events${withheld} are in the log's signed checkpoint of ${verdict.checkpointSize} events, in chain order${kept}.`,
      `Clocks recomputed from the signed events: ${verdict.clocks.length}, ${verdict.breaches} breached.`,
      ...clocks,
    ].join('\n');
  }
  const at: { eventId?: string; revision?: number; clockId?: string } = verdict;
  const where =
    at.clockId !== undefined ? ` at clock ${at.clockId}`
    : at.eventId !== undefined ? ` at event ${at.eventId} (revision ${at.revision})`
    : at.revision !== undefined ? ` at revision ${at.revision}` : '';
  return `FAILED ${verdict.fault}${where}: ${verdict.detail}.`;
};

const main = (argv: readonly string[]): number => {
  const args = [...argv];
  const json = args.includes('--json');
  if (json) args.splice(args.indexOf('--json'), 1);
  const keyArg = option(args, '--key');
  const checkpointFile = option(args, '--checkpoint');
  const [bundleFile, ...rest] = args;
  if (!bundleFile || !keyArg || rest.length > 0) throw new UsageError(USAGE);
  // The key as text (name+id+key), or a file that holds it.
  const key = (keyArg.includes('+') && !existsSync(keyArg) ? keyArg : readText(keyArg, 'key file')).trim();
  let bundle: unknown;
  try {
    bundle = JSON.parse(readText(bundleFile, 'bundle'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${bundleFile} is not JSON`);
  }
  const kept = checkpointFile === undefined ? undefined : readText(checkpointFile, 'checkpoint');
  const crypto = { sha256: nodeSha256, ed25519Verify: nodeEd25519Verify };
  // An undue-delay report carries its bundle: both are checked, and every stage against the signed events.
  const verdict = isUndueDelayReport(bundle) ? verifyReport(bundle, key, crypto, kept) : verifyBundle(bundle, key, crypto, kept);
  process.stdout.write(json ? `${JSON.stringify(verdict)}\n` : `${describe(verdict)}\n`);
  return verdict.ok ? 0 : 1;
};

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`verify-evidence: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
