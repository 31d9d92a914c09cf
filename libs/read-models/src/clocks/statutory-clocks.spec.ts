import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import { kejariNunukan, pnNunukan, policeNunukan, rsudNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll } from '../testing/projection-testing';
import { CLOCK_FACTS, clockFactsOf, clocksProjection } from './clocks.projection';
import { statutoryClocks } from './statutory-clocks';

const day = (n: number, hour = 1) => new Date(Date.UTC(2026, 1, 10 + n, hour)).toISOString();
const at = (n: number) => ({ now: day(n) });

/** Every clock, every outcome: services, SPDP, review, P-19 and resubmission, restitution. */
const events = eventsOf([
  c.openCase(uptdNunukan, {}, at(0)),
  c.registerVictim(uptdNunukan, { birthDate: '1999-04-01' }, at(0)),
  c.recordConsent(uptdNunukan, {}, at(0)),
  c.sendReferral({ by: uptdNunukan, to: policeNunukan, dueBy: day(2) }, at(0)),
  c.acceptReferral(policeNunukan, {}, at(0)),
  c.requestService({ by: uptdNunukan, provider: rsudNunukan }, at(1)),
  c.recordServiceDelivered(rsudNunukan, {}, at(10)),
  c.openInvestigation(policeNunukan, {}, at(1)),
  c.sendInvestigationNotice(policeNunukan, {}, { now: day(9), occurredAt: day(6) }),
  c.submitCaseFile(policeNunukan, {}, at(12)),
  c.returnCaseFile(kejariNunukan, {}, at(20)),
  c.resubmitCaseFile(policeNunukan, {}, at(40)),
  c.declareCaseFileComplete(kejariNunukan, {}, at(45)),
  c.handOverSuspectAndEvidence(policeNunukan, {}, at(46)),
  c.fileIndictment(kejariNunukan, {}, at(47)),
  c.recordVerdict(pnNunukan, { notifiedAt: day(60) }, at(60)),
]);

describe('clock facts: the few payload fields the clocks read, signed in clear in the log', () => {
  it('the clocks folded from the facts alone are those folded from the whole payloads', () => {
    const factsOnly = events.map((event) => ({ ...event, data: Object.fromEntries(clockFactsOf(event.type, event.data) ?? []) }));
    const whole = projectAll(clocksProjection, events);
    expect(whole.size).toBe(5);
    expect(projectAll(clocksProjection, factsOnly)).toEqual(whole);
  });

  it('lists a line for every event a clock reads, and nothing for the others', () => {
    expect(Object.keys(CLOCK_FACTS).sort()).toEqual([...clocksProjection.canHandle].sort());
    expect(clockFactsOf('VictimRegistered', events[1]!.data)).toBeNull();
    // Optional fields a clock reads are left out when absent, never written as null.
    expect(clockFactsOf('VerdictIssued', { caseId: 'k', notifiedAt: day(1) })).toEqual([['caseId', 'k'], ['notifiedAt', day(1)]]);
  });

  it('holds nothing personal: no subject, no name, no free text', () => {
    for (const names of Object.values(CLOCK_FACTS)) for (const name of names) expect(name).toMatch(/^(caseId|serviceRequestId|fullyPaid|\w+UnitId|\w+(At|DueBy|By)|\w+Rule)$/);
  });
});

describe('statutory clocks as a report states them, at a moment', () => {
  it('names the rule set, and counts the days over to the stop or to the moment', () => {
    const clocks = statutoryClocks(events, day(80));
    const of = (kind: string) => clocks.find((clock) => clock.kind === kind)!;
    expect(of('SERVICE')).toMatchObject({ ruleSet: 'LAW_21_2007', outcome: 'LATE', daysOverdue: 2, overdue: false });
    expect(of('SPDP')).toMatchObject({ ruleSet: 'KUHAP_2025', outcome: 'MET', daysOverdue: 0 });
    expect(of('RESUBMISSION')).toMatchObject({ outcome: 'LATE', daysOverdue: 6 });
    // Restitution: notified on day 60, due on day 74, still unpaid on day 80.
    expect(of('RESTITUTION')).toMatchObject({ ruleSet: 'LAW_21_2007', status: 'RUNNING', overdue: true, daysOverdue: 6 });
    expect(statutoryClocks(events, day(70)).find((clock) => clock.kind === 'RESTITUTION')).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it('a clock begun before 2 January 2026 is under the 1981 KUHAP', () => {
    const old = eventsOf([c.openCase(policeNunukan, {}, { now: '2025-12-20T01:00:00.000Z' }), c.openInvestigation(policeNunukan, {}, { now: '2025-12-20T02:00:00.000Z' })]);
    expect(statutoryClocks(old, '2026-03-01T00:00:00.000Z')[0]).toMatchObject({ kind: 'SPDP', ruleSet: 'KUHAP_1981', overdue: true, daysOverdue: 64 });
  });
});
