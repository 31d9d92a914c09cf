import { refinement, type Refinement } from './fields';

/**
 * The shapes of cross-field rule the commands need, each written once: the check the decider runs
 * and the JSON Schema the API's document states come from the same declaration.
 */
type Data = Readonly<Record<string, unknown>>;
type Fragment = Readonly<Record<string, unknown>>;

const given = (...fields: string[]): Fragment => ({ required: fields });
const absent = (...fields: string[]): Fragment => ({ not: { anyOf: fields.map((f) => given(f)) } });
const equals = (field: string, value: unknown): Fragment => ({ properties: { [field]: { enum: [value] } }, required: [field] });
const differs = (field: string, value: unknown): Fragment => ({ properties: { [field]: { not: { enum: [value] } } }, required: [field] });
const nonEmpty = (list: unknown): boolean => Array.isArray(list) && list.length > 0;

/** Both fields or neither (an override without a reason is not an override). */
export const givenTogether = (a: string, b: string, problem: string): Refinement<Data> =>
  refinement((d) => ((d[a] === undefined) === (d[b] === undefined) ? [] : [problem]), { oneOf: [given(a, b), absent(a, b)] });

/** Exactly one of the two fields. */
export const exactlyOne = (a: string, b: string, problem: string): Refinement<Data> =>
  refinement((d) => ((d[a] === undefined) === (d[b] === undefined) ? [problem] : []), {
    oneOf: [{ ...given(a), ...absent(b) }, { ...given(b), ...absent(a) }],
  });

/** `field` is given exactly when `condition` equals `value`. */
export const givenExactlyWhen = (field: string, condition: string, value: unknown, problem: string): Refinement<Data> =>
  refinement((d) => ((d[condition] === value) === (d[field] !== undefined) ? [] : [problem]), {
    oneOf: [{ ...equals(condition, value), required: [condition, field] }, { ...differs(condition, value), ...absent(field) }],
  });

/** `fields` may be given only when `condition` equals `value`. */
export const onlyWhen = (fields: readonly string[], condition: string, value: unknown, problem: string): Refinement<Data> =>
  refinement((d) => (d[condition] !== value && fields.some((f) => d[f] !== undefined) ? [problem] : []), {
    anyOf: [equals(condition, value), absent(...fields)],
  });

/** The list `list` has items exactly when `condition` equals `value`. */
export const listFilledExactlyWhen = (list: string, condition: string, value: unknown, problem: string): Refinement<Data> =>
  refinement((d) => ((d[condition] === value) === nonEmpty(d[list]) ? [] : [problem]), {
    oneOf: [
      { properties: { [condition]: { enum: [value] }, [list]: { minItems: 1 } }, required: [condition, list] },
      { properties: { [condition]: { not: { enum: [value] } }, [list]: { maxItems: 0 } }, required: [condition] },
    ],
  });

/** At least one of the lists has an item. */
export const someListFilled = (lists: readonly string[], problem: string): Refinement<Data> =>
  refinement((d) => (lists.some((l) => nonEmpty(d[l])) ? [] : [problem]), {
    anyOf: lists.map((l) => ({ properties: { [l]: { minItems: 1 } }, required: [l] })),
  });

/** Every rule; the schema holds each one that has a schema. */
export const allOf = (...rules: readonly Refinement<Data>[]): Refinement<Data> => {
  const schemas = rules.flatMap((r) => (r.schema ? [r.schema] : []));
  return refinement((d) => rules.flatMap((r) => r(d)), schemas.length > 0 ? { allOf: schemas } : undefined);
};
