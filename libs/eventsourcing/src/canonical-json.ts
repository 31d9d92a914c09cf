/**
 * RFC 8785 (JSON Canonicalization Scheme) for the JSON values events carry: object members sorted
 * by UTF-16 code units, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes
 * them. The same output as the `canonicalize` package, which the first events were hashed with (a
 * unit test compares them on generated values), at about three times its speed: it sorts only keys
 * that are out of order and builds one string instead of one per member.
 */
export const canonicalJson = (value: unknown): string => {
  const text = write(value);
  if (text === undefined) throw new TypeError('A top-level undefined, function or symbol has no JSON form');
  return text;
};

/** Characters JSON.stringify escapes (quotes, backslash, controls, surrogates that may be lone). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

const quote = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

const write = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${String(value)} is not allowed in canonical JSON`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON: () => unknown }).toJSON());
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    case 'bigint':
      throw new TypeError('A BigInt has no canonical JSON form');
    default:
      return undefined;
  }
};

const writeArray = (items: readonly unknown[]): string => {
  let text = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) text += ',';
    text += write(items[i]) ?? 'null';
  }
  return `${text}]`;
};

const writeObject = (object: Record<string, unknown>): string => {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i += 1) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let text = '{';
  for (const key of keys) {
    const member = write(object[key]);
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += quote(key);
    text += ':';
    text += member;
  }
  return `${text}}`;
};
