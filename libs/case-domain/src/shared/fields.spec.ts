import { id, isIsoDate, isIsoDateTime, problemsOf } from './fields';

/** The rule before the fast paths: the shape, a day that exists, and Date.parse can read it. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const reference = (v: string): boolean => {
  if (!ISO_DATE_TIME.test(v)) return false;
  const [year, month, day] = [Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10))];
  const exists = month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  return exists && !Number.isNaN(Date.parse(v));
};

describe('date-time fields: the fast path for the common form refuses and accepts what Date.parse does', () => {
  const days = ['2026-02-10', '2026-02-28', '2026-02-29', '2028-02-29', '2100-02-29', '2000-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '9999-12-31'];
  const times = ['00:00:00', '23:59:59', '24:00:00', '24:00:01', '23:60:00', '23:59:60', '12:30:45', '99:99:99'];
  const tails = ['.000Z', '.123Z', 'Z', '.1Z', '.123456789Z', '+07:00', '-03:30', '.500+25:00', '.000z', '.0000Z'];
  const values = days.flatMap((d) => times.flatMap((t) => tails.map((z) => `${d}T${t}${z}`)));

  it.each(values)('%s', (v) => expect(isIsoDateTime(v)).toBe(reference(v)));

  it('refuses what is not a string or not a date-time at all', () => {
    for (const v of [undefined, null, 20260210, '', 'next week', '2026-02-10', ' 2026-02-10T00:00:00.000Z']) expect(isIsoDateTime(v)).toBe(false);
  });

  it('dates: a day that does not exist is refused', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
  });
});

describe('problemsOf: fields the spec does not know', () => {
  const spec = { caseId: id };

  it('names an own unknown field, in the order of the payload', () => {
    expect(problemsOf({ b: 1, caseId: 'c', a: 2 }, spec)).toEqual(['b is not allowed', 'a is not allowed']);
  });

  it('ignores what the payload inherits: only its own fields are the payload', () => {
    const payload = Object.assign(Object.create({ inherited: true }) as object, { caseId: 'c' });
    expect(problemsOf(payload, spec)).toEqual([]);
  });
});
