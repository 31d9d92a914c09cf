import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('writes the RFC’s own example byte for byte', () => {
    const value = {
      numbers: [Number('333333333.33333329'), 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(value)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts members by UTF-16 code units and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }], '€': true, é: false, '😀': 0, '\ufb01': 1 })).toBe('{"a":[3,{"c":"x","d":null}],"b":1,"é":false,"€":true,"😀":0,"ﬁ":1}');
  });

  it('drops undefined members, writes undefined array items as null, and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1], c: new Date(0) })).toBe('{"b":[null,1],"c":"1970-01-01T00:00:00.000Z"}');
  });

  it.each([NaN, Infinity, -Infinity, 1n])('refuses %p', (value) => {
    expect(() => canonicalJson({ value })).toThrow();
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
