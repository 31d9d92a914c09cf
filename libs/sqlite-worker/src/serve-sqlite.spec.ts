import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { serveSqlite } from './serve-sqlite';
import { startWorker } from './start-worker';

describe('serveSqlite, in a worker started by startWorker', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-worker-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = (file: string) => {
    const worker = startWorker(join(__dirname, 'testing', 'probe.worker'), { file });
    const answers: unknown[] = [];
    const waiters: (() => void)[] = [];
    worker.on('message', (m) => {
      answers.push(m);
      waiters.shift()?.();
    });
    const next = () => new Promise<void>((resolve) => waiters.push(resolve));
    return { worker, answers, next };
  };

  it('answers each message in order, survives a failure, and closes its connection on close', async () => {
    const file = join(dir, 'w.db');
    const { worker, answers, next } = start(file);
    await next();
    expect(answers).toEqual([{ kind: 'ready' }]);
    worker.postMessage({ kind: 'insert', value: 'a' });
    await next();
    worker.postMessage({ kind: 'throw' });
    await next();
    worker.postMessage({ kind: 'insert', value: 'b' });
    await next();
    expect(answers.slice(1)).toEqual([
      { kind: 'done', failures: 0 },
      { kind: 'failed', message: 'asked to fail' },
      { kind: 'done', failures: 1 },
    ]);
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    worker.postMessage({ kind: 'close' });
    expect(await exited).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all()).toEqual(['a', 'b']);
    db.close();
  });

  it('refuses to run outside a worker thread', () => {
    expect(() => serveSqlite(() => ({ handle: () => null }))).toThrow(/only inside a worker/);
  });
});
