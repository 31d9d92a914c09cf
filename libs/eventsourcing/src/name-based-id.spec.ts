import { v5 as uuidv5 } from 'uuid';
import { nameBasedIds } from './name-based-id';

describe('nameBasedIds', () => {
  const namespace = '0b7e1c4e-5d1a-4f4c-9a55-3f1f2b6e7d10';
  const idOf = nameBasedIds(namespace);

  it.each(['cmd-1/0', '', 'unit\nkey', 'Siti Aminah ßü 👩‍👧', 'x'.repeat(5000)])('gives the library’s v5 id for %j', (name) => {
    expect(idOf(name)).toBe(uuidv5(name, namespace));
  });

  it('gives the library’s ids on many names, whatever the variant and the bytes', () => {
    for (let i = 0; i < 2000; i += 1) {
      const name = `${i}/${'é'.repeat(i % 5)}${String.fromCodePoint(0x1f469 + (i % 3))}`;
      expect(idOf(name)).toBe(uuidv5(name, namespace));
    }
  });

  it('is stable and differs by name and by namespace', () => {
    expect(idOf('a')).toBe(idOf('a'));
    expect(idOf('a')).not.toBe(idOf('b'));
    expect(nameBasedIds('6c1f3b9e-2a47-4d0b-8f4e-7d2c9a1e5b30')('a')).not.toBe(idOf('a'));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedIds('not-a-uuid')).toThrow();
  });
});
