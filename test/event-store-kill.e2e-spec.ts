import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChain } from '@tppo/eventsourcing';
import { SqliteEventStore } from '@tppo/event-store';
import { eventually } from './support/eventually';

/** Durability: every append that resolved before a SIGKILL is there after reopening, chained and in order. */
describe('the SQLite event store survives SIGKILL', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-kill-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append', async () => {
    const file = join(dir, 'events.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'support', 'append-forever.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: join(__dirname, '..'),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // Kill mid-stream, once a good many appends have been acknowledged (and more are in flight).
    await eventually(() => out.split('\n').length > 1000, {
      what: 'a thousand acknowledged appends',
      timeoutMs: 30_000,
      giveUpIf: () => (child.exitCode !== null ? `the appender exited with ${child.exitCode}: ${err}` : undefined),
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(err).toBe('');

    const acknowledged = out
      .split('\n')
      .filter((line) => line.startsWith('ok '))
      .map((line) => {
        const [, streamId, revision, eventId] = line.split(' ');
        return { streamId: streamId!, revision: Number(revision), eventId: eventId! };
      });
    expect(acknowledged.length).toBeGreaterThan(100);

    const store = await SqliteEventStore.open({ file });
    try {
      const all = await store.readAll();
      const byId = new Map(all.map((e) => [e.eventId, e]));
      const missing = acknowledged.filter((a) => byId.get(a.eventId)?.revision !== a.revision || byId.get(a.eventId)?.streamId !== a.streamId);
      expect(missing).toEqual([]);
      const streams = new Set(all.map((e) => e.streamId));
      for (const streamId of streams) {
        const events = await store.readStream(streamId);
        expect(verifyChain(events)).toMatchObject({ valid: true });
        // A stream's order in the global log is its revision order.
        for (let i = 1; i < events.length; i += 1) expect(events[i]!.position > events[i - 1]!.position).toBe(true);
      }
      for (let i = 1; i < all.length; i += 1) expect(all[i]!.position > all[i - 1]!.position).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
