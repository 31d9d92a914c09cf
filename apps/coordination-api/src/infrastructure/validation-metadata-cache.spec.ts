import 'reflect-metadata';
import { IsInt, IsOptional, IsString, MaxLength, registerDecorator, validateSync, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import { memoizeValidationMetadata } from './validation-metadata-cache';

class Inner {
  @IsInt()
  count!: number;
}

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Outer extends Base {
  @ValidateNested()
  @Type(() => Inner)
  inner!: Inner;

  @IsOptional()
  @IsString({ groups: ['strict'] })
  note?: string;
}

const errorsOf = (plain: object, groups?: string[]) =>
  validateSync(plainToInstance(Outer, plain), { whitelist: true, forbidNonWhitelisted: true, ...(groups ? { groups } : {}) })
    .map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}:${e.children?.length ?? 0}`)
    .sort();

describe('memoizeValidationMetadata', () => {
  const cases: [object, string[] | undefined][] = [
    [{ name: 'ok', inner: { count: 1 } }, undefined],
    [{ name: 'too long', inner: { count: 'x' } }, undefined],
    [{ name: 3, inner: { count: 1 }, extra: true }, undefined],
    [{ name: 'ok', inner: { count: 1 }, note: 7 }, ['strict']],
    [{ name: 'ok', inner: { count: 1 }, note: 7 }, undefined],
  ];
  const before = cases.map(([plain, groups]) => errorsOf(plain, groups));

  beforeAll(() => {
    memoizeValidationMetadata();
    memoizeValidationMetadata();
  });

  it('gives the same verdicts as without the cache, twice in a row', () => {
    expect(cases.map(([plain, groups]) => errorsOf(plain, groups))).toEqual(before);
    expect(cases.map(([plain, groups]) => errorsOf(plain, groups))).toEqual(before);
    expect(before[0]).toEqual([]);
    expect(before[1]).toEqual(['inner::1', 'name:maxLength:0']);
  });

  it('sees the rules of a class defined after the cache was installed', () => {
    class Later extends Base {
      @IsInt()
      size!: number;
    }
    const problems = validateSync(plainToInstance(Later, { name: 'a', size: 'big' })).map((e) => e.property);
    expect(problems).toEqual(['size']);
    // And a subclass added later does not change what its base resolves to.
    expect(validateSync(plainToInstance(Base, { name: 'a' }))).toEqual([]);
  });

  it('forgets what it resolved when a rule is registered later, even on a class already validated', () => {
    expect(validateSync(plainToInstance(Base, { name: 'nope' }))).toEqual([]);
    registerDecorator({ name: 'notNope', target: Base, propertyName: 'name', validator: { validate: (value: unknown) => value !== 'nope' } });
    expect(validateSync(plainToInstance(Base, { name: 'nope' })).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['notNope']]);
  });
});
