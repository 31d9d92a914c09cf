import { isSealed, type SealedValue } from '@tppo/eventsourcing';

/**
 * A tiny field-spec language: one spec per command and event says what each field must be, and the
 * TypeScript type of the payload is derived from it, so the check and the type cannot drift apart.
 * Arrays are mutable in the derived types because event data must be assignable to `JsonObject`.
 */
export interface Field<T, O extends boolean = boolean> {
  readonly is: (value: unknown) => value is T;
  readonly expected: string;
  readonly optional: O;
  /** Set on identity fields: the value must be sealed ciphertext (checked as a rule, not as shape). */
  readonly sealed?: true;
  /**
   * The JSON Schema of the value (for the public event contract). `x-free-text` marks text a person
   * wrote, which may name anyone: it never leaves the system in an integration event.
   */
  readonly schema: FieldSchema;
  /** An object's own spec, and the name its schema goes by (`objectOf`). */
  readonly object?: { readonly spec: Spec; readonly name: string };
  /** A list's item, and the list's own rules without the item's (`listOf`): an answer can then name the item at fault. */
  readonly list?: { readonly item: Field<unknown>; readonly shape: Field<unknown> };
}

/** The part of JSON Schema the field language needs. */
export interface FieldSchema {
  readonly type: 'string' | 'boolean' | 'integer' | 'array' | 'object';
  readonly format?: 'date-time' | 'date';
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly items?: FieldSchema;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, FieldSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly 'x-free-text'?: true;
  readonly 'x-sealed'?: true;
}

export type Spec = Readonly<Record<string, Field<unknown>>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type FieldType<F> = F extends Field<infer T, boolean> ? T : never;
type RequiredKeys<S extends Spec> = { [K in keyof S]: S[K] extends Field<unknown, false> ? K : never }[keyof S];
type OptionalKeys<S extends Spec> = { [K in keyof S]: S[K] extends Field<unknown, false> ? never : K }[keyof S];

export type DataOf<S extends Spec> = Simplify<
  { readonly [K in RequiredKeys<S>]: FieldType<S[K]> } & { readonly [K in OptionalKeys<S>]?: FieldType<S[K]> }
>;

const field = <T>(is: (value: unknown) => boolean, expected: string, schema: FieldSchema): Field<T, false> => ({
  is: is as (value: unknown) => value is T,
  expected,
  schema,
  optional: false,
});

export const optional = <T>(f: Field<T, false>): Field<T, true> => ({ ...f, optional: true });

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** What toISOString writes, with the time in range: on a day that exists, Date.parse always reads it. */
const CANONICAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Patterns as constants: a regular-expression literal inside a function makes a new object per call.
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const REGION_CODE = /^\d{2}(\.\d{2})?$/;
const COUNTRY = /^[A-Z]{2}$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day `day` of month `month` (1-12) exists in `year` (Gregorian). Arithmetic: every event has several dates to check. */
const dayExists = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
};

/** The number written by the digits of `v` from `start` to `end` (already matched by a regex): no substring to allocate. */
const digitsAt = (v: string, start: number, end: number): number => {
  let n = 0;
  for (let i = start; i < end; i += 1) n = n * 10 + (v.charCodeAt(i) - 48);
  return n;
};

/** The YYYY-MM-DD at the start of `v` (already matched by a regex) names a day that exists. */
const datePrefixExists = (v: string): boolean => dayExists(digitsAt(v, 0, 4), digitsAt(v, 5, 7), digitsAt(v, 8, 10));

/** A calendar date that exists (2026-02-30 does not), as YYYY-MM-DD. */
export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v) && datePrefixExists(v);
// Every event carries several date-times and the projector checks each of them again on a rebuild:
// the common form skips Date.parse (about 180 ns), which could not refuse it.
export const isIsoDateTime = (v: unknown): v is string =>
  typeof v === 'string' && ISO_DATE_TIME.test(v) && datePrefixExists(v) && (CANONICAL_DATE_TIME.test(v) || !Number.isNaN(Date.parse(v)));

/** Free text must say something, and stay on one line of a log if it ever reaches one. */
const NOT_BLANK = /\S/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** Both rules above as one pattern for JSON Schema: one visible character, no control characters. */
const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** Free text of at most `max` characters that says something (a reason of only spaces is no reason), without control characters but tab and line breaks. */
export const textUpTo = (max: number): Field<string, false> =>
  field<string>(
    (v) => typeof v === 'string' && v.length <= max && NOT_BLANK.test(v) && NO_CONTROL_CHARS.test(v),
    `a text that says something, at most ${max} characters, without control characters other than tab and line breaks`,
    { type: 'string', minLength: 1, maxLength: max, pattern: TEXT_PATTERN, 'x-free-text': true },
  );
export const text = textUpTo(4000);
/** Numbers of official documents (a police report, a warrant) and place names. */
export const shortText = textUpTo(200);
/** A string matching `pattern`, e.g. a NIK; `expected` says what that means to the person who typed it. */
export const matching = (pattern: RegExp, expected: string): Field<string, false> =>
  field<string>((v) => typeof v === 'string' && pattern.test(v), expected, { type: 'string', pattern: pattern.source });
/** Ids come from clients and travel in stream names and URLs: short and plain. */
export const id = field<string>((v) => typeof v === 'string' && ID.test(v), 'an id (letters, digits, . _ : -; at most 128)', { type: 'string', pattern: ID.source, maxLength: 128 });
export const isoDateTime = field<string>(isIsoDateTime, 'an ISO-8601 date-time with an offset, e.g. 2026-02-10T09:00:00+08:00', { type: 'string', format: 'date-time' });
export const isoDate = field<string>(isIsoDate, 'a date that exists, as YYYY-MM-DD', { type: 'string', format: 'date' });
export const bool = field<boolean>((v) => typeof v === 'boolean', 'true or false', { type: 'boolean' });
export const count = field<number>((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number >= 0', { type: 'integer', minimum: 0 });
export const positive = field<number>((v) => Number.isSafeInteger(v) && (v as number) > 0, 'a whole number > 0', { type: 'integer', minimum: 1 });
/** A whole number from `min` to `max`: what a command may ask (an event keeps what was once accepted). */
export const wholeNumber = (min: number, max: number): Field<number, false> =>
  field<number>((v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max, `a whole number from ${min} to ${max}`, { type: 'integer', minimum: min, maximum: max });
/** Sums in whole rupiah; the largest restitution ever ordered is far below 10^15. */
export const amount = wholeNumber(1, 1_000_000_000_000_000);
/** Kemendagri region code: `00` national, `NN` province, `NN.NN` regency or city. */
export const regionCode = field<string>((v) => typeof v === 'string' && REGION_CODE.test(v), 'a region code NN or NN.NN', { type: 'string', pattern: REGION_CODE.source });
/** ISO 3166-1 alpha-2. */
export const country = field<string>((v) => typeof v === 'string' && COUNTRY.test(v), 'an ISO 3166 alpha-2 country code', { type: 'string', pattern: COUNTRY.source });
/**
 * An identity field: any string passes the shape check; whether it is sealed is a rule
 * (IDENTITY_NOT_SEALED), so a plaintext name is refused with a clear code and never reaches an event.
 */
export const sealedIdentity: Field<SealedValue, false> = { ...field<SealedValue>((v) => typeof v === 'string' && v.length > 0, 'sealed ciphertext', { type: 'string', 'x-sealed': true }), sealed: true };

export const oneOf = <const V extends readonly string[]>(values: V): Field<V[number], false> =>
  field<V[number]>((v) => typeof v === 'string' && values.includes(v), `one of ${values.join(', ')}`, { type: 'string', enum: values });

const withoutDuplicates = (items: readonly unknown[]): boolean =>
  items.length < 2 || new Set(items.map((x) => (typeof x === 'string' ? x : `\u0000${JSON.stringify(x)}`))).size === items.length;

/**
 * A list without duplicates; `min` 1 when the list must say something. A list of values from a
 * vocabulary can hold each value once at most; any other list at most `max` (500 unless said).
 */
export const listOf = <T>(item: Field<T, false>, min = 0, max = 500): Field<T[], false> => {
  const most = item.schema.enum ? Math.min(max, item.schema.enum.length) : max;
  const fits = (v: unknown): v is unknown[] => Array.isArray(v) && v.length >= min && v.length <= most && withoutDuplicates(v);
  const bounds = `${min > 0 ? ` (at least ${min})` : ''}${most < 500 ? ` (at most ${most})` : ''} without duplicates`;
  const schema: FieldSchema = { type: 'array', items: item.schema, uniqueItems: true, ...(min > 0 ? { minItems: min } : {}), ...(most < 500 ? { maxItems: most } : {}) };
  return {
    ...field<T[]>((v) => fits(v) && v.every((x) => item.is(x)), `a list of ${item.expected}${bounds}`, schema),
    list: { item, shape: field<unknown[]>(fits, `a list${bounds}`, schema) },
  };
};

/** An object with exactly the fields of `spec`; `name` names its schema in a document. */
export const objectOf = <S extends Spec>(spec: S, name: string): Field<DataOf<S>, false> => ({
  ...field<DataOf<S>>((v) => problemsOf(v, spec).length === 0, `an object { ${Object.keys(spec).join(', ')} }`, {
    type: 'object',
    properties: Object.fromEntries(Object.entries(spec).map(([key, f]) => [key, f.schema])),
    required: Object.entries(spec).filter(([, f]) => !f.optional).map(([key]) => key),
    additionalProperties: false,
  }),
  object: { spec, name },
});

/** Every problem with a payload: missing or wrong fields and fields the spec does not know. */
const specEntries = new WeakMap<Spec, [string, Field<unknown>][]>();
const entriesOf = (spec: Spec): [string, Field<unknown>][] => {
  let entries = specEntries.get(spec);
  if (!entries) specEntries.set(spec, (entries = Object.entries(spec)));
  return entries;
};

export const problemsOf = (data: unknown, spec: Spec): string[] => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['data must be an object'];
  const record = data as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, f] of entriesOf(spec)) {
    const value = record[key];
    if (value === undefined) {
      if (!f.optional) problems.push(`${key} is required`);
    } else if (!f.is(value)) problems.push(`${key} must be ${f.expected}`);
  }
  // for-in rather than Object.keys: no array per payload; inherited keys are not the payload's.
  for (const key in record) if (!(key in spec) && Object.hasOwn(record, key)) problems.push(`${key} is not allowed`);
  return problems;
};

/** Identity fields of a spec whose value is present but not sealed ciphertext. */
export const unsealedFields = (data: Readonly<Record<string, unknown>>, spec: Spec): string[] =>
  Object.entries(spec)
    .filter(([key, f]) => f.sealed && data[key] !== undefined && !isSealed(data[key]))
    .map(([key]) => key);

/** A plain JSON object whose fields another spec checks later (e.g. the fields of a correction). */
export const plainObject = field<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0,
  'a non-empty object',
  { type: 'object', 'x-free-text': true },
);

/** The schema `{}`: any value, which another spec checks later (a correction's fields, by the event corrected). */
const ANY_VALUE = {} as FieldSchema;

/** A plain object naming at least one of `names`, and nothing else; what each value must be, another spec checks later. */
export const objectNaming = (names: readonly string[]): Field<Record<string, unknown>, false> =>
  field<Record<string, unknown>>(
    (v) => plainObject.is(v) && Object.keys(v).every((key) => names.includes(key)),
    `an object naming at least one of ${names.join(', ')}`,
    // Said with properties and additionalProperties, not propertyNames, which OpenAPI 3.0 does not know.
    { type: 'object', minProperties: 1, properties: Object.fromEntries(names.map((name) => [name, ANY_VALUE])), additionalProperties: false, 'x-free-text': true },
  );

/**
 * A check across fields that a field spec cannot express; returns problems like `problemsOf`.
 * `schema` says the same rule in JSON Schema, so the API's document describes it to clients (and
 * fuzzers) from this one declaration; a rule JSON Schema cannot say carries only its check.
 */
export interface Refinement<D> {
  (data: D): string[];
  readonly schema?: Readonly<Record<string, unknown>>;
}

export const refinement = <D>(check: (data: D) => string[], schema?: Readonly<Record<string, unknown>>): Refinement<D> =>
  schema ? Object.assign(check, { schema }) : check;
