import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReadStoreContract } from '../contract/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

describeReadStoreContract('SQLite', async () => SqliteReadStore.open(join(mkdtempSync(join(tmpdir(), 'reads-')), 'reads.db')));

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
