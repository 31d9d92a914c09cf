import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { problemsOf } from '@tppo/case-domain';
import { OPEN_CASE, SAMPLE_BODIES } from '../../../../test/support/sample-bodies';
import { sampleInterception } from '../../../../libs/case-domain/src/interception/interception.fixtures';
import { VALIDATION } from '../app.factory';
import { bodyFactsOf, DTO_CLASSES } from '../cases/dto/body';
import { CaseParams } from '../cases/dto/params';
import * as closure from '../cases/closure/closure.dto';
import * as handoff from '../cases/handoff/handoff.dto';
import * as intake from '../cases/intake/intake.dto';
import * as interception from '../cases/interception/interception.dto';
import * as justice from '../cases/justice/justice.dto';
import * as privacy from '../cases/privacy/privacy.dto';
import * as referral from '../cases/referral/referral.dto';
import * as services from '../cases/services/services.dto';
import { ProblemException } from '../errors/problem';
import { DomainValidationPipe } from './domain-validation-pipe';

const BODIES = { ...closure, ...handoff, ...intake, ...interception, ...justice, ...privacy, ...referral, ...services } as Record<string, new () => object>;
const { reportId: _reportId, ...INTERCEPTION } = sampleInterception().data;
const VALID: Record<string, object> = { ...SAMPLE_BODIES, OpenCase: OPEN_CASE, ReportDepartureInterception: INTERCEPTION };

/** A small deterministic generator (mulberry32): the same bodies on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ODD_VALUES: unknown[] = [
  null, undefined, '', ' ', 'x', 'a\u0000b', 'x'.repeat(201), 'x'.repeat(4001), 0, -1, 1, 1.5, 1e16, true, [], [null], ['x', 'x'],
  {}, { fullName: 'Rina' }, { fullName: '' }, { sex: 'FEMALE', ageBand: '18-24', count: 0 }, '2026-02-30', '2026-02-10', '2026-02-10T09:00:00+08:00',
  '65.03', '6', 'MY', 'my', 'uptd-ppa-nunukan', '-bad', 'GRANTED', 'FEMALE',
];

/** Bodies near a valid one: a field dropped, changed to an odd value, or one added; nested values too. */
const mutations = (valid: Record<string, unknown>, next: () => number, count: number): unknown[] => {
  const keys = Object.keys(valid);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const out: unknown[] = [valid];
  for (let i = 0; i < count; i += 1) {
    const body: Record<string, unknown> = structuredClone(valid);
    const roll = next();
    if (roll < 0.2 && keys.length > 0) delete body[pick(keys)];
    else if (roll < 0.3) body[pick(['extra', 'caseId', 'constructor', 'identity', 'occurredAt'])] = pick(ODD_VALUES);
    else if (roll < 0.45) {
      const nested = Object.entries(body).find(([, v]) => typeof v === 'object' && v !== null);
      if (nested) {
        const inner = Array.isArray(nested[1]) ? nested[1][0] : nested[1];
        if (inner && typeof inner === 'object') (inner as Record<string, unknown>)[pick([...Object.keys(inner), 'extra'])] = pick(ODD_VALUES);
      }
    } else if (keys.length > 0) body[pick(keys)] = pick(ODD_VALUES);
    out.push(body);
  }
  return out;
};

const verdict = async (pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata): Promise<'valid' | string> => {
  try {
    await pipe.transform(value, metadata);
    return 'valid';
  } catch (error) {
    if (error instanceof ProblemException) return `${error.status}`;
    throw error;
  }
};

describe('the validation of bodies made from the domain’s specs', () => {
  const withShortcut = new DomainValidationPipe(VALIDATION);
  const classValidatorOnly = new ValidationPipe(VALIDATION);

  it('covers every command body, and each is a class made from a spec', () => {
    const names = Object.keys(BODIES).map((name) => name.replace(/Dto$/, '')).sort();
    expect(names).toEqual(Object.keys(VALID).sort());
    for (const type of Object.values(BODIES)) expect(bodyFactsOf(type)).toBeDefined();
    expect(DTO_CLASSES.has('PersonIdentityDto')).toBe(true);
  });

  it.each(Object.keys(VALID).sort())('%s: the shortcut and class-validator give the same verdict on 300 bodies near a valid one', async (type) => {
    const metatype = BODIES[`${type}Dto`]!;
    const { spec } = bodyFactsOf(metatype)!;
    const metadata: ArgumentMetadata = { type: 'body', metatype };
    const next = random([...type].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
    let valid = 0;
    for (const body of mutations(VALID[type] as Record<string, unknown>, next, 300)) {
      const fromSpec = problemsOf(body, spec).length === 0 ? 'valid' : '400';
      const [shortcut, plain] = [await verdict(withShortcut, body, metadata), await verdict(classValidatorOnly, body, metadata)];
      expect({ body, shortcut, plain }).toEqual({ body, shortcut: fromSpec, plain: fromSpec });
      if (fromSpec === 'valid') valid += 1;
    }
    // The valid sample itself, at least, and some invalid ones: the comparison saw both kinds.
    expect(valid).toBeGreaterThanOrEqual(1);
    expect(valid).toBeLessThan(301);
  });

  it('names the field inside a nested object that is wrong', async () => {
    const metadata: ArgumentMetadata = { type: 'body', metatype: BODIES['RegisterVictimDto'] };
    const body = { ...(VALID['RegisterVictim'] as object), identity: { fullName: 'Rina', nik: '12' } };
    const error = await withShortcut.transform(body, metadata).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemException);
    expect(JSON.stringify((error as ProblemException).errors)).toContain('identity.nik');
  });

  it('refuses null for an optional field: optional means left out', async () => {
    const metadata: ArgumentMetadata = { type: 'body', metatype: BODIES['CompleteReferralDto'] };
    await expect(withShortcut.transform({ outcome: null }, metadata)).rejects.toBeInstanceOf(ProblemException);
    await expect(withShortcut.transform({}, metadata)).resolves.toEqual({});
  });

  it('checks path parameters with the same shortcut', async () => {
    const metadata: ArgumentMetadata = { type: 'param', metatype: CaseParams };
    await expect(withShortcut.transform({ caseId: 'case-1' }, metadata)).resolves.toEqual({ caseId: 'case-1' });
    await expect(withShortcut.transform({ caseId: '-no' }, metadata)).rejects.toBeInstanceOf(ProblemException);
  });
});
