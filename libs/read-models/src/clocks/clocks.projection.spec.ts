import * as c from '../../../case-domain/src/testing/case-commands.fixtures';
import { kejariNunukan, pnNunukan, policeNunukan, rsudNunukan, uptdNunukan } from '../../../case-domain/src/testing/units';
import { eventsOf, projectAll as project } from '../testing/projection-testing';
import { clocksProjection, isOverdue, type ClockDocument } from './clocks.projection';

const day = (n: number, hour = 1) => new Date(Date.UTC(2026, 1, 10 + n, hour)).toISOString();
const at = (n: number) => ({ now: day(n) });
const clocks = (...commands: Parameters<typeof eventsOf>[0]) => project(clocksProjection, eventsOf(commands));
const clock = (all: Map<string, ClockDocument>, kind: string) => [...all.values()].find((k) => k.kind === kind)!;

const intake = [
  c.openCase(uptdNunukan, {}, at(0)),
  c.registerVictim(uptdNunukan, { birthDate: '1999-04-01' }, at(0)),
  c.recordConsent(uptdNunukan, {}, at(0)),
  c.sendReferral({ by: uptdNunukan, to: policeNunukan, dueBy: day(2) }, at(0)),
  c.acceptReferral(policeNunukan, {}, at(0)),
];

describe('statutory clocks, from the events that start and stop them', () => {
  it('SPDP: 7 days from the opening of the investigation, met when the notice goes out in time', () => {
    const opened = clocks(...intake, c.openInvestigation(policeNunukan, {}, at(1)));
    const spdp = clock(opened, 'SPDP');
    expect(spdp).toMatchObject({ responsibleUnitId: 'polres-nunukan', status: 'RUNNING', startedAt: day(1), dueAt: day(8), rounds: 1 });
    expect(spdp.legalBasis).toMatch(/Law 20\/2025/);
    expect(isOverdue(spdp, day(7))).toBe(false);
    expect(isOverdue(spdp, day(9))).toBe(true);
    const sent = clocks(...intake, c.openInvestigation(policeNunukan, {}, at(1)), c.sendInvestigationNotice(policeNunukan, {}, at(4)));
    expect(clock(sent, 'SPDP')).toMatchObject({ status: 'STOPPED', outcome: 'MET', breaches: 0 });
  });

  it('SPDP sent on paper in time and recorded days later: met on the act, and the entry says when it came in', () => {
    const late = clocks(...intake, c.openInvestigation(policeNunukan, {}, at(1)), c.sendInvestigationNotice(policeNunukan, {}, { now: day(9), occurredAt: day(6) }));
    expect(clock(late, 'SPDP')).toMatchObject({ status: 'STOPPED', outcome: 'MET', breaches: 0, stoppedAt: day(6), stopRecordedAt: day(9), startRecordedAt: day(1) });
  });

  it('a breach built from past dates: opened and sent late, both recorded today', () => {
    const breach = clocks(
      ...intake.map((k) => ({ ...k, metadata: { ...k.metadata, now: day(20), occurredAt: day(0) } })),
      c.openInvestigation(policeNunukan, {}, { now: day(20), occurredAt: day(1) }),
      c.sendInvestigationNotice(policeNunukan, {}, { now: day(20), occurredAt: day(12) }),
    );
    expect(clock(breach, 'SPDP')).toMatchObject({ status: 'STOPPED', outcome: 'LATE', breaches: 1, startedAt: day(1), dueAt: day(8), stoppedAt: day(12) });
  });

  it('case file: review, P-19 and a late resubmission, then a second review round', () => {
    const all = clocks(
      ...intake,
      c.openInvestigation(policeNunukan, {}, at(1)),
      c.submitCaseFile(policeNunukan, {}, at(2)),
      c.returnCaseFile(kejariNunukan, {}, at(10)),
      c.resubmitCaseFile(policeNunukan, {}, at(30)),
    );
    expect(clock(all, 'RESUBMISSION')).toMatchObject({ responsibleUnitId: 'polres-nunukan', status: 'STOPPED', outcome: 'LATE', dueAt: day(24), breaches: 1 });
    expect(clock(all, 'CASE_FILE_REVIEW')).toMatchObject({ responsibleUnitId: 'kejari-nunukan', status: 'RUNNING', rounds: 2, startedAt: day(30), dueAt: day(44), breaches: 0 });
  });

  it('services: 7 days for the provider; restitution: 14 days after notice, defaulted is a breach', () => {
    const all = clocks(
      ...intake,
      c.requestService({ by: uptdNunukan, provider: rsudNunukan }, at(1)),
      c.recordServiceDelivered(rsudNunukan, {}, at(10)),
      c.openInvestigation(policeNunukan, {}, at(1)),
      c.submitCaseFile(policeNunukan, {}, at(2)),
      c.declareCaseFileComplete(kejariNunukan, {}, at(5)),
      c.handOverSuspectAndEvidence(policeNunukan, {}, at(6)),
      c.fileIndictment(kejariNunukan, {}, at(7)),
      c.recordVerdict(pnNunukan, { notifiedAt: day(20) }, at(20)),
      c.recordRestitutionDefault(kejariNunukan, {}, at(40)),
    );
    expect(clock(all, 'SERVICE')).toMatchObject({ responsibleUnitId: 'rsud-nunukan', outcome: 'LATE', dueAt: day(8), breaches: 1 });
    expect(clock(all, 'RESTITUTION')).toMatchObject({ responsibleUnitId: 'kejari-nunukan', outcome: 'DEFAULTED', dueAt: day(34), breaches: 1 });
    expect(clock(all, 'CASE_FILE_REVIEW')).toMatchObject({ outcome: 'MET' });
  });

  it('a clock started under the 1981 KUHAP keeps that rule; a terminated investigation cancels its clocks', () => {
    const old = [c.openCase(policeNunukan, {}, { now: '2025-12-20T01:00:00.000Z' }), c.openInvestigation(policeNunukan, {}, { now: '2025-12-20T02:00:00.000Z' })];
    expect(clock(clocks(...old), 'SPDP').legalBasis).toMatch(/KUHAP 1981/);
    const cancelled = clocks(...old, c.terminateInvestigation(policeNunukan, {}, { now: '2025-12-22T01:00:00.000Z' }));
    expect(clock(cancelled, 'SPDP')).toMatchObject({ status: 'STOPPED', outcome: 'CANCELLED', breaches: 0 });
  });

  it('a redelivered start event opens no second round', () => {
    const events = eventsOf([...intake, c.openInvestigation(policeNunukan, {}, at(1))]);
    expect(project(clocksProjection, [...events, events.at(-1)!])).toEqual(project(clocksProjection, events));
  });
});
