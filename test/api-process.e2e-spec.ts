import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalSecret, mintLocalToken } from '@tppo/access';
import { SqliteEventStore } from '@tppo/event-store';
import { verifyChain } from '@tppo/eventsourcing';
import { loadConfig } from '../apps/coordination-api/src/config/app-config';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { eventually } from './support/eventually';
import { buildServer, SERVER_MAIN, type ServerProcess, startServer, stopped } from './support/server-process';

const OPEN_CASE = { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] };
const VICTIM = { identity: { fullName: 'Siti Aminah' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1999-04-01' };

interface Sent {
  readonly key: string;
  readonly path: string;
  readonly body: unknown;
  answer?: { status: number; id?: string; eventIds?: string[] };
}

/**
 * Kill -9 the API under load, restart: every command answered 2xx is in the store, and
 * retrying every request (answered or not) with its Idempotency-Key writes nothing twice.
 */
describe('the API killed mid-load loses no answered command and duplicates none', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-kill-'));
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    buildServer();
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    const config = loadConfig({ DATA_DIR: dataDir });
    token = await mintLocalToken({
      secret: loadOrCreateLocalSecret(dataDir),
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      unit: 'polres-nunukan',
      user: 'load@polres',
      ttlSeconds: 600,
    });
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (url: string, request: Sent): Promise<void> => {
    const res = await fetch(`${url}${request.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': request.key },
      body: JSON.stringify(request.body),
    });
    const body = (await res.json()) as { id?: string; eventIds?: string[] };
    request.answer = { status: res.status, id: body.id, eventIds: body.eventIds };
  };

  it('keeps every 2xx after SIGKILL, and retries of all requests write nothing twice', async () => {
    const sent: Sent[] = [];
    let killed = false;
    const client = async () => {
      while (!killed) {
        const open: Sent = { key: randomUUID(), path: '/cases', body: OPEN_CASE };
        sent.push(open);
        try {
          await send(server.url, open);
          if (open.answer?.status !== 201) continue;
          const victim: Sent = { key: randomUUID(), path: `/cases/${open.answer.id}/victims`, body: VICTIM };
          sent.push(victim);
          await send(server.url, victim);
        } catch {
          return; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    // Kill under load: once many commands are answered, with sixteen more in flight.
    await eventually(() => sent.filter((s) => s.answer && s.answer.status < 300).length >= 200, { what: '200 answered commands', timeoutMs: 30_000 });
    killed = true;
    server.child.kill('SIGKILL');
    await Promise.all(clients);
    await stopped(server.child);

    const answered = sent.filter((s) => s.answer && s.answer.status < 300);
    expect(answered.length).toBeGreaterThan(50);
    const store = await SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    const ids = new Set((await store.readAll()).map((e) => e.eventId));
    const missing = answered.flatMap((s) => s.answer!.eventIds!.filter((id) => !ids.has(id)));
    expect(missing).toEqual([]);
    await store.close();

    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    for (const request of sent) {
      const first = request.answer;
      await send(server.url, request);
      expect(request.answer!.status).toBeLessThan(300);
      if (first && first.status < 300) expect(request.answer).toEqual(first);
    }
    server.child.kill('SIGTERM');
    await stopped(server.child);

    const after = await SqliteEventStore.open({ file: join(dataDir, 'events.db') });
    const events = await after.readAll();
    // One event per request: the retries of commands that had been written added nothing.
    expect(events).toHaveLength(sent.length);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    const streams = new Set(events.map((e) => e.streamId));
    for (const stream of streams) expect(verifyChain(await after.readStream(stream)).valid).toBe(true);
    await after.close();
  }, 120_000);

  it('finishes the commands in flight when stopped with SIGTERM, closes keep-alive connections and exits', async () => {
    const graceful = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_GRACE_MS: '20000' });
    const requests: Sent[] = Array.from({ length: 32 }, () => ({ key: randomUUID(), path: '/cases', body: OPEN_CASE }));
    const outcomes = requests.map((r) => send(graceful.url, r).then(() => String(r.answer!.status), (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? 'FAILED'));
    // Stop once the first answer is back, while the others are being handled.
    await Promise.race(outcomes);
    const stoppedAt = Date.now();
    graceful.child.kill('SIGTERM');
    const seen = await Promise.all(outcomes);
    await stopped(graceful.child);
    // Well within the grace period: fetch's keep-alive connections did not hold the server open.
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect({ signal: graceful.child.signalCode, code: graceful.child.exitCode }).toEqual({ signal: 'SIGTERM', code: null });
    // Every request was answered 201, or arrived after the stop began and was refused (503) or cut
    // off before it was read; those are safe to retry with their key, and the retry succeeds.
    expect(seen.filter((s) => s === '201').length).toBeGreaterThan(0);
    expect(seen.every((s) => ['201', '503', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(s))).toBe(true);
    const again = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    for (const request of requests) {
      const first = request.answer?.status === 201 ? request.answer : undefined;
      await send(again.url, request);
      expect(request.answer!.status).toBe(201);
      if (first) expect(request.answer).toEqual(first);
    }
    again.child.kill('SIGTERM');
    await stopped(again.child);
  }, 60_000);

  it('refuses to start on a bad setting, naming the variable, with a non-zero exit', () => {
    const run = spawnSync(process.execPath, [SERVER_MAIN], { env: { ...process.env, DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 'lots' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('RATE_LIMIT_PER_MINUTE');
  });

  it('reports an EventStoreDB it cannot reach at start, with its address and a non-zero exit', () => {
    const env = { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://admin:secret@127.0.0.1:1?tls=false' };
    const run = spawnSync(process.execPath, [SERVER_MAIN], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/EventStoreDB at esdb:\/\/127\.0\.0\.1:1\?tls=false does not answer/);
    // The credentials in the URL are not echoed.
    expect(run.stderr).not.toContain('secret');
    const missing = spawnSync(process.execPath, [SERVER_MAIN], { env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'eventstoredb' }, encoding: 'utf8', timeout: 30_000 });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('EVENTSTORE_URL');
  });
});

/**
 * A retry whose first answer was lost in a crash (killed between the append and the answer's
 * record) is answered from the event store: the same answer as a remembered one, byte for byte.
 */
describe('the API killed between the append and the answer record', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-replay-'));
  let server: ServerProcess | undefined;
  let auth: Record<string, string>;
  beforeAll(async () => {
    buildServer();
    const config = loadConfig({ DATA_DIR: dataDir });
    const token = await mintLocalToken({ secret: loadOrCreateLocalSecret(dataDir), issuer: config.auth.issuer, audience: config.auth.audience, unit: 'polres-nunukan', user: 'replay@polres', ttlSeconds: 600 });
    auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Everything a client can see of an answer. */
  const answer = async (res: Response) => ({
    status: res.status,
    etag: res.headers.get('etag'),
    location: res.headers.get('location'),
    replayed: res.headers.get('idempotent-replayed'),
    contentType: res.headers.get('content-type'),
    body: await res.text(),
  });
  const post = async (path: string, key: string, body: unknown) => answer(await fetch(`${server!.url}${path}`, { method: 'POST', headers: { ...auth, 'idempotency-key': key }, body: JSON.stringify(body) }));
  const remembered = (key: string): boolean => {
    const db = new Database(join(dataDir, 'idempotency.db'), { readonly: true });
    try {
      return db.prepare('SELECT 1 FROM responses WHERE idempotency_key = ?').get(key) !== undefined;
    } finally {
      db.close();
    }
  };

  it('rebuilds the first answer: status, body, Location, the ETag of its own revision, and the replay header', async () => {
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    const caseId = (JSON.parse((await post('/cases', randomUUID(), OPEN_CASE)).body) as { id: string }).id;
    // The answer is recorded up to 50 ms after it is sent: a kill at once loses it. Tried a few times,
    // in case the machine was slow enough for the record to land first.
    let key = '';
    let first: Awaited<ReturnType<typeof answer>> | undefined;
    for (let attempt = 0; attempt < 5 && first === undefined; attempt += 1) {
      key = randomUUID();
      const sent = await post(`/cases/${caseId}/victims`, key, VICTIM);
      server.child.kill('SIGKILL');
      await stopped(server.child);
      if (!remembered(key)) first = sent;
      server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0' });
    }
    expect(first).toMatchObject({ status: 201, replayed: null });
    // The case moves on before the retry arrives.
    expect((await post(`/cases/${caseId}/witnesses`, randomUUID(), { identity: { fullName: 'Dewi Lestari' } })).status).toBe(201);

    const fromStore = await post(`/cases/${caseId}/victims`, key, VICTIM);
    expect(fromStore).toEqual({ ...first, replayed: 'true' });
    await eventually(() => remembered(key), { what: 'the rebuilt answer to be recorded' });
    const fromRecord = await post(`/cases/${caseId}/victims`, key, VICTIM);
    expect(fromRecord).toEqual(fromStore);
  }, 120_000);
});
