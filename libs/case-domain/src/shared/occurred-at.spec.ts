import { given } from '../testing/given-when-then';
import * as c from '../testing/case-commands.fixtures';
import { NOW } from '../testing/case-commands.fixtures';
import { investigating, withVictim } from '../testing/case-histories.fixtures';
import { policeNunukan, uptdNunukan } from '../testing/units';
import { lateEntryDays } from './occurred-at';

const day = (n: number): string => new Date(Date.parse(NOW) + n * 86_400_000).toISOString();

describe('the declared time of an act (a late entry)', () => {
  it('dates the act, and every time the event carries, from the declared time', () =>
    given(...investigating)
      .when(c.sendInvestigationNotice(policeNunukan, {}, { now: day(9), occurredAt: day(6) }))
      .then([expect.objectContaining({ type: 'InvestigationNoticeSent', data: expect.objectContaining({ sentAt: day(6) }) })]));

  it('opens a case at the declared time, and counts a statutory clock from it', () => {
    given().when(c.openCase(uptdNunukan, {}, { now: day(3), occurredAt: day(1) })).then([expect.objectContaining({ type: 'CaseOpened', data: expect.objectContaining({ openedAt: day(1) }) })]);
    given(...investigating.slice(0, -1))
      .when(c.openInvestigation(policeNunukan, {}, { now: day(3), occurredAt: day(1) }))
      .then([expect.objectContaining({ data: expect.objectContaining({ openedAt: day(1), noticeDueBy: day(8) }) })]);
  });

  it('refuses a time in the future beyond the clock skew, and allows the skew', () => {
    given(...withVictim).when(c.assessRisk(uptdNunukan, {}, { now: day(1), occurredAt: new Date(Date.parse(day(1)) + 6 * 60_000).toISOString() })).thenThrows('OCCURRED_AT_IN_FUTURE');
    given(...withVictim).when(c.assessRisk(uptdNunukan, {}, { now: day(1), occurredAt: new Date(Date.parse(day(1)) + 4 * 60_000).toISOString() })).thenEmits(['RiskAssessed']);
  });

  it('refuses a time before the case was opened', () =>
    given(...withVictim).when(c.assessRisk(uptdNunukan, {}, { now: day(2), occurredAt: day(-1) })).thenThrows('OCCURRED_AT_BEFORE_CASE_OPENED'));

  it('refuses a time more than 30 days back, even for the opening of a case', () => {
    given().when(c.openCase(uptdNunukan, {}, { now: day(40), occurredAt: day(9) })).thenThrows('OCCURRED_AT_TOO_FAR_BACK');
    given().when(c.openCase(uptdNunukan, {}, { now: day(40), occurredAt: day(10) })).thenEmits(['CaseOpened']);
  });

  it('takes the bounds a deployment sets', () => {
    const late = c.openCase(uptdNunukan, {}, { now: day(40), occurredAt: day(30) });
    given().when({ ...late, metadata: { ...late.metadata, occurredAtBounds: { maxDaysBack: 7 } } }).thenThrows('OCCURRED_AT_TOO_FAR_BACK');
  });

  it('tells a unit outside the case nothing about its dates: 404 comes first', () =>
    given(...withVictim).when(c.assessRisk(policeNunukan, {}, { now: day(2), occurredAt: day(-1) })).thenThrows('NOT_A_PARTICIPANT'));

  it('refuses a declared time that is not an ISO date-time with offset', () =>
    given(...withVictim).when(c.assessRisk(uptdNunukan, {}, { now: day(2), occurredAt: '2026-02-11 08:00' })).thenThrows('MALFORMED_COMMAND'));
});

describe('lateEntryDays', () => {
  it('is undefined for an entry made within the threshold', () => {
    expect(lateEntryDays(day(0), day(1))).toBeUndefined();
    expect(lateEntryDays(day(0), day(0))).toBeUndefined();
  });
  it('counts whole days for an entry made later', () => {
    expect(lateEntryDays(day(6), day(9))).toBe(3);
    expect(lateEntryDays(day(0), new Date(Date.parse(day(0)) + 47 * 3_600_000).toISOString())).toBe(1);
    expect(lateEntryDays(day(0), day(2), 72)).toBeUndefined();
  });
});
