import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, RETENTION_ACTOR, type CaseCommand } from '@tppo/case-domain';
import { handleCommand, type EventStore, type JsonValue } from '@tppo/eventsourcing';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore, type ReadStore } from '@tppo/read-store';
import { ERASED, PersonalDataProtector, subjectKeyId, type KeyStore } from '@tppo/protected-data';
import * as c from '../libs/case-domain/src/testing/case-commands.fixtures';
import { kemenpppa, policeNunukan } from '../libs/case-domain/src/testing/units';
import { EVENT_STORE, KEY_STORE, READ_STORE } from '../apps/coordination-api/src/infrastructure/tokens';
import { type ApiHarness, startApi } from './support/api-harness';
import { eventually } from './support/eventually';

const ROOT = join(__dirname, '..');
const DAY_MS = 86_400_000;
const yearsAgo = (years: number, plusDays = 0) => new Date(Date.now() - years * 365.25 * DAY_MS + plusDays * DAY_MS).toISOString();
/** Invented people; the job never reads them, only their keys. */
const identityOf = (caseId: string, subjectRef: string): JsonValue => ({ fullName: `Rekaan ${caseId} ${subjectRef}` });

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The job as an operator runs it, on the API's data folder, with the API still running. */
const retention = (dataDir: string, ...args: string[]): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    for (const name of ['DATA_MASTER_KEY', 'KEY_STORE_FILE', 'MASTER_KEY_FILE', 'RETENTION_CLOSED_CASE_YEARS', 'EVENT_STORE']) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/coordination-api/src/cli/retention.ts'), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

const summaryOf = (run: CliRun): Record<string, unknown> => {
  if (run.code !== 0) throw new Error(`retention exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
};

describe('npm run retention: the retention schedule on cases closed at past dates', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-retention-'));
  let api: ApiHarness;
  let store: EventStore;
  let protector: PersonalDataProtector;
  const sealed = new Map<string, string>();

  /** A command as the API would decide it at `now`: the history is written with the clock of its day. */
  const run = async (caseId: string, command: CaseCommand) => handleCommand(store, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry, recordedAt: () => command.metadata.now });
  const at = (now: string) => ({ now, commandId: randomUUID() });

  /** A case opened by the police a month before `closedAt`, with two victims whose identities are sealed under their own keys. */
  const closedCase = async (caseId: string, closedAt: string) => {
    const opened = new Date(Date.parse(closedAt) - 30 * DAY_MS).toISOString();
    await run(caseId, c.openCase(policeNunukan, { caseId }, at(opened)));
    for (const subjectRef of ['victim-1', 'victim-2']) {
      const identity = await protector.seal(subjectKeyId(caseId, subjectRef), identityOf(caseId, subjectRef));
      sealed.set(`${caseId}/${subjectRef}`, identity);
      await run(caseId, c.registerVictim(policeNunukan, { caseId, subjectRef, identity }, at(opened)));
    }
    await run(caseId, c.closeCase(policeNunukan, { caseId }, at(closedAt)));
  };
  const readable = async (caseId: string, subjectRef: string) => (await protector.open(sealed.get(`${caseId}/${subjectRef}`)!)) !== ERASED;

  beforeAll(async () => {
    api = await startApi({ DATA_DIR: dataDir });
    store = api.app.get<EventStore>(EVENT_STORE);
    protector = api.app.get(PersonalDataProtector);
    await closedCase('due-1', yearsAgo(12));
    await closedCase('not-due', yearsAgo(3));
    // Held: a related case, and a legal hold placed on this one after it closed.
    await closedCase('held', yearsAgo(11));
    await run('held', c.placeLegalHold(policeNunukan, { caseId: 'held', holdId: 'hold-1' }, at(yearsAgo(11, 5))));
    // Reopened: open again, so not due whatever its first closure.
    await closedCase('reopened', yearsAgo(13));
    await run('reopened', c.reopenCase(policeNunukan, { caseId: 'reopened' }, at(yearsAgo(12))));
    // One victim erased by two units before the case closed; only the other is left to the schedule.
    await run('half-erased', c.openCase(policeNunukan, { caseId: 'half-erased' }, at(yearsAgo(12, -60))));
    for (const subjectRef of ['victim-1', 'victim-2']) {
      const identity = await protector.seal(subjectKeyId('half-erased', subjectRef), identityOf('half-erased', subjectRef));
      sealed.set(`half-erased/${subjectRef}`, identity);
      await run('half-erased', c.registerVictim(policeNunukan, { caseId: 'half-erased', subjectRef, identity }, at(yearsAgo(12, -60))));
    }
    await run('half-erased', c.requestSubjectErasure(policeNunukan, { caseId: 'half-erased', subjectRef: 'victim-1', erasureId: 'e-1' }, at(yearsAgo(12, -40))));
    await run('half-erased', c.approveSubjectErasure(kemenpppa, { caseId: 'half-erased', erasureId: 'e-1' }, at(yearsAgo(12, -39))));
    await api.app.get<KeyStore>(KEY_STORE).destroy(subjectKeyId('half-erased', 'victim-1')); // as the API does after an approval
    await run('half-erased', c.closeCase(policeNunukan, { caseId: 'half-erased' }, at(yearsAgo(12))));
  }, 60_000);
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists what is due and what is held in a dry run, and changes nothing', async () => {
    const head = await store.headPosition();
    const dryRun = summaryOf(await retention(dataDir, '--dry-run'));
    expect(dryRun).toMatchObject({ mode: 'dry-run', years: 10, closedCases: 4, casesNotDue: 1 });
    expect(dryRun['due']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId: 'due-1', subjectRef: 'victim-1' }),
        expect.objectContaining({ caseId: 'due-1', subjectRef: 'victim-2' }),
        expect.objectContaining({ caseId: 'half-erased', subjectRef: 'victim-2' }),
      ]),
    );
    expect(dryRun['due']).toHaveLength(3);
    expect(dryRun['held']).toEqual([expect.objectContaining({ caseId: 'held', code: 'LEGAL_HOLD_IN_FORCE', detail: expect.stringContaining('hold-1') })]);
    expect(await store.headPosition()).toBe(head);
    expect(await readable('due-1', 'victim-1')).toBe(true);
  }, 60_000);

  it('erases what is due as system:retention, destroys the keys, and leaves the rest readable', async () => {
    const applied = await retention(dataDir, '--apply');
    expect(applied.stderr).toMatch(/3 of 3 people done/);
    expect(summaryOf(applied)).toMatchObject({ mode: 'apply', erased: 3, replayed: 0, alreadyErased: 0, keysRepaired: 0, refusedAtWrite: [], held: [expect.objectContaining({ caseId: 'held' })] });

    for (const [caseId, subjectRef] of [['due-1', 'victim-1'], ['due-1', 'victim-2'], ['half-erased', 'victim-2']] as const) {
      expect({ caseId, subjectRef, readable: await readable(caseId, subjectRef) }).toEqual({ caseId, subjectRef, readable: false });
    }
    for (const [caseId, subjectRef] of [['not-due', 'victim-1'], ['held', 'victim-2'], ['reopened', 'victim-1']] as const) {
      expect({ caseId, subjectRef, readable: await readable(caseId, subjectRef) }).toEqual({ caseId, subjectRef, readable: true });
    }
    const written = (await store.readStream(caseStreamId('due-1'))).filter((e) => e.type === 'SubjectErased');
    expect(written.map((e) => [e.actor.unitId, e.data['legalGround'], e.data['subjectRef']])).toEqual([
      ['system:retention', 'NO_LONGER_NEEDED', 'victim-1'],
      ['system:retention', 'NO_LONGER_NEEDED', 'victim-2'],
    ]);

    // Over HTTP, with the API running through it: the identity is gone, the chain still verifies.
    const police = await api.as('polres-nunukan');
    const identity = (caseId: string, subjectRef: string) => api.http.get(`/cases/${caseId}/subjects/${subjectRef}/identity?purpose=CASE_MANAGEMENT`).set(police);
    expect((await identity('due-1', 'victim-1').expect(410)).body).toMatchObject({ code: 'SUBJECT_ERASED' });
    await identity('not-due', 'victim-1').expect(200);
    const timeline = await api.http.get('/cases/due-1/timeline').set(await api.as('kemenpppa')).expect(200);
    expect(timeline.body.chain).toMatchObject({ valid: true });
  }, 60_000);

  it('changes nothing when run again', async () => {
    const head = await store.headPosition();
    expect(summaryOf(await retention(dataDir, '--apply'))).toMatchObject({ erased: 0, replayed: 0, alreadyErased: 0, keysRepaired: 0 });
    expect(await store.headPosition()).toBe(head);
  }, 60_000);

  it('destroys on the next run a key left behind by a run that stopped between the event and the key', async () => {
    await closedCase('interrupted', yearsAgo(12));
    // What a run killed after its write leaves: the event, and the key still there.
    await run('interrupted', {
      type: 'EraseSubjectForRetention',
      data: { caseId: 'interrupted', erasureId: 'retention-before-crash', subjectRef: 'victim-1', retentionYears: 10 },
      metadata: { commandId: 'retention-before-crash', actor: RETENTION_ACTOR, now: new Date().toISOString() },
    } as CaseCommand);
    expect(await readable('interrupted', 'victim-1')).toBe(true);
    expect(summaryOf(await retention(dataDir, '--apply'))).toMatchObject({ erased: 1, keysRepaired: 1 });
    expect(await readable('interrupted', 'victim-1')).toBe(false);
    expect(await readable('interrupted', 'victim-2')).toBe(false);
  }, 60_000);

  it('leaves read models that a full rebuild from the log gives again', async () => {
    const reads = api.app.get<ReadStore>(READ_STORE);
    const head = (await store.headPosition())!;
    await eventually(async () => {
      for (const p of PROJECTIONS) if (((await reads.checkpoint(p.name))?.position ?? -1n) < head) return false;
      return true;
    }, { what: 'every projection at the head of the log', timeoutMs: 20_000 });
    const rebuiltFile = join(dataDir, 'rebuilt-reads.db');
    const rebuilt = SqliteReadStore.open(rebuiltFile);
    try {
      await new Projector(store, rebuilt, caseEventRegistry, PROJECTIONS, { batchSize: 50 }).catchUp();
      const documents = async (from: ReadStore, name: string) => (await from.find(name, { limit: 10_000, offset: 0 })).map((d) => JSON.stringify(d)).sort();
      for (const p of PROJECTIONS) {
        expect({ projection: p.name, documents: await documents(rebuilt, p.name) }).toEqual({ projection: p.name, documents: await documents(reads, p.name) });
      }
      const caseFile = await reads.get<{ sections: { victims: { subjectRef: string; erased?: boolean }[] } }>('case-file', 'due-1');
      expect(caseFile?.sections.victims.map((v) => [v.subjectRef, v.erased])).toEqual([['victim-1', true], ['victim-2', true]]);
    } finally {
      await rebuilt.close();
    }
  }, 60_000);

  it('refuses bad usage with exit code 1 and says how to call it', async () => {
    for (const args of [[], ['--dry-run', '--apply'], ['--dry-run', '--years', '0'], ['--apply', '--years', 'ten'], ['--now']]) {
      const bad = await retention(dataDir, ...args);
      expect({ args, code: bad.code }).toEqual({ args, code: 1 });
      expect(bad.stderr).toContain('Usage: npm run retention');
    }
  }, 60_000);
});
