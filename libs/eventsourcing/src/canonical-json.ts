import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme): object members sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them. Every stored hash
 * chain was computed over these bytes, so the writer must never change.
 */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('A top-level undefined, function or symbol has no JSON form');
  return text;
};
