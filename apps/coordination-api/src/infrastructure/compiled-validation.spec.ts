import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- class-transformer's metadata store has types but no typed entry point
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
import { getMetadataStorage, IsDefined, IsInt, IsOptional, IsString, Validate, ValidateIf, ValidateNested, ValidatorConstraint, validate, type ValidationError } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { Type } from 'class-transformer';
import { AppModule } from '../app.module';
import { VALIDATION } from '../app.factory';
import { CompiledValidation, CompiledValidationPipe } from './compiled-validation';

/**
 * With the API's own options, the pipe with compiled checks must answer exactly as Nest's
 * ValidationPipe does (the same instance, or the same errors) for every DTO, and skip
 * class-validator for every valid body. Bodies are generated from each class's own rules (enum
 * values, nested classes, lists) and a pool of values that pass or break the field kinds (ids,
 * region codes, dates, text, amounts).
 */
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false } } as const;

type Storage = {
  validationMetadatas: Map<unknown, ValidationMetadata[]>;
  getTargetValidationMetadatas(target: unknown, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): ValidationMetadata[];
  groupByPropertyName(metadatas: ValidationMetadata[]): Record<string, ValidationMetadata[]>;
};
const storage = getMetadataStorage() as unknown as Storage;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const POOL: unknown[] = [
  'abc',
  'uptd-ppa-nunukan',
  'polres-nunukan',
  randomUUID(),
  '65.03',
  '65',
  '6.503',
  'MY',
  'ID',
  'my',
  '2026-02-09',
  '2026-02-30',
  '2026-02-17T09:00:00+08:00',
  '2026-02-17T09:00:00',
  '',
  ' ',
  'a\u0001b',
  'line\nbreak',
  'x'.repeat(129),
  'x'.repeat(4001),
  'Siti Aminah',
  '5310014104990001',
  'LP/B/12/II/2026/SPKT',
  0,
  1,
  -1,
  1.5,
  45_000_000,
  1e15,
  1e16,
  true,
  false,
  null,
  [],
  ['abc'],
  ['abc', 'abc'],
  [1],
  {},
  { nested: true },
  { sex: 'FEMALE' },
];

interface ClassModel {
  readonly target: new () => object;
  readonly properties: readonly { readonly name: string; readonly optional: boolean; readonly candidates: readonly ((depth: number) => unknown)[] }[];
}

const models = new Map<unknown, ClassModel>();

const modelOf = (target: new () => object): ClassModel => {
  const known = models.get(target);
  if (known) return known;
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false));
  const properties = Object.entries(grouped).map(([name, metadatas]) => {
    const candidates: ((depth: number) => unknown)[] = POOL.map((value) => () => structuredClone(value));
    const enumValues = metadatas.find((m) => m.name === 'isIn')?.constraints[0] as unknown[] | undefined;
    const each = metadatas.some((m) => m.name === 'isIn' && m.each);
    if (enumValues) {
      for (const value of enumValues) candidates.push(() => (each ? [value] : value));
      if (each) {
        candidates.push(() => [...enumValues]);
        candidates.push(() => enumValues.slice(0, 2));
        candidates.push(() => [enumValues[0], enumValues[0]]);
        candidates.push(() => [enumValues[0], 'NOT_A_VALUE']);
      }
    }
    const type = defaultMetadataStorage.findTypeMetadata(target, name);
    if (type) {
      const nested = type.typeFunction() as new () => object;
      const list = metadatas.some((m) => m.name === 'isArray');
      candidates.push((depth) => (list ? [plainOf(nested, depth + 1)] : plainOf(nested, depth + 1)));
      candidates.push((depth) => (list ? [plainOf(nested, depth + 1), plainOf(nested, depth + 1)] : plainOf(nested, depth + 1)));
      candidates.push((depth) => (list ? [plainOf(nested, depth + 1), 'x'] : [plainOf(nested, depth + 1)]));
    }
    return { name, optional: metadatas.some((m) => m.type === 'conditionalValidation'), candidates };
  });
  const model = { target, properties };
  models.set(target, model);
  return model;
};

let next = random(20261205);

/** Each property's candidates that class-validator accepts for that property alone. */
const validCandidates = new Map<string, ((depth: number) => unknown)[]>();

const plainOf = (target: new () => object, depth = 0): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  for (const property of modelOf(target).properties) {
    if (next() < (property.optional ? 0.3 : 0.04) || depth > 3) continue;
    const valid = validCandidates.get(`${target.name}.${property.name}`) ?? [];
    const from = valid.length > 0 && next() < 0.9 ? valid : property.candidates;
    body[property.name] = from[Math.floor(next() * from.length)]!(depth);
  }
  if (next() < 0.03) body['unexpected'] = 'field';
  return body;
};

const errorsFor = async (target: new () => object, plain: object): Promise<ValidationError[]> => validate(plainToInstance(target, plain), OPTIONS);

const propertyErrors = (errors: readonly ValidationError[], property: string) => errors.some((e) => e.property === property);

/** Every class the API validates: all classes with class-validator rules once the app's modules are loaded. */
const dtoClasses = (): (new () => object)[] => {
  expect(AppModule).toBeDefined();
  return [...storage.validationMetadatas.keys()].filter((target): target is new () => object => typeof target === 'function' && /Dto|Query|Params|Body/.test(target.name));
};

describe('CompiledValidation', () => {
  const compiled = new CompiledValidation(true);

  it('compiles every DTO of the API (none falls back to class-validator for good)', () => {
    const classes = dtoClasses();
    expect(classes.length).toBeGreaterThan(40);
    for (const target of classes) expect([target.name, compiled.checkFor(target)]).toEqual([target.name, expect.any(Function)]);
  });

  it("answers as Nest's ValidationPipe on generated bodies for every DTO, and skips class-validator for the valid ones", async () => {
    const classes = dtoClasses();
    // Learn which pool values each property accepts on its own, then generate mostly from those.
    for (const target of classes) {
      for (const property of modelOf(target).properties) {
        const valid: ((depth: number) => unknown)[] = [];
        for (const candidate of property.candidates) {
          if (!propertyErrors(await errorsFor(target, { [property.name]: candidate(0) }), property.name)) valid.push(candidate);
        }
        validCandidates.set(`${target.name}.${property.name}`, valid);
      }
    }
    next = random(20261205);
    const reference = new ValidationPipe(VALIDATION);
    const pipe = new CompiledValidationPipe(VALIDATION);
    const classValidatorRuns = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
    const outcome = (answer: Promise<unknown>) =>
      answer.then(
        (value) => ({ valid: true, type: (value as object).constructor.name, value: JSON.stringify(value) }),
        (error: unknown) => ({ valid: false, problem: JSON.stringify(error) }),
      );
    const disagreements: string[] = [];
    const seen = new Map<string, { valid: number; invalid: number }>();
    for (const target of classes) {
      const counts = { valid: 0, invalid: 0 };
      seen.set(target.name, counts);
      for (let i = 0; i < 300; i += 1) {
        const plain = plainOf(target);
        const metadata = { type: 'body', metatype: target, data: '' } as const;
        const expected = await outcome(reference.transform(structuredClone(plain), metadata));
        const runsBefore = classValidatorRuns.mock.calls.length;
        const actual = await outcome(pipe.transform(structuredClone(plain), metadata));
        const ranClassValidator = classValidatorRuns.mock.calls.length > runsBefore;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) disagreements.push(`${target.name} ${JSON.stringify(plain)}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
        if (expected.valid && ranClassValidator) disagreements.push(`${target.name} ${JSON.stringify(plain)}: valid, but class-validator ran`);
        counts[expected.valid ? 'valid' : 'invalid'] += 1;
      }
    }
    classValidatorRuns.mockRestore();
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The comparison means something only if both answers were seen for every class.
    expect([...seen].filter(([, counts]) => counts.valid === 0 || counts.invalid === 0)).toEqual([]);
  });

  describe('on hand-made classes', () => {
    @ValidatorConstraint({ name: 'even' })
    class Even {
      validate = (value: unknown) => typeof value === 'number' && value % 2 === 0;
    }
    class Leaf {
      @IsInt()
      n!: number;
    }
    class Tree {
      @IsString()
      name!: string;

      @IsOptional()
      @Validate(Even)
      even?: number;

      @ValidateIf((o: Tree) => o.name === 'checked')
      @IsInt()
      onlyWhenChecked?: unknown;

      @IsOptional()
      @ValidateNested({ each: true })
      @Type(() => Leaf)
      leaves?: Leaf[];

      @IsOptional()
      @ValidateNested()
      @Type(() => Tree)
      child?: Tree;
    }
    class WithIsDefined {
      @IsDefined()
      x!: unknown;
    }
    const check = (plain: object) => compiled.checkFor(Tree)!(plainToInstance(Tree, plain));

    it('accepts what class-validator accepts', () => {
      expect(check({ name: 'a' })).toBe(true);
      expect(check({ name: 'a', even: 4, leaves: [{ n: 1 }, { n: 2 }], child: { name: 'b', child: { name: 'c' } } })).toBe(true);
      expect(check({ name: 'a', onlyWhenChecked: 'not an int' })).toBe(true);
    });

    it('refuses unknown fields, failed rules, bad nested objects and lists, and conditions that apply', () => {
      expect(check({ name: 'a', extra: 1 })).toBe(false);
      expect(check({ name: 1 })).toBe(false);
      expect(check({ name: 'a', even: 3 })).toBe(false);
      expect(check({ name: 'checked', onlyWhenChecked: 'x' })).toBe(false);
      expect(check({ name: 'a', leaves: [{ n: 1 }, { n: 'x' }] })).toBe(false);
      expect(check({ name: 'a', leaves: [{ n: 1 }, 5] })).toBe(false);
      expect(check({ name: 'a', child: 'not an object' })).toBe(false);
      expect(check({ name: 'a', child: { name: 'b', child: { name: 2 } } })).toBe(false);
      expect(check({ name: 'a', child: { name: 'b', extra: true } })).toBe(false);
    });

    it('leaves to class-validator the rules it does not reproduce', () => {
      expect(compiled.checkFor(WithIsDefined)).toBeNull();
    });

    it('takes a class without rules for an error with forbidUnknownValues, and as valid without it when it has no field', () => {
      class Empty {}
      expect(compiled.checkFor(Empty)!(new Empty())).toBe(false);
      const allowing = new CompiledValidation(false);
      expect(allowing.checkFor(Empty)!(new Empty())).toBe(true);
      expect(allowing.checkFor(Empty)!(Object.assign(new Empty(), { x: 1 }))).toBe(false);
    });

    it('sees rules registered after it compiled a class', () => {
      class Late {
        @IsString()
        a!: string;
      }
      expect(compiled.checkFor(Late)!(plainToInstance(Late, { a: 'x', b: 1 }))).toBe(false);
      IsString()(Late.prototype, 'b');
      expect(compiled.checkFor(Late)!(plainToInstance(Late, { a: 'x', b: 'y' }))).toBe(true);
    });
  });
});

describe('CompiledValidationPipe', () => {
  class Body {
    @IsString()
    name!: string;
  }
  const pipe = new CompiledValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const metadata = { type: 'body', metatype: Body, data: '' } as const;

  it('returns an instance of the class for a valid body, without running class-validator', async () => {
    const classValidatorRuns = jest.spyOn(ValidationPipe.prototype as unknown as { validate: () => unknown }, 'validate');
    const value = await pipe.transform({ name: 'x' }, metadata);
    expect(value).toBeInstanceOf(Body);
    expect(value).toEqual({ name: 'x' });
    expect(classValidatorRuns).not.toHaveBeenCalled();
    classValidatorRuns.mockRestore();
  });

  it("reports an invalid body with class-validator's own errors", async () => {
    const failure = await pipe.transform({ name: 1, other: 2 }, metadata).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestException);
    expect((failure as BadRequestException).getResponse()).toMatchObject({
      message: expect.arrayContaining(['property other should not exist', 'name must be a string']),
    });
  });
});
