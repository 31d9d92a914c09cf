import { patched } from './patched';

describe('patched: a copy with some fields set, serialised exactly as an object spread would be', () => {
  const base = { b: 'kept', a: 1, list: ['x'], nested: { z: true } };

  it('keeps the base order, replaces fields in place and appends new ones in the order given', () => {
    const copy = patched<Record<string, unknown>>(base, { new2: 'n2', a: 2, new1: 'n1' });
    expect(JSON.stringify(copy)).toBe(JSON.stringify({ ...base, new2: 'n2', a: 2, new1: 'n1' }));
    expect(Object.keys(copy)).toEqual(['b', 'a', 'list', 'nested', 'new2', 'new1']);
  });

  it('leaves the base as it was and shares its unchanged values, as a spread does', () => {
    const copy = patched(base, { b: 'changed' });
    expect(base.b).toBe('kept');
    expect(copy.list).toBe(base.list);
    expect(copy.nested).toBe(base.nested);
  });

  it('a document read back from JSON gets the same bytes as one built in memory', () => {
    const stored = JSON.parse(JSON.stringify(base)) as typeof base;
    expect(JSON.stringify(patched<Record<string, unknown>>(stored, { stoppedAt: 't' }))).toBe(JSON.stringify({ ...base, stoppedAt: 't' }));
  });
});
