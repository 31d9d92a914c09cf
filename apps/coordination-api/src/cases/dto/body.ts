import { ApiProperty, ApiSchema, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Validate, ValidateIf, ValidateNested, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import {
  CASE_COMMAND_REFINEMENTS,
  CASE_COMMAND_SPECS,
  INTERCEPTION_COMMANDS,
  INTERCEPTION_REFINEMENTS,
  PERSON_IDENTITY,
  amount,
  country,
  isoDate,
  isoDateTime,
  objectOf,
  regionCode,
  optional,
  type CaseCommandType,
  type DataOf,
  type Field,
  type FieldSchema,
  type InterceptionCommandType,
  type Refinement,
  type Spec,
} from '@tppo/case-domain';
import type { SealedValue } from '@tppo/eventsourcing';

/**
 * The HTTP bodies are derived from the domain's own field specs: the domain says once what each
 * field must be, and this file turns that into the class-validator rule Nest's pipe runs and the
 * OpenAPI schema Swagger writes. A body declares only what the domain cannot know: which of the
 * command's fields the server fills in (ids from the path or minted, agency types from the unit
 * registry), and words for the reader of the document (descriptions, examples), never a rule.
 */

/** What a field means to the person filling the form; documentation only, never a rule. */
export interface FieldDoc {
  readonly description?: string;
  readonly example?: unknown;
}

/** Where a body class keeps its spec, for the pipe's fast check and the document's cross-field rules. */
const BODY = Symbol('tppo.body');

export interface BodyFacts {
  readonly spec: Spec;
  /** The cross-field rule, whose JSON Schema the document states for this body. */
  readonly rule?: Refinement<never>;
  /** Said in words when JSON Schema cannot say it. */
  readonly ruleInWords?: string;
}

/** The spec and rule a body class (or a class extending one) was made from. */
export const bodyFactsOf = (target: unknown): BodyFacts | undefined =>
  typeof target === 'function' ? ((target as unknown as Record<symbol, BodyFacts | undefined>)[BODY]) : undefined;

/** Every class made from a spec, by its schema name: the document's cross-field rules come from here. */
export const DTO_CLASSES = new Map<string, BodyFacts>();

@ValidatorConstraint({ name: 'domainField' })
class DomainFieldRule implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (args.constraints[0] as Field<unknown>).is(value);
  }

  defaultMessage(args: ValidationArguments): string {
    const field = args.constraints[0] as Field<unknown>;
    return args.value === undefined ? `${args.property} is required` : `${args.property} must be ${field.expected}`;
  }
}

/** The field's JSON Schema as OpenAPI reads it: the domain's own marks (`x-free-text`, `x-sealed`) stay inside. */
const openApiSchema = (schema: FieldSchema): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    if (key === 'items') out[key] = openApiSchema(value as FieldSchema);
    else if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, FieldSchema>).map(([name, child]) => [name, openApiSchema(child)]));
    } else out[key] = value;
  }
  return out;
};

/**
 * A property checked by a field of the domain's spec language: class-validator runs the field's own
 * check, and the document shows the field's own JSON Schema.
 */
export const DomainField =
  (field: Field<unknown>, doc: FieldDoc = {}): PropertyDecorator =>
  (target, name) => {
    // An optional field may be left out, never sent as null: the schema does not say nullable, and a
    // null that slipped through would reach the domain as "absent". IsOptional would skip both.
    if (field.optional) ValidateIf((_object: object, value: unknown) => value !== undefined)(target, name);
    const inner = field.object ?? field.list?.item.object;
    if (!inner) {
      ApiProperty({ ...openApiSchema(field.schema), required: !field.optional, ...KIND_DOCS.get(field.schema), ...doc } as ApiPropertyOptions)(target, name);
      Validate(DomainFieldRule, [field])(target, name);
      return;
    }
    // An object (or a list of them) is checked by a class of its own, so an answer names the field
    // inside it that is wrong (`identity.nik`, `counts.0.count`), and the document names its schema.
    const nested = classOf(inner.spec, inner.name);
    const list = field.list;
    // A list keeps its own bounds; its type and items are the nested class's.
    const { type: _type, items: _items, ...bounds } = list ? openApiSchema(list.shape.schema) : {};
    const schema = list ? { ...bounds, isArray: true } : {};
    ApiProperty({ ...schema, type: () => nested, required: !field.optional, ...doc } as ApiPropertyOptions)(target, name);
    Validate(DomainFieldRule, [list ? list.shape : OBJECT])(target, name);
    ValidateNested({ each: list !== undefined })(target, name);
    Type(() => nested)(target, name);
  };

const OBJECT: Field<unknown> = { is: (v): v is object => typeof v === 'object' && v !== null && !Array.isArray(v), expected: 'an object', optional: false, schema: { type: 'object' } };

/** Examples the document gives a kind of field wherever a body does not give its own. */
const KIND_DOCS = new Map<FieldSchema, FieldDoc>([
  [isoDate.schema, { example: '2026-02-09' }],
  [isoDateTime.schema, { example: '2026-02-17T09:00:00+08:00' }],
  [regionCode.schema, { description: 'Kemendagri region code: NN (province) or NN.NN (regency or city)', example: '65.03' }],
  [country.schema, { description: 'ISO 3166-1 alpha-2', example: 'MY' }],
  [amount.schema, { description: 'Whole rupiah', example: 45_000_000 }],
]);

const PERSON_DOCS: { readonly [K in keyof typeof PERSON_IDENTITY]?: FieldDoc } = {
  fullName: { example: 'Siti Aminah' },
  otherNames: { description: 'Other names or aliases' },
  nik: { description: 'NIK: the 16-digit national identity number' },
  passportNumber: { description: 'Passport number' },
  phone: { description: 'Phone number' },
};

const nestedClasses = new Map<Spec, BodyClass<unknown>>();
/** One class per nested spec (a person's identity appears in several bodies, with one schema). */
const classOf = (spec: Spec, name: string): BodyClass<unknown> => {
  let made = nestedClasses.get(spec);
  if (!made) nestedClasses.set(spec, (made = dtoOf(`${name}Dto`, spec)));
  return made;
};

export type BodyClass<D> = new () => D;

/**
 * A class for `spec`, named `name` in the document; Nest's pipe checks a value of it with the spec
 * itself. A class extending it adds no field of its own (the pipe would not know that field).
 */
export const dtoOf = <S extends Spec>(name: string, spec: S, docs: { readonly [K in keyof S]?: FieldDoc } = {}, facts: Omit<BodyFacts, 'spec'> = {}): BodyClass<DataOf<S>> => {
  const made = { [name]: class {} }[name]!;
  for (const [key, field] of Object.entries(spec)) DomainField(field, docs[key])(made.prototype, key);
  if (facts.ruleInWords) ApiSchema({ description: facts.ruleInWords })(made);
  const all: BodyFacts = { spec, ...facts };
  Object.defineProperty(made, BODY, { value: all });
  DTO_CLASSES.set(name, all);
  return made as BodyClass<DataOf<S>>;
};

/** What every case command's body may carry besides its own fields. */
const OCCURRED_AT = {
  occurredAt: optional(isoDateTime),
} as const;
const OCCURRED_AT_DOC: FieldDoc = {
  description:
    'When the act really happened, when it is recorded later (a late entry). At most OCCURRED_AT_MAX_DAYS_BACK days back (30), ' +
    'not before the case was opened, not in the future beyond the clock skew. Absent: now. Clocks start and stop on it.',
  example: '2026-02-15T09:00:00+08:00',
};

const PERSON = objectOf(PERSON_IDENTITY, 'PersonIdentity');
// Made first, with the words its fields deserve: every body with an identity shares this schema.
nestedClasses.set(PERSON_IDENTITY, dtoOf('PersonIdentityDto', PERSON_IDENTITY, PERSON_DOCS));
type Person = DataOf<typeof PERSON_IDENTITY>;

/** A command's fields as the edge receives them: identities in clear, to be sealed by the handler. */
type InClear<S> = { readonly [K in keyof S]: S[K] extends Field<SealedValue, infer O> ? Field<Person, O> : S[K] };

const inClear = <S extends Spec>(spec: S): InClear<S> =>
  Object.fromEntries(Object.entries(spec).map(([key, field]) => [key, field.sealed ? { ...PERSON, optional: field.optional } : field])) as InClear<S>;

const without = <S extends Spec, K extends keyof S>(spec: S, fromServer: readonly K[]): Spec & Omit<S, K> =>
  Object.fromEntries(Object.entries(spec).filter(([key]) => !(fromServer as readonly string[]).includes(key))) as Spec & Omit<S, K>;

type CaseSpec<T extends CaseCommandType> = (typeof CASE_COMMAND_SPECS)[T];
/** DataOf, checked when the spec is known (a spec made generically cannot be proven one until then). */
type DataOfSpec<S> = S extends Spec ? DataOf<S> : never;

/**
 * The body of case command `type`: its fields but those the server fills in (the case id always),
 * with an identity in clear, and `occurredAt`. The class is named `<type>Dto` in the document.
 */
export const caseCommandBody = <T extends CaseCommandType, K extends Exclude<keyof CaseSpec<T>, 'caseId'> = never>(
  type: T,
  fromServer: readonly K[] = [],
  docs: { readonly [F in Exclude<keyof CaseSpec<T>, K | 'caseId'>]?: FieldDoc } = {},
): BodyClass<DataOfSpec<InClear<Omit<CaseSpec<T>, K | 'caseId'>> & typeof OCCURRED_AT>> => {
  const spec = { ...inClear(without(CASE_COMMAND_SPECS[type] as CaseSpec<T>, ['caseId', ...fromServer] as (K | 'caseId')[])), ...OCCURRED_AT };
  const rule = CASE_COMMAND_REFINEMENTS[type] as Refinement<never> | undefined;
  return dtoOf(`${type}Dto`, spec, { ...docs, occurredAt: OCCURRED_AT_DOC } as never, rule ? { rule } : {}) as never;
};

type InterceptionSpec<T extends InterceptionCommandType> = (typeof INTERCEPTION_COMMANDS)[T];

/** The body of an interception report command: its fields but the report id, which the server mints. */
export const interceptionCommandBody = <T extends InterceptionCommandType>(
  type: T,
  docs: { readonly [F in Exclude<keyof InterceptionSpec<T>, 'reportId'>]?: FieldDoc } = {},
  ruleInWords?: string,
): BodyClass<DataOfSpec<Omit<InterceptionSpec<T>, 'reportId'>>> => {
  const rule = INTERCEPTION_REFINEMENTS[type] as Refinement<never> | undefined;
  return dtoOf(`${type}Dto`, without(INTERCEPTION_COMMANDS[type], ['reportId']), docs as never, { ...(rule ? { rule } : {}), ...(ruleInWords ? { ruleInWords } : {}) }) as never;
};
