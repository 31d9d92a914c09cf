import { nameBasedIds } from './name-based-id';

describe('nameBasedIds', () => {
  const namespace = '0b7e1c4e-5d1a-4f4c-9a55-3f1f2b6e7d10';
  const idOf = nameBasedIds(namespace);

  it('gives the RFC 9562 test vector (DNS namespace, "www.example.com")', () => {
    expect(nameBasedIds('6ba7b810-9dad-11d1-80b4-00c04fd430c8')('www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  // Ids that events written before the switch to the uuid package carry (test/legacy-store-compat checks a whole store).
  it.each([
    ['', '4b69f63f-e29b-56f0-a4ab-ee00c637435b'],
    ['cmd-1/0', '05f109b9-bb5d-5a55-b052-c73caa9eb82f'],
    ['Dewi Lestari Ünal ß 👩‍👧', '50e828b6-c29d-51f0-a269-90d3e5aad004'],
  ])('keeps the stored id of %j', (name, id) => {
    expect(idOf(name)).toBe(id);
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
