import type { IndexedField, PoisonedEvent, ReadStore } from '../read-store.port';

/**
 * What every read store does, run against each adapter (SQLite in the unit suite, PostgreSQL in the
 * integration suite). `open` gives a store over empty tables of a fresh database, with `indexes`.
 */
export const describeReadStoreContract = (name: string, open: (indexes?: readonly IndexedField[]) => Promise<ReadStore>): void => {
  describe(`read store contract: ${name}`, () => {
    let store: ReadStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => store.close());

    const poison = (position: bigint): PoisonedEvent => ({ projection: 'inbox', position, eventId: `e-${position}`, type: 'Teleported', reason: 'Unknown event type', at: '2026-02-10T01:00:00.000Z' });

    it('starts without a checkpoint and commits documents with the checkpoint', async () => {
      expect(await store.checkpoint('inbox')).toBeNull();
      await store.commit('inbox', 1, 7n, [{ id: 'a', document: { toUnitId: 'u-1', n: 1 } }, { id: 'b', document: { toUnitId: 'u-2', n: 2 } }], []);
      expect(await store.checkpoint('inbox')).toEqual({ position: 7n, version: 1 });
      expect(await store.get('inbox', 'a')).toEqual({ toUnitId: 'u-1', n: 1 });
      expect(await store.get('inbox', 'nope')).toBeUndefined();
      expect(await store.get('other', 'a')).toBeUndefined();
    });

    it('replaces and deletes documents, and moves the checkpoint past 2^53', async () => {
      await store.commit('inbox', 1, 1n, [{ id: 'a', document: { v: 1 } }], []);
      await store.commit('inbox', 1, 9_007_199_254_740_993n, [{ id: 'a', document: { v: 2 } }], []);
      expect(await store.get('inbox', 'a')).toEqual({ v: 2 });
      await store.commit('inbox', 2, 9_007_199_254_740_994n, [{ id: 'a', document: null }], []);
      expect(await store.get('inbox', 'a')).toBeUndefined();
      expect(await store.checkpoint('inbox')).toEqual({ position: 9_007_199_254_740_994n, version: 2 });
    });

    it('finds by equal top-level fields, ordered and paged the same way', async () => {
      const docs = ['c', 'a', 'b', 'd'].map((id, i) => ({ id, document: { toUnitId: i % 2 === 0 ? 'u-1' : 'u-2', status: 'WAITING', sentAt: `2026-02-1${4 - i}T00:00:00Z` } }));
      await store.commit('inbox', 1, 4n, docs, []);
      const u1 = await store.find<{ sentAt: string }>('inbox', { where: { toUnitId: 'u-1', status: 'WAITING' }, orderBy: 'sentAt', limit: 10, offset: 0 });
      expect(u1.map((d) => d.sentAt)).toEqual(['2026-02-12T00:00:00Z', '2026-02-14T00:00:00Z']);
      expect(await store.find('inbox', { limit: 2, offset: 1 })).toEqual([docs[2]!.document, docs[0]!.document]);
      expect(await store.find('inbox', { where: { toUnitId: "u-1' OR '1'='1" }, limit: 10, offset: 0 })).toEqual([]);
      await expect(store.find('inbox', { where: { "x' OR 1=1 --": 'y' }, limit: 10, offset: 0 })).rejects.toThrow('Not a field name');
    });

    it('finds documents whose array field contains a value', async () => {
      await store.commit('case-file', 1, 3n, [
        { id: 'c-1', document: { participants: ['polres-nunukan', 'uptd-ppa-nunukan'], status: 'open' } },
        { id: 'c-2', document: { participants: ['polres-nunukan'], status: 'closed' } },
        { id: 'c-3', document: { participants: ['kejari-nunukan'], status: 'open' } },
      ], []);
      const ids = async (options: Parameters<ReadStore['find']>[1]) => (await store.find<{ participants: string[] }>('case-file', options)).map((d) => d.participants.join('+'));
      expect(await ids({ contains: { participants: 'polres-nunukan' }, limit: 10, offset: 0 })).toEqual(['polres-nunukan+uptd-ppa-nunukan', 'polres-nunukan']);
      expect(await ids({ contains: { participants: 'polres-nunukan' }, where: { status: 'open' }, limit: 10, offset: 0 })).toEqual(['polres-nunukan+uptd-ppa-nunukan']);
      expect(await ids({ contains: { participants: 'polres' }, limit: 10, offset: 0 })).toEqual([]);
    });

    const scanned = async <D>(pages: AsyncIterable<D[]>): Promise<D[][]> => {
      const all: D[][] = [];
      for await (const page of pages) all.push(page);
      return all;
    };

    it('scans every matching document in id order, page after page, to the last one', async () => {
      // Ids in byte order: upper case before lower, '10' before '9'.
      const ids = ['b', 'A', 'c-10', 'c-9', 'a', 'B', 'd'];
      await store.commit('statistics', 1, 7n, ids.map((id, i) => ({ id, document: { id, province: i % 2 === 0 ? '65' : '53', tags: i < 3 ? ['x'] : [] } })), []);
      await store.commit('other', 1, 1n, [{ id: 'a', document: { id: 'elsewhere', province: '65', tags: ['x'] } }], []);
      const idsOf = (pages: { id: string }[][]) => pages.map((page) => page.map((d) => d.id));
      expect(idsOf(await scanned(store.scan<{ id: string }>('statistics', {}, 3)))).toEqual([['A', 'B', 'a'], ['b', 'c-10', 'c-9'], ['d']]);
      expect(idsOf(await scanned(store.scan<{ id: string }>('statistics', { where: { province: '65' } }, 2)))).toEqual([['a', 'b'], ['c-10', 'd']]);
      expect(idsOf(await scanned(store.scan<{ id: string }>('statistics', { where: { province: '65' }, contains: { tags: 'x' } }, 2)))).toEqual([['b', 'c-10']]);
      expect(await scanned(store.scan('statistics', { where: { province: "65' OR '1'='1" } }))).toEqual([]);
      expect(await scanned(store.scan('nothing-here', {}))).toEqual([]);
    });

    it('refuses a scan of a name that is not a plain projection or field name', async () => {
      await expect(scanned(store.scan("x' OR 1=1 --", {}))).rejects.toThrow('Not a projection name');
      await expect(scanned(store.scan('statistics', { where: { "x' OR 1=1 --": 'y' } }))).rejects.toThrow('Not a field name');
      await expect(scanned(store.scan('statistics', {}, 0))).rejects.toThrow('Not a page size');
    });

    it('answers a scan the same over the fields it indexes, with the indexes declared again on reopening', async () => {
      const indexes = [{ projection: 'statistics', field: 'province' }, { projection: 'statistics', field: 'regionCode' }];
      await store.close();
      store = await open(indexes);
      await store.close();
      store = await open(indexes);
      const docs = Array.from({ length: 25 }, (_, i) => ({ id: `case-${String(i).padStart(2, '0')}`, document: { n: i, province: ['65', '53', '35'][i % 3]!, regionCode: `${['65', '53', '35'][i % 3]}.0${i % 2 + 1}` } }));
      await store.commit('statistics', 1, 25n, docs, []);
      const found = (await scanned(store.scan<{ n: number }>('statistics', { where: { province: '53', regionCode: '53.02' } }, 4))).flat();
      expect(found.map((d) => d.n)).toEqual(docs.filter((d) => d.document.regionCode === '53.02').map((d) => d.document.n));
      await expect(open([{ projection: "x'; DROP TABLE documents; --", field: 'province' }])).rejects.toThrow('Not a projection name');
    });

    it('parks poisoned events once per position, and a reset forgets the projection', async () => {
      await store.commit('inbox', 1, 3n, [{ id: 'a', document: { v: 1 } }], [poison(2n)]);
      await store.commit('inbox', 1, 3n, [], [poison(2n)]);
      expect(await store.poisoned('inbox')).toEqual([poison(2n)]);
      expect(await store.poisoned()).toEqual([poison(2n)]);
      await store.reset('inbox');
      expect(await store.checkpoint('inbox')).toBeNull();
      expect(await store.get('inbox', 'a')).toBeUndefined();
      expect(await store.poisoned('inbox')).toEqual([]);
    });
  });
};
