import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ProblemException } from '../errors/problem';
import { getMetadataStorage, type ValidationArguments, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { memoizeValidationMetadata, validationMetadataEpoch } from './validation-metadata-cache';

/** A class's rules as one function: `true` only when class-validator would find no error. */
export type Check = (object: object) => boolean;

interface Constraint {
  readonly validate: (value: unknown, args: ValidationArguments) => unknown;
}

interface PropertyRules {
  readonly property: string;
  readonly conditions: readonly ((object: object, value: unknown) => boolean)[];
  readonly checks: readonly { readonly metadata: ValidationMetadata; readonly constraints: readonly Constraint[] }[];
  readonly nested: ValidationMetadata | undefined;
}

type Storage = {
  getTargetValidationMetadatas(target: unknown, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]): ValidationMetadata[];
  groupByPropertyName(metadatas: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
  getTargetValidatorConstraints(target: unknown): { async: boolean; instance: Constraint }[];
};

/** Options the compiled checks reproduce; with any other (groups, skipping, stripping), class-validator runs alone. */
const supported = (options: ValidatorOptions): boolean =>
  options.whitelist === true &&
  options.forbidNonWhitelisted === true &&
  !options.groups?.length &&
  !options.always &&
  !options.strictGroups &&
  !options.skipMissingProperties &&
  !options.skipNullProperties &&
  !options.skipUndefinedProperties &&
  !options.stopAtFirstError;

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

const elementsOf = (value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] =>
  Array.isArray(value) ? value : [...value.values()];

/**
 * class-validator's rules for a DTO, turned into one function per class. class-validator interprets
 * its metadata on every call: it looks up and groups the class's rules, filters them by kind four
 * times per property, builds an error object per property whether or not it fails, and goes through
 * promises. On the command path that was ~6% of the API's event loop.
 *
 * The compiled check calls the very constraint objects class-validator would (`IsString`,
 * `Matches`, our own `Validate` classes…) with the same arguments, in the same order of decisions
 * (whitelist, conditions such as `IsOptional`, `each`, nested objects, unknown classes). It only
 * answers "valid": whenever it says no, or meets what it does not reproduce (an async rule, a
 * promise, `IsDefined`, groups), the caller runs class-validator, which then writes the errors.
 * So an invalid body is always described by class-validator itself, and a valid one skips it. A
 * differential test compares the two on thousands of generated bodies for every DTO.
 */
export class CompiledValidation {
  /** Per class, per schema ('' at the top; a nested object is looked up with its parent's name). */
  private readonly compiled = new Map<unknown, Map<string, Check | null>>();
  private readonly storage = getMetadataStorage() as unknown as Storage;
  private epoch: number;

  /**
   * @param forbidUnknownValues as class-validator's option (its default is true; Nest's pipe makes it
   *   false): whether an object of a class without any rule is an error.
   */
  constructor(private readonly forbidUnknownValues: boolean) {
    // Registrations must be seen: a class loaded later clears what was compiled.
    memoizeValidationMetadata();
    this.epoch = validationMetadataEpoch();
  }

  /** The check for a class, or `null` when its rules use something the compiled form does not cover. */
  checkFor(target: unknown, schema?: string): Check | null {
    if (this.epoch !== validationMetadataEpoch()) {
      this.compiled.clear();
      this.epoch = validationMetadataEpoch();
    }
    let bySchema = this.compiled.get(target);
    if (bySchema === undefined) this.compiled.set(target, (bySchema = new Map()));
    const key = schema ?? '';
    if (bySchema.has(key)) return bySchema.get(key)!;
    // Compiling looks at this class's own rules only; a nested class is compiled when a value meets it.
    const check = this.compile(target, schema);
    bySchema.set(key, check);
    return check;
  }

  private compile(target: unknown, schema: string | undefined): Check | null {
    const metadatas = this.storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
    if (metadatas.length === 0) {
      // forbidUnknownValues: an error; otherwise whitelisting still forbids every own property.
      return this.forbidUnknownValues ? () => false : (object) => Object.keys(object).length === 0;
    }
    const grouped = this.storage.groupByPropertyName(metadatas);
    const rules: PropertyRules[] = [];
    for (const [property, all] of Object.entries(grouped)) {
      const conditions: PropertyRules['conditions'][number][] = [];
      const checks: { metadata: ValidationMetadata; constraints: Constraint[] }[] = [];
      let nested: ValidationMetadata | undefined;
      for (const metadata of all) {
        switch (metadata.type) {
          case 'whitelistValidation':
            break;
          case 'conditionalValidation':
            conditions.push(metadata.constraints[0] as PropertyRules['conditions'][number]);
            break;
          case 'nestedValidation':
            nested = metadata;
            break;
          case 'customValidation': {
            const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
            if (constraints.some((c) => c.async)) return null;
            checks.push({ metadata, constraints: constraints.map((c) => c.instance) });
            break;
          }
          default:
            // isDefined, promiseValidation and anything newer: class-validator decides.
            return null;
        }
      }
      rules.push({ property, conditions, checks, nested });
    }
    const allowed = new Set(Object.keys(grouped).filter((property) => grouped[property]!.length > 0));
    return (object) => {
      // whitelist + forbidNonWhitelisted: an own property without rules is an error.
      for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
      for (const rule of rules) {
        const value = (object as Record<string, unknown>)[rule.property];
        if (value instanceof Promise) return false;
        let applies = true;
        for (const condition of rule.conditions) applies = condition(object, value) && applies;
        if (!applies) continue;
        for (const { metadata, constraints } of rule.checks) {
          if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
          const args: ValidationArguments = {
            targetName: (object.constructor as { name?: string } | undefined)?.name ?? '',
            property: metadata.propertyName,
            object,
            value,
            constraints: metadata.constraints,
          };
          const values = metadata.each && isCollection(value) ? elementsOf(value) : [value];
          for (const constraint of constraints) {
            for (const each of values) {
              const valid = constraint.validate(each, args);
              if (!valid || valid instanceof Promise) return false;
            }
          }
        }
        if (rule.nested && !this.nestedValid(value, rule.nested)) return false;
      }
      return true;
    };
  }

  /** class-validator's nestedValidations: collections element by element, objects by their own class. */
  private nestedValid(value: unknown, metadata: ValidationMetadata): boolean {
    if (value === undefined) return true;
    if (isCollection(value)) {
      for (const element of elementsOf(value)) if (!this.nestedValid(element, metadata)) return false;
      return true;
    }
    if (!(value instanceof Object) || typeof value.constructor !== 'function') return false;
    const schema = typeof metadata.target === 'string' ? metadata.target : metadata.target.name;
    const check = this.checkFor(value.constructor, schema);
    return check !== null && check(value);
  }
}

/**
 * Nest's ValidationPipe (class-transformer, then class-validator, the errors through its exception
 * factory) with the compiled checks in front: a body they find valid skips class-validator; any
 * other goes through it unchanged, errors and all.
 */
export class CompiledValidationPipe extends ValidationPipe {
  /** By forbidUnknownValues: Nest itself validates with it on to find out whether a class has rules. */
  private readonly compiledChecks = { forbidding: new CompiledValidation(true), allowing: new CompiledValidation(false) };

  /**
   * A route that takes a body needs one, even when none of its fields is required: no body at all is
   * refused (send `{}`), as the OpenAPI document says, rather than read as an empty one.
   */
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value === undefined && this.toValidate(metadata)) {
      throw new ProblemException(400, 'BODY_REQUIRED', 'The request has no body', 'This route takes a JSON body: send {} when there is nothing to add');
    }
    return super.transform(value, metadata);
  }

  protected override validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    if (validatorOptions && supported(validatorOptions) && typeof object.constructor === 'function') {
      // class-validator's default for forbidUnknownValues is true.
      const checks = validatorOptions.forbidUnknownValues === false ? this.compiledChecks.allowing : this.compiledChecks.forbidding;
      const check = checks.checkFor(object.constructor);
      if (check?.(object)) return [];
    }
    return super.validate(object, validatorOptions);
  }
}
