import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import { policeNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { caseStatisticsProjection, type CaseStatisticsRow } from './case-statistics.projection';
import { Tally, tabulate } from './tabulate';

const row = (over: Partial<CaseStatisticsRow>): CaseStatisticsRow => ({
  caseId: 'c', regionCode: '65.03', province: '65', year: '2026', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [], leadAgencyType: 'POLICE',
  victimRefs: [], childRefs: [], victimOrigins: {}, originRegionCodes: [], originProvinces: [], ...over,
});
const refs = (n: number) => Array.from({ length: n }, (_, i) => `v-${i}`);
const byValues = (r: CaseStatisticsRow, d: string): readonly string[] => {
  const v = r[d as keyof CaseStatisticsRow];
  return Array.isArray(v) ? v : [String(v)];
};

describe('statistics: counts of people, never a cell small enough to single someone out', () => {
  it('a case row holds its victims by ref: a redelivered registration counts nobody twice', () => {
    const events = eventsOf([c.openCase(policeNunukan), c.registerVictim(policeNunukan, { birthDate: '2010-04-01' }), c.registerVictim(policeNunukan, { subjectRef: 'victim-2', birthDate: '1990-01-01' })]);
    const once = projectAll(caseStatisticsProjection, events);
    expect(projectAll(caseStatisticsProjection, [...events, events[1]!])).toEqual(once);
    expect([...once.values()][0]).toMatchObject({ province: '65', year: '2026', victimRefs: ['victim-1', 'victim-2'], childRefs: ['victim-1'] });
  });

  it('withholds cells under 11 people and counts a case in each of its exploitation types', () => {
    const rows = [
      row({ caseId: 'a', victimRefs: refs(8), exploitationTypes: ['FORCED_LABOUR', 'SEXUAL_EXPLOITATION'] }),
      row({ caseId: 'b', victimRefs: refs(4) }),
      row({ caseId: 'c', province: '53', victimRefs: refs(3), exploitationTypes: ['SEXUAL_EXPLOITATION'] }),
    ];
    expect(tabulate(rows, ['province', 'exploitationTypes'], byValues, (r) => r.victimRefs.length)).toEqual([
      { group: { province: '53', exploitationTypes: 'SEXUAL_EXPLOITATION' }, people: null, suppressed: true },
      { group: { province: '65', exploitationTypes: 'FORCED_LABOUR' }, people: 12, suppressed: false },
      { group: { province: '65', exploitationTypes: 'SEXUAL_EXPLOITATION' }, people: null, suppressed: true },
    ]);
  });

  it('keeps the distinct regions and provinces its victims come from, for the store to filter on', () => {
    const events = eventsOf([
      c.openCase(policeNunukan),
      c.registerVictim(policeNunukan, { birthDate: '2010-04-01', originRegionCode: '53.71' }),
      c.registerVictim(policeNunukan, { subjectRef: 'victim-2', birthDate: '1990-01-01', originRegionCode: '53.12' }),
      c.registerVictim(policeNunukan, { subjectRef: 'victim-3', birthDate: '1990-01-01', originRegionCode: '53.71' }),
      c.registerVictim(policeNunukan, { subjectRef: 'victim-4', birthDate: '1990-01-01', originRegionCode: '35.78' }),
    ]);
    expect([...projectAll(caseStatisticsProjection, events).values()][0]).toMatchObject({ originRegionCodes: ['35.78', '53.12', '53.71'], originProvinces: ['35', '53'] });
  });

  it('counts the same cells from rows given a batch at a time as from all of them at once, withholding on the whole count', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row({ caseId: `c-${i}`, province: i % 3 === 0 ? '53' : '65', victimRefs: refs(1 + (i % 2)), exploitationTypes: i % 4 === 0 ? ['FORCED_LABOUR', 'SEXUAL_EXPLOITATION'] : ['FORCED_LABOUR'] }));
    const tally = new Tally(['province', 'exploitationTypes'], byValues, (r: CaseStatisticsRow) => r.victimRefs.length);
    for (let i = 0; i < rows.length; i += 7) tally.add(rows.slice(i, i + 7));
    const atOnce = tabulate(rows, ['province', 'exploitationTypes'], byValues, (r) => r.victimRefs.length);
    expect(tally.cells()).toEqual(atOnce);
    // 53 has 10 cases with 15 people: no batch of 7 holds 11 of them, the whole count does.
    expect(atOnce).toContainEqual({ group: { province: '53', exploitationTypes: 'FORCED_LABOUR' }, people: 15, suppressed: false });
  });

  it('a handoff moves the lead agency type', () => {
    const events = eventsOf([
      c.openCase(policeNunukan),
      c.proposeLeadHandoff({ by: policeNunukan, to: uptdNunukan }),
      c.acceptLeadHandoff(uptdNunukan),
    ]);
    expect([...projectAll(caseStatisticsProjection, events).values()][0]?.leadAgencyType).toBe('SERVICE_UNIT');
  });
});
