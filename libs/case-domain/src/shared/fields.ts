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
}

/** The part of JSON Schema the field language needs. */
export interface FieldSchema {
  readonly type: 'string' | 'boolean' | 'integer' | 'array' | 'object';
  readonly format?: 'date-time' | 'date';
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
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

/** Free text that must say something: a reason of only spaces is no reason. */
export const text = field<string>((v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 4000, 'a non-empty text', { type: 'string', maxLength: 4000, 'x-free-text': true });
/** Ids come from clients and travel in stream names and URLs: short and plain. */
export const id = field<string>((v) => typeof v === 'string' && ID.test(v), 'an id', { type: 'string', pattern: ID.source });
export const isoDateTime = field<string>(isIsoDateTime, 'an ISO-8601 date-time with offset', { type: 'string', format: 'date-time' });
export const isoDate = field<string>(isIsoDate, 'a date YYYY-MM-DD', { type: 'string', format: 'date' });
export const bool = field<boolean>((v) => typeof v === 'boolean', 'true or false', { type: 'boolean' });
export const count = field<number>((v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number >= 0', { type: 'integer', minimum: 0 });
export const positive = field<number>((v) => Number.isSafeInteger(v) && (v as number) > 0, 'a whole number > 0', { type: 'integer', minimum: 1 });
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

/** A list without duplicates; `min` 1 when the list must say something. */
export const listOf = <T>(item: Field<T, false>, min = 0): Field<T[], false> =>
  field<T[]>(
    (v) => Array.isArray(v) && v.length >= min && v.length <= 500 && v.every((x) => item.is(x)) && withoutDuplicates(v),
    `a list of ${item.expected}${min > 0 ? ` (at least ${min})` : ''} without duplicates`,
    { type: 'array', items: item.schema, uniqueItems: true, ...(min > 0 ? { minItems: min } : {}) },
  );

export const objectOf = <S extends Spec>(spec: S): Field<DataOf<S>, false> =>
  field<DataOf<S>>((v) => problemsOf(v, spec).length === 0, `an object { ${Object.keys(spec).join(', ')} }`, {
    type: 'object',
    properties: Object.fromEntries(Object.entries(spec).map(([name, f]) => [name, f.schema])),
    required: Object.entries(spec).filter(([, f]) => !f.optional).map(([name]) => name),
    additionalProperties: false,
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

/** Cross-field checks a spec cannot express; returns problems like `problemsOf`. */
export type Refinement<D> = (data: D) => string[];

/** legalBasis and justification come together: an override without a reason is not an override. */
export const overrideNeedsJustification = (d: { readonly legalBasis?: string; readonly justification?: string }): string[] =>
  (d.legalBasis === undefined) === (d.justification === undefined) ? [] : ['legalBasis and justification must be given together'];
