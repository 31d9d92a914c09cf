import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseDecider, caseEventRegistry, caseStreamId, type CaseCommand } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { handleCommand } from '@tppo/eventsourcing';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
import { acceptReferral, openCase, proposeLeadHandoff, recordConsent, registerVictim, sendReferral } from '../libs/case-domain/src/testing/case-commands.fixtures';
import { dinsosNunukan, policeNunukan, uptdNunukan } from '../libs/case-domain/src/testing/units';

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

  it('after a SIGKILL mid-rebuild, resuming from the checkpoint gives what a full rebuild gives', async () => {
    const child = rebuildTool(['rebuild', '--batch', '10']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    const started = Date.now();
    while (!err.includes('events') && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;

    const events = await SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    const reads = SqliteReadStore.open(join(dataDir, 'reads.db'));
    const checkpoint = (await reads.checkpoint('inbox'))?.position ?? 0n;
    expect(checkpoint).toBeGreaterThan(0n);
    expect(checkpoint).toBeLessThan(BigInt(total)); // killed part-way, as intended
    const projector = new Projector(events, reads, caseEventRegistry, PROJECTIONS, { batchSize: 10 });
    await projector.catchUp();
    const resumed = await reads.find('inbox', { limit: 10_000, offset: 0 });
    expect(resumed).toHaveLength(CASES * 2);
    await projector.rebuild();
    expect(await reads.find('inbox', { limit: 10_000, offset: 0 })).toEqual(resumed);
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
