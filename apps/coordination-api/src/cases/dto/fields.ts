import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  ValidateIf,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isIsoDate, isIsoDateTime } from '@tppo/case-domain';

/**
 * One decorator per kind of field, each carrying both the class-validator rule and the OpenAPI
 * schema, so a DTO reads as a list of fields and the document cannot disagree with the check.
 * The rules mirror the case domain's field specs (libs/case-domain/src/shared/fields.ts); the
 * domain checks again, so a gap here is a 400 from the domain, never a bad event.
 */
interface FieldOptions {
  readonly optional?: boolean;
  readonly description?: string;
  readonly example?: unknown;
}

/**
 * An optional field may be left out, never sent as null: the schema does not say nullable, and a
 * null that slipped through would reach the domain as "absent" (an occurredAt of null became now).
 * class-validator's IsOptional skips both, so this skips only undefined.
 */
export const MayBeAbsent = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

const property = (options: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator =>
  options.optional
    ? applyDecorators(ApiPropertyOptional({ ...schema, description: options.description, example: options.example } as ApiPropertyOptions), MayBeAbsent())
    : ApiProperty({ ...schema, description: options.description, example: options.example } as ApiPropertyOptions);

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2})?$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export const TEXT_MAX = 4000;
/** Free text must say something, and stay on one line of the log when it is logged at all. */
const NOT_BLANK = /\S/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
/** Both rules above as one pattern for the OpenAPI document: one visible character, no control characters. */
const TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
/** Sums in whole rupiah; the largest restitution ever ordered is far below 10^15. */
const AMOUNT_MAX = 1_000_000_000_000_000;

export const IdField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    property(options, { type: String, pattern: ID_PATTERN.source, maxLength: 128 }),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must be an id (letters, digits, . _ : -; at most 128)' }),
  );

export const TextField = (options: FieldOptions & { readonly maxLength?: number } = {}): PropertyDecorator => {
  const maxLength = options.maxLength ?? TEXT_MAX;
  return applyDecorators(
    property(options, { type: String, minLength: 1, maxLength, pattern: TEXT_PATTERN }),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    Matches(NOT_BLANK, { message: '$property must not be blank' }),
    Matches(NO_CONTROL_CHARS, { message: '$property must not contain control characters other than tab and line breaks' }),
  );
};

export const EnumField = (values: readonly string[], options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(property(options, { type: String, enum: [...values] }), IsIn([...values], { message: `$property must be one of ${values.join(', ')}` }));

export const EnumListField = (values: readonly string[], options: FieldOptions & { readonly minItems?: number } = {}): PropertyDecorator => {
  const minItems = options.minItems ?? 0;
  return applyDecorators(
    property(options, { type: String, enum: [...values], isArray: true, minItems, maxItems: values.length, uniqueItems: true } as ApiPropertyOptions),
    IsArray(),
    ArrayMinSize(minItems),
    ArrayMaxSize(values.length),
    ArrayUnique(),
    IsIn([...values], { each: true, message: `each value of $property must be one of ${values.join(', ')}` }),
  );
};

export const IdListField = (options: FieldOptions & { readonly maxItems?: number } = {}): PropertyDecorator => {
  const maxItems = options.maxItems ?? 100;
  return applyDecorators(
    property(options, { type: String, isArray: true, maxItems, uniqueItems: true, pattern: ID_PATTERN.source } as ApiPropertyOptions),
    IsArray(),
    ArrayMaxSize(maxItems),
    ArrayUnique(),
    IsString({ each: true }),
    Matches(ID_PATTERN, { each: true, message: 'each value of $property must be an id' }),
  );
};

export const RegionCodeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    property({ example: '65.03', ...options }, { type: String, pattern: REGION_CODE_PATTERN.source, description: options.description ?? 'Kemendagri region code: NN (province) or NN.NN (regency or city)' }),
    IsString(),
    Matches(REGION_CODE_PATTERN, { message: '$property must be a region code NN or NN.NN' }),
  );

export const CountryField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(
    property({ example: 'MY', ...options }, { type: String, pattern: COUNTRY_PATTERN.source, description: options.description ?? 'ISO 3166-1 alpha-2' }),
    IsString(),
    Matches(COUNTRY_PATTERN, { message: '$property must be an ISO 3166 alpha-2 country code' }),
  );

@ValidatorConstraint({ name: 'isoDate' })
class IsIsoDateConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown): boolean => isIsoDate(value);
  defaultMessage = (): string => '$property must be a date that exists, as YYYY-MM-DD';
}

@ValidatorConstraint({ name: 'isoDateTime' })
class IsIsoDateTimeConstraint implements ValidatorConstraintInterface {
  validate = (value: unknown): boolean => isIsoDateTime(value);
  defaultMessage = (): string => '$property must be an ISO-8601 date-time with an offset, e.g. 2026-02-10T09:00:00+08:00';
}

export const DateField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(property({ example: '2026-02-09', ...options }, { type: String, format: 'date' }), Validate(IsIsoDateConstraint));

export const DateTimeField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(property({ example: '2026-02-17T09:00:00+08:00', ...options }, { type: String, format: 'date-time' }), Validate(IsIsoDateTimeConstraint));

export const BooleanField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(property(options, { type: Boolean }), IsBoolean());

/** Whole rupiah, > 0. */
export const AmountField = (options: FieldOptions = {}): PropertyDecorator =>
  applyDecorators(property({ example: 45_000_000, ...options }, { type: 'integer', minimum: 1, maximum: AMOUNT_MAX }), IsInt(), Min(1), Max(AMOUNT_MAX));

export const CountField = (options: FieldOptions & { readonly min?: number; readonly max?: number } = {}): PropertyDecorator => {
  const min = options.min ?? 0;
  const max = options.max ?? 1_000_000;
  return applyDecorators(property(options, { type: 'integer', minimum: min, maximum: max }), IsInt(), Min(min), Max(max));
};

/** A nested object validated by its own DTO class. */
export const NestedField = (type: () => new () => object, options: FieldOptions = {}): PropertyDecorator =>
  // Swagger recognises a lazy type only by the function's name being `type`, as an object literal gives it.
  applyDecorators(property(options, { type: () => type() }), ValidateNested(), Type(type));

/** A list of nested objects validated by their own DTO class. */
export const NestedListField = (type: () => new () => object, options: FieldOptions & { readonly minItems?: number; readonly maxItems?: number } = {}): PropertyDecorator =>
  applyDecorators(
    property(options, { type: () => type(), isArray: true, minItems: options.minItems ?? 0, maxItems: options.maxItems ?? 100 } as ApiPropertyOptions),
    IsArray(),
    ArrayMinSize(options.minItems ?? 0),
    ArrayMaxSize(options.maxItems ?? 100),
    ValidateNested({ each: true }),
    Type(type),
  );
