import type { PoisonedEvent, ReadStore } from '../read-store.port';

/**
 * What every read store does, run against each adapter (SQLite in the unit suite, PostgreSQL in the
 * integration suite). `open` gives a store over empty tables of a fresh database.
 */
export const describeReadStoreContract = (name: string, open: () => Promise<ReadStore>): void => {
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
