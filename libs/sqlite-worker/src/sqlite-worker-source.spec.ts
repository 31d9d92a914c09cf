import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sqliteWorkerSource } from './sqlite-worker-source';

describe('sqliteWorkerSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-worker-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = (file: string) => {
    const source = sqliteWorkerSource({
      setup: String.raw`
db.exec('CREATE TABLE IF NOT EXISTS t (v TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
let failures = 0;
const handle = (m) => {
  if (m.kind === 'throw') throw new Error('asked to fail');
  insert.run(m.value);
  return { kind: 'done', failures };
};`,
      onFailure: 'failures += 1;',
      announceReady: true,
    });
    const worker = new Worker(source, { eval: true, workerData: { file, driverPath: require.resolve('better-sqlite3') } });
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
});
