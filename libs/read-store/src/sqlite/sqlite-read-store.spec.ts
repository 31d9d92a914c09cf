import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeReadStoreContract } from '../contract/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

describeReadStoreContract('SQLite', async (indexes) => SqliteReadStore.open(join(mkdtempSync(join(tmpdir(), 'reads-')), 'reads.db'), { indexes }));

describe('SQLite read store: scans', () => {
  it('walks the partial index of a filtered field, in id order, without sorting', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reads-')), 'reads.db');
    const store = SqliteReadStore.open(file, { indexes: [{ projection: 'case-statistics', field: 'province' }] });
    await store.commit('case-statistics', 1, 1n, ['65', '53', '65'].map((province, i) => ({ id: `c-${i}`, document: { province } })), []);
    const plans: string[] = [];
    const db = new Database(file, { readonly: true });
    const explain = db.prepare.bind(db);
    // The store's connection is its own: replay the SQL it prepared for the pages after the first.
    const pages: unknown[][] = [];
    for await (const page of store.scan('case-statistics', { where: { province: '65' } }, 1)) pages.push(page);
    const afterFirst = [...(store as unknown as { queries: Map<string, unknown> }).queries.keys()].filter((sql) => sql.includes('id > ?'));
    for (const sql of afterFirst) plans.push(...(explain(`EXPLAIN QUERY PLAN ${sql}`).all('65', 'c-0', 1) as { detail: string }[]).map((p) => p.detail));
    db.close();
    await store.close();
    expect(pages).toEqual([[{ province: '65' }], [{ province: '65' }]]);
    expect(plans).toEqual([expect.stringContaining('USING INDEX documents_case-statistics_province (projection=? AND <expr>=? AND id>?)')]);
  });
});

describe('SQLite read store: commits of one turn', () => {
  const newFile = () => join(mkdtempSync(join(tmpdir(), 'reads-')), 'reads.db');

  it('writes the commits asked for together, each projection with its checkpoint', async () => {
    const store = SqliteReadStore.open(newFile());
    await Promise.all(
      ['inbox', 'case-file', 'clocks'].map((projection, i) =>
        store.commit(projection, 1, BigInt(10 + i), [{ id: `d-${i}`, document: { n: i } }], []),
      ),
    );
    expect(await store.get('case-file', 'd-1')).toEqual({ n: 1 });
    expect(await store.checkpoint('clocks')).toEqual({ position: 12n, version: 1 });
    await store.close();
  });

  it('runs a reset asked for after commits of the same turn after them, and writes what was asked before a close', async () => {
    const file = newFile();
    const store = SqliteReadStore.open(file);
    const committed = store.commit('inbox', 1, 5n, [{ id: 'a', document: { v: 1 } }], []);
    const reset = store.reset('inbox');
    await Promise.all([committed, reset]);
    expect(await store.get('inbox', 'a')).toBeUndefined();
    expect(await store.checkpoint('inbox')).toBeNull();
    const last = store.commit('inbox', 1, 6n, [{ id: 'b', document: { v: 2 } }], []);
    await store.close();
    await last;
    const reopened = SqliteReadStore.open(file);
    expect(await reopened.get('inbox', 'b')).toEqual({ v: 2 });
    await reopened.close();
  });
});
