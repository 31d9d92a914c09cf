import { isSealed, SEALED_VALUE_MARKER } from './protected-value';

/** Written by the protector (libs/protected-data): v1 until December 2026, v2 since. */
const V1 = 'pii.v1.subj-1.1.QnnnEK2k92LWd5yW.rnrxQuPlHQUAI6QWR1p8rDwI15-h__zXoovRHnXTVi2prxD_TRwAAkRiWNOMTqJ58M4q.u6vUt1DljvBezGUJvNVr0A';
const V2 =
  'pii.v2.eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoic3Viai0xLjEifQ..BqzbcXtgYTzfSTo9.3JVQTYeP_xA90sK7Wr7JUWtEX4gVvzcgDUksB-PZQi3qB8sSoTAtXHLutEaJJbY2fLYz.PV-QSMNJAwBGaS0xkSxZ2Q';

/** A v2 shape around any header text: encrypted key, IV, ciphertext and tag as `rest` says. */
const v2With = (header: string, rest = '..AAAAAAAAAAAAAAAA.AAAA.BBBBBBBBBBBBBBBBBBBBBB') => `pii.v2.${Buffer.from(header).toString('base64url')}${rest}`;
const headerFor = (kid: string) => `{"alg":"dir","enc":"A256GCM","kid":"${kid}"}`;

describe('sealed values, as the domain recognises them', () => {
  it('accepts both formats, as the protector writes them', () => {
    expect([isSealed(V1), isSealed(V2)]).toEqual([true, true]);
  });

  it('accepts a v2 header with the longest key id and version, and nothing longer', () => {
    expect(isSealed(v2With(headerFor(`${'k'.repeat(80)}.999999`)))).toBe(true);
    expect(isSealed(v2With(headerFor('k.1')))).toBe(true);
    expect(isSealed(v2With(headerFor(`${'k'.repeat(81)}.999999`)))).toBe(false);
  });

  it.each([
    ['plaintext', 'Siti Aminah'],
    ['an unknown version', V2.replace('pii.v2.', 'pii.v3.')],
    ['a JWE without the prefix', V2.slice('pii.v2.'.length)],
    ['another key management than dir', v2With('{"alg":"A256KW","enc":"A256GCM","kid":"subj-1.1"}')],
    ['another content encryption than A256GCM', v2With('{"alg":"dir","enc":"A128GCM","kid":"subj-1.1"}')],
    ['an encrypted key, which dir never has', v2With(headerFor('subj-1.1'), '.AAAA.AAAAAAAAAAAAAAAA.AAAA.BBBBBBBBBBBBBBBBBBBBBB')],
    ['an IV of the wrong length', v2With(headerFor('subj-1.1'), '..AAAAAAAAAAAA.AAAA.BBBBBBBBBBBBBBBBBBBBBB')],
    ['an empty ciphertext', v2With(headerFor('subj-1.1'), '..AAAAAAAAAAAAAAAA..BBBBBBBBBBBBBBBBBBBBBB')],
    ['a tag of the wrong length', v2With(headerFor('subj-1.1'), '..AAAAAAAAAAAAAAAA.AAAA.BBBBBBBBBBBBBBBB')],
    ['four parts', v2With(headerFor('subj-1.1'), '..AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB')],
    ['a character outside base64url', V2.replace('.PV-Q', '.PV+Q')],
    ['a v1 value with a trailing line break', `${V1}\n`],
  ])('refuses %s', (_, value) => {
    expect(isSealed(value)).toBe(false);
  });

  it('finds a sealed value of either version inside other text, for leak scans', () => {
    for (const text of [`{"identity":"${V1}"}`, `name=${V2}`, `cut off: ${V2.slice('pii.v2.'.length)}`]) expect(text).toMatch(SEALED_VALUE_MARKER);
    expect('Siti Aminah, 6503014501080001, eyJhbGciOiJSUzI1NiJ9').not.toMatch(SEALED_VALUE_MARKER);
  });
});
