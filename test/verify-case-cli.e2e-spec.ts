import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { caseStreamId } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { makeRecords } from '../libs/event-store/src/contract/records';

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(__dirname, '../apps/coordination-api/src/cli/verify-case.ts'), ...args], { cwd: join(__dirname, '..') }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('npm run verify-case: tamper evidence from the command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verify-'));
    const store = await SqliteEventStore.open({ file: join(dir, 'events.db') });
    await store.appendToStream(caseStreamId('nnk-1'), 'no_stream', makeRecords(caseStreamId('nnk-1'), 0, undefined, 5));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an intact case', async () => {
    const result = await cli(['nnk-1', '--data-dir', dir]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ caseId: 'nnk-1', valid: true, events: 5 });
  }, 30_000);

  it('names the first revision that was altered in the file', async () => {
    const db = new Database(join(dir, 'events.db'));
    const row = db.prepare('SELECT position, data FROM events WHERE revision = 3').get() as { position: number; data: string };
    const data = JSON.parse(row.data);
    data.note = 'rewritten afterwards';
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
    db.close();
    const result = await cli(['nnk-1', '--data-dir', dir]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, firstBadRevision: 3, reason: 'HASH_MISMATCH' });
  }, 30_000);

  it('refuses bad input clearly', async () => {
    expect(await cli([])).toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
    expect(await cli(['no-such-case', '--data-dir', dir])).toMatchObject({ code: 2, stderr: expect.stringContaining('no events') });
  }, 30_000);
});
