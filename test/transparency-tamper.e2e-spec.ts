import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import { caseStreamId } from '@tppo/case-domain';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { buildServer, type ServerProcess, startServer, stopped } from './support/server-process';
import { ADULT, OPEN_CASE } from './support/sample-bodies';

const run = promisify(execFile);
/** The offline verifier, as an auditor runs it: a bundle file and the key, nothing else. */
const verify = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(__dirname, '../apps/coordination-api/src/cli/verify-evidence.ts'), ...args], { cwd: join(__dirname, '..') }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

/**
 * An operator with the files in hand: each change to the event file (or a roll-back of the whole
 * data folder) is run through the built server, and the verifier, with only the log's key and a
 * checkpoint kept earlier, names what was done.
 *
 * On the embedded SQLite store only: every case here edits or copies `events.db` itself. On
 * EventStoreDB there is no such file (the stand-in keeps its log in memory, and a real server's
 * chunks are not edited by hand), so the same edits cannot be made; the log's behaviour on
 * EventStoreDB (order, proofs, bundles, restarts, the verifier) is tested in transparency.e2e-spec.ts.
 */
describe('tampering with the files is caught by the offline verifier', () => {
  let dir: string;
  let work: string;
  let server: ServerProcess | undefined;
  let verifierKey: string;
  const config = () => loadConfig({ NODE_ENV: 'production', DATA_DIR: dir });

  const start = async () => {
    server = await startServer({ DATA_DIR: dir, RATE_LIMIT_PER_MINUTE: '0' });
  };
  const stop = async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await stopped(server.child);
    server = undefined;
  };
  const auth = async (unit: string) => ({
    authorization: `Bearer ${await mintLocalToken({ secret: loadOrCreateLocalSecret(dir), issuer: config().auth.issuer, audience: config().auth.audience, unit, user: `officer@${unit}`, ttlSeconds: 600 })}`,
  });
  const call = async (method: string, path: string, unit: string, body?: object) => {
    const res = await fetch(`${server!.url}${path}`, {
      method,
      headers: { ...(await auth(unit)), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string; note: string; size: number } };
  };
  const openCase = async (victims: number) => {
    const { id } = (await call('POST', '/cases', 'polres-nunukan', OPEN_CASE)).body;
    for (let i = 0; i < victims; i += 1) expect((await call('POST', `/cases/${id}/victims`, 'polres-nunukan', ADULT)).status).toBe(201);
    return id;
  };
  const bundleFile = async (caseId: string, query = '') => {
    const res = await call('GET', `/cases/${caseId}/evidence${query}`, 'kemenpppa');
    expect(res.status).toBe(200);
    const file = join(work, `${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(res.body));
    return file;
  };
  const keep = async () => {
    const checkpoint = (await call('POST', '/transparency/checkpoints', 'kemenpppa', {})).body;
    const file = join(work, `kept-${checkpoint.size}.note`);
    writeFileSync(file, checkpoint.note);
    return { file, size: checkpoint.size };
  };
  /** Edits the event file with the server stopped, as an operator with the file could. */
  const editEvents = async (edit: (db: Database.Database) => void) => {
    await stop();
    const db = new Database(join(dir, 'events.db'));
    edit(db);
    db.close();
    await start();
  };

  beforeAll(async () => {
    buildServer();
    work = mkdtempSync(join(tmpdir(), 'tppo-evidence-'));
  }, 180_000);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tppo-tamper-'));
    await start();
    verifierKey = ((await (await fetch(`${server!.url}/transparency/key`)).json()) as { verifierKey: string }).verifierKey;
  }, 60_000);
  afterEach(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('verifies an untouched case from the command line', async () => {
    const caseId = await openCase(3);
    const kept = await keep();
    await openCase(1);
    const result = await verify([await bundleFile(caseId, `?since=${kept.size}`), '--key', verifierKey, '--checkpoint', kept.file]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^VERIFIED: case .*: 4 events are in the log's signed checkpoint/);
  }, 60_000);

  it('names the event whose payload was changed by one byte', async () => {
    const caseId = await openCase(3);
    await keep();
    let eventId = '';
    await editEvents((db) => {
      const row = db.prepare('SELECT position, event_id AS eventId, data FROM events WHERE stream_id = ? AND revision = 2').get(caseStreamId(caseId)) as { position: number; eventId: string; data: string };
      eventId = row.eventId;
      // One byte of the nationality (Indonesia to Ireland): still valid JSON, still a valid event.
      const changed = row.data.replace('"nationality":"ID"', '"nationality":"IE"');
      expect(changed).not.toBe(row.data);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changed, row.position);
    });
    const result = await verify([await bundleFile(caseId), '--key', verifierKey]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`FAILED INCLUSION_PROOF_FAILED at event ${eventId} (revision 2)`);
  }, 60_000);

  it('finds an event deleted from the file', async () => {
    const caseId = await openCase(3);
    await keep();
    await editEvents((db) => {
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(caseStreamId(caseId));
    });
    const result = await verify([await bundleFile(caseId), '--key', verifierKey, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, revision: 1 });
  }, 60_000);

  it('finds two events swapped in the file', async () => {
    const caseId = await openCase(3);
    await keep();
    await editEvents((db) => {
      const stream = caseStreamId(caseId);
      // Swap revisions 1 and 2 (through a free number, for the unique index).
      db.prepare('UPDATE events SET revision = -1 WHERE stream_id = ? AND revision = 1').run(stream);
      db.prepare('UPDATE events SET revision = 1 WHERE stream_id = ? AND revision = 2').run(stream);
      db.prepare('UPDATE events SET revision = 2 WHERE stream_id = ? AND revision = -1').run(stream);
    });
    const result = await verify([await bundleFile(caseId), '--key', verifierKey, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, fault: 'INCLUSION_PROOF_FAILED', revision: 1 });
  }, 60_000);

  it('catches a data folder rolled back to an earlier copy, against a checkpoint kept in between', async () => {
    const caseId = await openCase(2);
    await keep();
    await stop();
    const copy = mkdtempSync(join(tmpdir(), 'tppo-copy-'));
    for (const file of ['events.db', 'transparency.db']) copyFileSync(join(dir, file), join(copy, file));
    await start();
    await openCase(3);
    // The auditor keeps this one.
    const kept = await keep();
    await stop();
    for (const file of ['events.db', 'transparency.db']) {
      rmSync(join(dir, `${file}-wal`), { force: true });
      rmSync(join(dir, `${file}-shm`), { force: true });
      copyFileSync(join(copy, file), join(dir, file));
    }
    rmSync(copy, { recursive: true, force: true });
    await start();
    // Smaller than the kept log: a rollback.
    const small = await verify([await bundleFile(caseId), '--key', verifierKey, '--checkpoint', kept.file, '--json']);
    expect(JSON.parse(small.stdout)).toMatchObject({ ok: false, fault: 'LOG_ROLLED_BACK' });
    // Different events until the log is longer than the kept one: the kept log is not its prefix.
    await openCase(5);
    await keep();
    const longer = await verify([await bundleFile(caseId, `?since=${kept.size}`), '--key', verifierKey, '--checkpoint', kept.file, '--json']);
    expect(longer.code).toBe(1);
    expect(JSON.parse(longer.stdout)).toMatchObject({ ok: false, fault: 'CONSISTENCY_PROOF_FAILED' });
  }, 90_000);

  it('the built server, whose log runs in its own thread, refuses to start on an event store replaced under the log', async () => {
    await openCase(1);
    await keep();
    await stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
    await expect(start()).rejects.toThrow('the server exited');
    // Moved aside as the message says, the log is rebuilt from the (new, empty) store.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `transparency.db${suffix}`), { force: true });
    await start();
    expect((await fetch(`${server!.url}/transparency/checkpoint`)).status).toBe(404);
  }, 60_000);
});
