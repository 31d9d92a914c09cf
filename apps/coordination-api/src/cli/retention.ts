/**
 * The retention schedule, applied from the command line:
 *
 *   npm run retention -- --dry-run [--years <n>] [--data-dir <dir>]
 *   npm run retention -- --apply   [--years <n>] [--data-dir <dir>] [--progress-every <n>]
 *
 * A closed case keeps its people's identities for RETENTION_CLOSED_CASE_YEARS (or --years) after
 * its closure; then each person not yet erased is erased, unless a legal hold or open proceedings
 * keep the case (the rule is the domain's `retentionOutlook`). `--dry-run` lists what is due and
 * what is held, and changes nothing. `--apply` writes one `SubjectErased` per person, as
 * `system:retention`, then destroys the person's data key, as an approved erasure does.
 *
 * Run it again at any time: a person already erased is not due, and each erasure has a command id
 * of its own (from the case and the person), so an erasure interrupted after its event was written
 * is not written twice; its key is destroyed on the next run. The API may keep running meanwhile.
 *
 * Progress goes to stderr, the summary (pseudonymous refs only) to stdout as JSON.
 * Exit code 1: bad usage; 2: a store cannot be opened or a write failed.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { caseDecider, caseEventRegistry, caseStreamId, CaseRuleViolation, RETENTION_ACTOR, retentionOutlook, type CaseCommand, type RetentionOutlook } from '@tppo/case-domain';
import { handleCommand, loadStream, nameBasedIds, type EventStore } from '@tppo/eventsourcing';
import { SqliteKeyStore, subjectKeyId, type KeyStore } from '@tppo/protected-data';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/open-event-store';
import { existingMasterKey } from './existing-master-key';

const USAGE = `Usage: npm run retention -- --dry-run | --apply [--years <n>] [--data-dir <dir>] [--progress-every <n>]

  --dry-run         list the people due for erasure and the cases held back; change nothing
  --apply           erase them: a SubjectErased event each (actor system:retention), then their data key
  --years           years a closed case keeps its people's data (default: $RETENTION_CLOSED_CASE_YEARS or 10)
  --data-dir        the data folder (default: $DATA_DIR or ./data)
  --progress-every  a progress line on stderr every this many events scanned or people erased (default 10000 / 100)

Environment: as the API reads it (DATA_DIR, EVENT_STORE, EVENTSTORE_URL, KEY_STORE_FILE, MASTER_KEY_FILE, DATA_MASTER_KEY).`;

class UsageError extends Error {}

const log = (line: string) => process.stderr.write(`retention: ${line}\n`);

/** Erasure and command ids from the case and the person: a second run issues the same command. */
const RETENTION_NAMESPACE = '6f0f3c52-9d7e-4c1b-8a5e-2b8d1e6a4f90';
const retentionIdOf = nameBasedIds(RETENTION_NAMESPACE);

const SCAN_PAGE = 1_000;

/** The cases whose last closure event is a closure: only they can be due. Read from the global log. */
const closedCases = async (store: EventStore, progressEvery: number): Promise<{ caseIds: string[]; scanned: number }> => {
  const closed = new Set<string>();
  let after: bigint | undefined;
  let scanned = 0;
  let reported = 0;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: SCAN_PAGE });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.type === 'CaseClosed') closed.add(String(event.data['caseId']));
      else if (event.type === 'CaseReopened') closed.delete(String(event.data['caseId']));
    }
    scanned += page.length;
    after = page[page.length - 1]!.position;
    if (scanned - reported >= progressEvery) {
      reported = scanned;
      log(`scanned ${scanned} events, ${closed.size} closed cases so far`);
    }
  }
  return { caseIds: [...closed], scanned };
};

interface Plan {
  readonly due: { readonly caseId: string; readonly subjectRef: string; readonly dueAt: string }[];
  readonly held: { readonly caseId: string; readonly dueAt: string; readonly code: string; readonly detail: string }[];
  readonly kept: number;
  /** People of closed cases erased before this run: a key of theirs still there is destroyed (see destroyIfLeft). */
  readonly erased: { readonly caseId: string; readonly subjectRef: string }[];
}

const planOf = async (store: EventStore, caseIds: readonly string[], years: number, now: string): Promise<Plan> => {
  const plan = { due: [], held: [], kept: 0, erased: [] } as { -readonly [K in keyof Plan]: Plan[K] };
  for (const caseId of caseIds) {
    const { state } = await loadStream(store, caseDecider, caseStreamId(caseId), caseEventRegistry);
    const outlook: RetentionOutlook = retentionOutlook(state, years, now);
    if (outlook.kind === 'kept') plan.kept += 1;
    else if (outlook.kind === 'held') plan.held.push({ caseId, dueAt: outlook.dueAt, code: outlook.code, detail: outlook.detail });
    else if (outlook.kind === 'due') plan.due.push(...outlook.subjectRefs.map((subjectRef) => ({ caseId, subjectRef, dueAt: outlook.dueAt })));
    if (state.status !== 'none') {
      for (const erasure of state.erasures.values()) if (erasure.status === 'erased') plan.erased.push({ caseId, subjectRef: erasure.subjectRef });
    }
  }
  return plan;
};

/**
 * A key an erasure left behind when its process stopped between the event and the key. Checked
 * first, so a run after a complete one writes nothing to the key store.
 */
const destroyIfLeft = async (keys: KeyStore, keyId: string): Promise<boolean> => {
  const left = await keys.keyFor(keyId, 1).then(
    (key) => key !== null,
    () => true, // wrapped by a master key this process does not hold (a rotation under way): there.
  );
  if (left) await keys.destroy(keyId);
  return left;
};

type Outcome = 'erased' | 'replayed' | 'alreadyErased' | 'heldAtWrite';

/** One person: the event first, then the key, so that a key is never destroyed for an erasure that was not written. */
const eraseOne = async (store: EventStore, keys: KeyStore, item: Plan['due'][number], years: number): Promise<{ outcome: Outcome; code?: string }> => {
  const id = retentionIdOf(`${item.caseId}/${item.subjectRef}`);
  const command = {
    type: 'EraseSubjectForRetention',
    data: { caseId: item.caseId, erasureId: `retention-${id}`, subjectRef: item.subjectRef, retentionYears: years },
    metadata: { commandId: `retention-${id}`, actor: RETENTION_ACTOR, now: new Date().toISOString() },
  } as CaseCommand;
  try {
    const result = await handleCommand(store, caseDecider, caseStreamId(item.caseId), command, { registry: caseEventRegistry });
    await keys.destroy(subjectKeyId(item.caseId, item.subjectRef));
    return { outcome: result.replayed ? 'replayed' : 'erased' };
  } catch (error) {
    // Between the plan and the write, another unit may have erased the person or held the case.
    if (!(error instanceof CaseRuleViolation)) throw error;
    if (error.code === 'SUBJECT_ALREADY_ERASED') return { outcome: 'alreadyErased' };
    return { outcome: 'heldAtWrite', code: error.code };
  }
};

const parse = (argv: readonly string[]) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'dry-run': { type: 'boolean' },
        apply: { type: 'boolean' },
        years: { type: 'string' },
        'data-dir': { type: 'string' },
        'progress-every': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return undefined;
  if (values['dry-run'] === values.apply) throw new UsageError('give exactly one of --dry-run and --apply');
  const wholeNumber = (name: string, text: string | undefined, min: number, max: number): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
    return Number(text);
  };
  return {
    apply: values.apply === true,
    years: wholeNumber('years', values.years, 1, 100),
    dataDir: values['data-dir'],
    progressEvery: wholeNumber('progress-every', values['progress-every'], 1, 10_000_000),
  };
};

const main = async (argv: readonly string[]): Promise<void> => {
  const options = parse(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadConfig({ ...process.env, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) });
  const years = options.years ?? config.retentionClosedCaseYears;
  const now = new Date().toISOString();
  const started = performance.now();
  const seconds = () => Number(((performance.now() - started) / 1000).toFixed(2));
  const store = await openEventStore(config);
  try {
    log(`${options.apply ? 'applying' : 'dry run of'} the retention schedule: people of cases closed ${years} years or more before ${now}`);
    const { caseIds, scanned } = await closedCases(store, options.progressEvery ?? 10_000);
    log(`scanned ${scanned} events: ${caseIds.length} closed cases`);
    const plan = await planOf(store, caseIds, years, now);
    log(`${plan.due.length} people due in ${new Set(plan.due.map((d) => d.caseId)).size} cases; ${plan.held.length} cases held back; ${plan.kept} cases not due yet`);
    for (const held of plan.held) log(`held: case ${held.caseId} (${held.code}): ${held.detail}`);
    const summary = { mode: options.apply ? 'apply' : 'dry-run', years, now, scannedEvents: scanned, closedCases: caseIds.length, casesNotDue: plan.kept, held: plan.held };
    if (!options.apply) {
      process.stdout.write(`${JSON.stringify({ ...summary, due: plan.due, seconds: seconds() })}\n`);
      return;
    }
    const keys = SqliteKeyStore.open({ file: config.keyStore.file, masterKey: existingMasterKey(config), cacheSize: 1 });
    try {
      const counts: Record<Outcome, number> = { erased: 0, replayed: 0, alreadyErased: 0, heldAtWrite: 0 };
      const refusedAtWrite: { caseId: string; subjectRef: string; code: string }[] = [];
      let keysRepaired = 0;
      for (const erased of plan.erased) if (await destroyIfLeft(keys, subjectKeyId(erased.caseId, erased.subjectRef))) keysRepaired += 1;
      if (keysRepaired > 0) log(`destroyed ${keysRepaired} data keys left behind by erasures interrupted before their key went`);
      const every = options.progressEvery ?? 100;
      const erasing = performance.now();
      for (const [index, item] of plan.due.entries()) {
        const { outcome, code } = await eraseOne(store, keys, item, years);
        counts[outcome] += 1;
        if (code) refusedAtWrite.push({ caseId: item.caseId, subjectRef: item.subjectRef, code });
        if ((index + 1) % every === 0 || index + 1 === plan.due.length) log(`${index + 1} of ${plan.due.length} people done (${counts.erased} erased), ${seconds()} s`);
      }
      log(`done: ${counts.erased} erased, ${counts.replayed + counts.alreadyErased} already erased, ${plan.held.length} cases held back, ${counts.heldAtWrite} people held since the plan, ${seconds()} s`);
      process.stdout.write(`${JSON.stringify({ ...summary, erased: counts.erased, replayed: counts.replayed, alreadyErased: counts.alreadyErased, refusedAtWrite, keysRepaired, eraseSeconds: Number(((performance.now() - erasing) / 1000).toFixed(3)), seconds: seconds() })}\n`);
    } finally {
      await keys.close();
    }
  } finally {
    await store.close();
  }
};

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError;
  process.stderr.write(`retention: ${error instanceof Error ? error.message : String(error)}\n${usage ? `\n${USAGE}\n` : ''}`);
  process.exitCode = usage ? 1 : 2;
});
