import { LruStreamCache, type StreamSnapshot } from './handle-command';

/** A snapshot of a stream that holds `events` events (revision events - 1). */
const snapshotOf = (events: number, state = events): StreamSnapshot<number> => ({ state, revision: events - 1, headHash: 'h', commandIds: new Set() });

describe('LruStreamCache', () => {
  it('bounds the events held, evicting the least recently used streams first', () => {
    const cache = new LruStreamCache<number>(10);
    cache.set('a', snapshotOf(4));
    cache.set('b', snapshotOf(4));
    cache.get('a'); // a is now the most recently used
    cache.set('c', snapshotOf(3));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.state).toBe(4);
    expect(cache.get('c')?.state).toBe(3);
    expect(cache.events).toBe(7);
  });

  it('counts a stream once, at its latest snapshot, and never goes back to an older one', () => {
    const cache = new LruStreamCache<number>(10);
    cache.set('a', snapshotOf(3));
    cache.set('a', snapshotOf(6));
    expect(cache.events).toBe(6);
    cache.set('a', snapshotOf(5, 99)); // finished later, read earlier
    expect(cache.get('a')?.state).toBe(6);
    expect(cache.events).toBe(6);
  });

  it('does not keep a stream longer than the whole capacity, nor its older snapshot', () => {
    const cache = new LruStreamCache<number>(10);
    cache.set('small', snapshotOf(2));
    cache.set('long', snapshotOf(8));
    cache.set('long', snapshotOf(11));
    expect(cache.get('long')).toBeUndefined();
    expect(cache.get('small')?.state).toBe(2);
    expect(cache.events).toBe(2);
  });

  it('gives back the events of a deleted stream, and keeps nothing with capacity 0', () => {
    const cache = new LruStreamCache<number>(10);
    cache.set('a', snapshotOf(7));
    cache.delete('a');
    cache.delete('missing');
    expect(cache.events).toBe(0);
    cache.set('b', snapshotOf(10));
    expect(cache.get('b')?.state).toBe(10);
    const off = new LruStreamCache<number>(0);
    off.set('a', snapshotOf(1));
    expect(off.get('a')).toBeUndefined();
    expect(off.events).toBe(0);
  });
});
