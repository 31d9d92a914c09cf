import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import { policeNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { caseStatisticsProjection, type CaseStatisticsRow } from './case-statistics.projection';
import { tabulate } from './tabulate';

const row = (over: Partial<CaseStatisticsRow>): CaseStatisticsRow => ({
  caseId: 'c', regionCode: '65.03', province: '65', year: '2026', exploitationTypes: ['FORCED_LABOUR'], modusCodes: [], leadAgencyType: 'POLICE',
  victimRefs: [], childRefs: [], victimOrigins: {}, ...over,
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

  it('a handoff moves the lead agency type', () => {
    const events = eventsOf([
      c.openCase(policeNunukan),
      c.proposeLeadHandoff({ by: policeNunukan, to: uptdNunukan }),
      c.acceptLeadHandoff(uptdNunukan),
    ]);
    expect([...projectAll(caseStatisticsProjection, events).values()][0]?.leadAgencyType).toBe('SERVICE_UNIT');
  });
});
