import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IdempotencyStore } from './idempotency.store';

describe('remembered first responses by Idempotency-Key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idem-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rowsIn = (file: string): number => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('returns the first response for a key, scoped to the unit, across restarts', async () => {
    const file = join(dir, 'api.db');
    let store = IdempotencyStore.open(file);
    store.remember('uptd-ppa-nunukan', 'k-1', { fingerprint: 'f1', status: 201, body: { caseId: 'c-1', revision: 0 } });
    // A second answer under the same key never replaces the first.
    store.remember('uptd-ppa-nunukan', 'k-1', { fingerprint: 'f2', status: 201, body: { caseId: 'c-2' } });
    await store.close();
    store = IdempotencyStore.open(file);
    expect(await store.lookup('uptd-ppa-nunukan', 'k-1')).toEqual({ fingerprint: 'f1', status: 201, body: { caseId: 'c-1', revision: 0 } });
    expect(await store.lookup('polres-nunukan', 'k-1')).toBeUndefined();
    expect(await store.lookup('uptd-ppa-nunukan', 'k-2')).toBeUndefined();
    await store.close();
  });

  it('answers from memory at once, and from the table once the writer thread has committed', async () => {
    const file = join(dir, 'api.db');
    const store = IdempotencyStore.open(file);
    for (let i = 0; i < 500; i += 1) store.remember('polres-nunukan', `k-${i}`, { fingerprint: `f${i}`, status: 201, body: { n: i } });
    expect(await store.lookup('polres-nunukan', 'k-499')).toEqual({ fingerprint: 'f499', status: 201, body: { n: 499 } });
    expect(rowsIn(file)).toBe(0);
    // Written by the worker thread within the flush interval, without a close.
    for (let waited = 0; rowsIn(file) < 500 && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(rowsIn(file)).toBe(500);
    expect(await store.lookup('polres-nunukan', 'k-7')).toEqual({ fingerprint: 'f7', status: 201, body: { n: 7 } });
    // Lookups of one turn go to the writer thread together; each gets its own answer.
    const answers = await Promise.all(['k-3', 'nope', 'k-250', 'k-499', 'other'].map((key) => store.lookup('polres-nunukan', key)));
    expect(answers.map((a) => (a === undefined ? null : a.body))).toEqual([{ n: 3 }, null, { n: 250 }, { n: 499 }, null]);
    // Remembered after the first flush: close writes them before it resolves.
    store.remember('polres-nunukan', 'late', { fingerprint: 'fl', status: 200, body: {} });
    await store.close();
    expect(rowsIn(file)).toBe(501);
  });

  it('tells what it could not write or read, and keeps the answer for the next try', async () => {
    const file = join(dir, 'api.db');
    const errors: string[] = [];
    const store = IdempotencyStore.open(file, (error) => errors.push(error.message));
    // Another connection holds the write lock past the writer's busy timeout? Too slow for a unit
    // test; a dropped table makes every insert fail instead.
    const other = new Database(file);
    other.exec('ALTER TABLE responses RENAME TO responses_gone');
    store.remember('polres-nunukan', 'k-1', { fingerprint: 'f1', status: 201, body: {} });
    const failedAt: number[] = [];
    for (let waited = 0; errors.length < 4 && waited < 10_000; waited += 10) {
      if (errors.length > failedAt.length) failedAt.push(Date.now());
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(errors[0]).toMatch(/could not write/);
    failedAt.push(Date.now());
    // Retries back off (100, 200, 400 ms…) instead of failing and logging every 50 ms.
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(failedAt[3]! - failedAt[0]!).toBeGreaterThanOrEqual(600);
    expect((await store.lookup('polres-nunukan', 'k-1'))?.fingerprint).toBe('f1');
    // A key it does not hold in memory has to be read, and that fails as clearly.
    await expect(store.lookup('polres-nunukan', 'k-2')).rejects.toThrow(/could not be read/);
    other.exec('ALTER TABLE responses_gone RENAME TO responses');
    other.close();
    await store.close();
    expect(rowsIn(file)).toBe(1);
  });
});
