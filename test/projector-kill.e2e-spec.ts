import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { handleCommand } from '@tppo/eventsourcing';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
import Database from 'better-sqlite3';
import { acceptReferral, openCase, openInvestigation, proposeLeadHandoff, recordConsent, registerVictim, sendReferral } from '../libs/case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../libs/case-domain/src/testing/units';
import { eventually } from './support/eventually';

const ROOT = join(__dirname, '..');
const CASES = 250;

/**
 * Kill the projector mid-rebuild (SIGKILL); after a restart the read models equal a
 * full rebuild. Also the rebuild tool's output: progress on stderr, a final count on stdout.
 */
describe('the projector survives SIGKILL, and the rebuild tool reports its work', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'projector-kill-'));
  let total = 0;
  beforeAll(async () => {
    const events = await SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    const run = (caseId: string, command: CaseCommand) => handleCommand(events, caseDecider, caseStreamId(caseId), command, { registry: caseEventRegistry });
    await Promise.all(
      Array.from({ length: CASES }, async (_, i) => {
        const caseId = `k-${i}`;
        await run(caseId, openCase(policeNunukan, { caseId }));
        await run(caseId, registerVictim(policeNunukan, { caseId, birthDate: '1999-04-01' }));
        await run(caseId, recordConsent(policeNunukan, { caseId }));
        await run(caseId, sendReferral({ by: policeNunukan, to: uptdNunukan, caseId, referralId: 'r-1', purpose: 'CASE_MANAGEMENT', dueBy: '2026-02-17T01:00:00.000Z' }));
        await run(caseId, acceptReferral(uptdNunukan, { caseId, referralId: 'r-1' }));
        await run(caseId, proposeLeadHandoff({ by: policeNunukan, to: dinsosNunukan, caseId, handoffId: 'h-1' }));
        await run(caseId, openInvestigation(policeNunukan, { caseId }));
      }),
    );
    total = Number(await events.headPosition());
    await events.close();
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const rebuildTool = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/coordination-api/src/cli/projections.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  /**
   * Takes the read store's write lock the first time it finds some batches committed, and keeps it:
   * the tool cannot commit another while the lock is held, so the checkpoint read under it is where
   * the tool stands when it is killed. Between looks the lock is free for a millisecond, far less
   * than the tool needs for the rest of the log.
   */
  const holdOncePartlyRebuilt = async (file: string) => {
    let gate: Database.Database | undefined;
    return eventually(
      () => {
        gate ??= new Database(file, { fileMustExist: true, timeout: 10_000 });
        gate.exec('BEGIN IMMEDIATE');
        try {
          const row = gate.prepare('SELECT position FROM checkpoints WHERE projection = ?').safeIntegers(true).get('inbox') as { position: bigint | null } | undefined;
          if (row?.position) return { gate, checkpoint: row.position };
        } catch (error) {
          // Looked before the tool made its tables: let go of the lock, or every next look (and the tool) is stuck behind it.
          gate.exec('ROLLBACK');
          throw error;
        }
        gate.exec('ROLLBACK');
        return false;
      },
      { what: 'the rebuild to commit its first batches', timeoutMs: 30_000, intervalMs: 1 },
    );
  };

  const everyProjection = async (reads: SqliteReadStore) =>
    Object.fromEntries(await Promise.all(PROJECTIONS.map(async (p) => [p.name, await reads.find(p.name, { limit: 100_000, offset: 0 })] as const)));

  it('after a SIGKILL mid-rebuild, resuming from the checkpoint gives what a full rebuild gives', async () => {
    const child = rebuildTool(['rebuild', '--batch', '10']);
    const exited = new Promise((r) => child.once('exit', r));
    const { gate, checkpoint } = await holdOncePartlyRebuilt(join(dataDir, 'reads.db'));
    child.kill('SIGKILL');
    await exited;
    gate.exec('ROLLBACK');
    gate.close();
    expect(checkpoint).toBeLessThan(BigInt(total)); // killed part-way, as intended

    const events = await SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    const reads = SqliteReadStore.open(join(dataDir, 'reads.db'));
    expect((await reads.checkpoint('inbox'))?.position).toBe(checkpoint);
    const projector = new Projector(events, reads, caseEventRegistry, PROJECTIONS, { batchSize: 10 });
    await projector.catchUp();
    const resumed = await everyProjection(reads);
    expect(resumed['inbox']).toHaveLength(CASES * 2);
    // Every projection is compared, and each has documents but the interceptions' (none is reported here).
    expect(Object.keys(resumed).filter((name) => resumed[name]!.length === 0)).toEqual(['interception-statistics']);
    await projector.rebuild();
    expect(await everyProjection(reads)).toEqual(resumed);
    await reads.close();
    await events.close();
  }, 60_000);

  it('rebuild prints progress and a final count; status shows checkpoints; a wrong name is refused', async () => {
    const collect = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = rebuildTool(args);
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    const rebuilt = await collect(['rebuild', 'inbox']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.err).toMatch(/\[#+\] 100%/);
    expect(JSON.parse(rebuilt.out)).toMatchObject({ rebuilt: 'inbox', events: total });
    const status = await collect(['status']);
    expect(JSON.parse(status.out)).toMatchObject({ head: String(total), projections: PROJECTIONS.map((p) => ({ name: p.name, checkpoint: String(total) })), poisoned: [] });
    const wrong = await collect(['rebuild', 'nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('No projection named "nope"');
  }, 60_000);
});
