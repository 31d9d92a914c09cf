import { ValidatedWrites } from './validated-writes';

describe('ValidatedWrites', () => {
  it('answers true once for an id added, and false for one never added', () => {
    const writes = new ValidatedWrites();
    writes.add('e-1');
    expect(writes.take('e-2')).toBe(false);
    expect(writes.take('e-1')).toBe(true);
    expect(writes.take('e-1')).toBe(false);
  });

  it('forgets the oldest ids past its capacity, so an id it forgot is checked again', () => {
    const writes = new ValidatedWrites(3);
    for (const id of ['a', 'b', 'c', 'd']) writes.add(id);
    expect(writes.size).toBe(3);
    expect(writes.take('a')).toBe(false);
    expect(['b', 'c', 'd'].map((id) => writes.take(id))).toEqual([true, true, true]);
  });
});
