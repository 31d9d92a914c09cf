import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json';

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const STRING_PIECES = ['a', 'Z', 'é', 'ü', '€', '😀', '\u0000', '\n', '"', '\\', '\u2028', '\ud800', 'key', '10', '1', '_', ' '];
const NUMBERS = [0, -0, 1, -1, 1.5, 1e21, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 0.1 + 0.2, 333333333.3333333];

const generate = (next: () => number, depth: number): unknown => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const text = () => Array.from({ length: Math.floor(next() * 4) }, () => pick(STRING_PIECES)).join('');
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  switch (kind) {
    case 0:
      return text();
    case 1:
      return pick(NUMBERS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return next() < 0.5 ? Math.floor(next() * 1e6) : text();
    case 4:
      return Array.from({ length: Math.floor(next() * 5) }, () => generate(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 6); i > 0; i -= 1) object[text()] = generate(next, depth + 1);
      return object;
    }
  }
};

describe('canonicalJson (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes, for 5,000 generated values', () => {
    for (let seed = 1; seed <= 5000; seed += 1) {
      const value = generate(random(seed), 0);
      const expected = canonicalize(value);
      if (canonicalJson(value) !== expected) throw new Error(`seed ${seed}: ${JSON.stringify(value)}`);
    }
  });

  it('sorts members by UTF-16 code units and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }], '€': true, é: false })).toBe('{"a":[3,{"c":"x","d":null}],"b":1,"é":false,"€":true}');
  });

  it('drops undefined members, writes undefined array items as null, and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: new Date(0) })).toBe('{"b":[null,1],"c":"1970-01-01T00:00:00.000Z"}');
  });

  it.each([NaN, Infinity, -Infinity, 1n])('refuses %p', (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
