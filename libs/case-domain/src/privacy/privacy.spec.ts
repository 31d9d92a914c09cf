import { caseEvent } from '../case.events';
import { participates } from '../shared/participation';
import { given } from '../testing/given-when-then';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { closed, erasureRequested, held, investigating, TEN_YEARS_ON, victimRegisteredEventId, withPolice, withVerdict, withVictim } from '../testing/case-histories.fixtures';
import type { Step } from '../testing/given-when-then';
import type { CaseState } from '../case.state';
import { RETENTION_ACTOR } from '../shared/system-actors';
import { retentionDueAt, retentionOutlook } from './retention';
import { kejariNunukan, kemenpppa, policeNunukan, pnNunukan, uptdNunukan } from '../testing/units';

const erased = [...erasureRequested, c.approveSubjectErasure(uptdNunukan)];
const requestedByLead = [...withPolice, c.requestSubjectErasure(uptdNunukan)];

describe('erasure of a data subject', () => {
  describe('RequestSubjectErasure', () => {
    it('records the request and the requesting unit; nothing is erased yet', () =>
      given(...withPolice)
        .when(c.requestSubjectErasure(policeNunukan))
        .then([
          caseEvent('SubjectErasureRequested', {
            caseId: CASE_ID,
            erasureId: 'erasure-1',
            subjectRef: 'victim-1',
            legalGround: 'CONSENT_WITHDRAWN',
            reason: 'She withdrew her consent and asks that her data be erased',
            requestedByUnitId: 'polres-nunukan',
            requestedAt: NOW,
          }),
        ]));
    it('names a person of the case', () => given(...withPolice).when(c.requestSubjectErasure(policeNunukan, { subjectRef: 'victim-9' })).thenThrows('SUBJECT_UNKNOWN'));
    it('asks once: the same request again changes nothing', () => given(...erasureRequested).when(c.requestSubjectErasure(policeNunukan)).thenNothing());
    it('refuses an erasure id reused for another person', () =>
      given(...erasureRequested, c.registerWitness(policeNunukan))
        .when(c.requestSubjectErasure(policeNunukan, { subjectRef: 'witness-1' }))
        .thenThrows('ID_REUSED'));
    it('one pending request per person', () =>
      given(...erasureRequested).when(c.requestSubjectErasure(uptdNunukan, { erasureId: 'erasure-2' })).thenThrows('ERASURE_PENDING'));
    it('is refused while an investigation is open', () =>
      given(...investigating).when(c.requestSubjectErasure(policeNunukan)).thenThrows('CRIMINAL_PROCEEDINGS_OPEN'));
    it('may be asked once an SP3 ended the investigation', () =>
      given(...investigating, c.terminateInvestigation(policeNunukan)).when(c.requestSubjectErasure(policeNunukan)).thenEmits(['SubjectErasureRequested']));
    it('may be asked once a verdict ended the proceedings', () =>
      given(...withVerdict).when(c.requestSubjectErasure(pnNunukan)).thenEmits(['SubjectErasureRequested']));
    it('is refused under a legal hold, which the refusal names', () => {
      given(...held).when(c.requestSubjectErasure(policeNunukan)).thenThrows('LEGAL_HOLD_IN_FORCE');
      expect(() => given(...held).when(c.requestSubjectErasure(policeNunukan)).decided()).toThrow(/hold-1/);
    });
    it('may be asked on a closed case: its purpose is spent', () =>
      given(...closed).when(c.requestSubjectErasure(uptdNunukan)).thenEmits(['SubjectErasureRequested']));
  });

  describe('ApproveSubjectErasure', () => {
    it('the lead unit approves a request of another unit: the person is erased', () =>
      given(...erasureRequested)
        .when(c.approveSubjectErasure(uptdNunukan))
        .then([
          caseEvent('SubjectErased', {
            caseId: CASE_ID,
            erasureId: 'erasure-1',
            subjectRef: 'victim-1',
            legalGround: 'CONSENT_WITHDRAWN',
            reason: 'Consent withdrawn, no proceedings open, no hold',
            requestedByUnitId: 'polres-nunukan',
            approvedByUnitId: 'uptd-ppa-nunukan',
            erasedAt: NOW,
          }),
        ]));
    it('the ministry approves without taking part in the case', () => {
      given(...erasureRequested).when(c.approveSubjectErasure(kemenpppa)).thenEmits(['SubjectErased']);
      expect(participates(given(...erasureRequested).state as never, kemenpppa.unitId)).toBe(false);
    });
    it('the requesting unit cannot approve its own request', () =>
      given(...erasureRequested).when(c.approveSubjectErasure(policeNunukan)).thenThrows('ERASURE_SAME_UNIT'));
    it('the lead unit cannot approve its own request either: the ministry decides it', () => {
      given(...requestedByLead).when(c.approveSubjectErasure(uptdNunukan)).thenThrows('ERASURE_SAME_UNIT');
      given(...requestedByLead).when(c.approveSubjectErasure(kemenpppa)).thenEmits(['SubjectErased']);
    });
    it('a participant that neither leads nor is the ministry cannot approve', () =>
      given(...requestedByLead).when(c.approveSubjectErasure(policeNunukan)).thenThrows('ERASURE_APPROVER_NOT_ALLOWED'));
    it('the ministry is let in only to answer a request that exists', () => {
      given(...withPolice).when(c.approveSubjectErasure(kemenpppa)).thenThrows('NOT_A_PARTICIPANT');
      given(...erasureRequested).when(c.approveSubjectErasure(kemenpppa, { erasureId: 'erasure-9' })).thenThrows('NOT_A_PARTICIPANT');
    });
    it('refuses an unknown request', () => given(...erasureRequested).when(c.approveSubjectErasure(uptdNunukan, { erasureId: 'erasure-9' })).thenThrows('ERASURE_NOT_FOUND'));
    it('approving twice changes nothing', () => given(...erased).when(c.approveSubjectErasure(kemenpppa)).thenNothing());
    it('a refused request cannot be approved', () =>
      given(...erasureRequested, c.refuseSubjectErasure(uptdNunukan)).when(c.approveSubjectErasure(kemenpppa)).thenThrows('ERASURE_NOT_PENDING'));
    it('a hold placed since the request stops the approval, and its release lets it through', () => {
      const underHold = [...erasureRequested, c.placeLegalHold(policeNunukan)];
      given(...underHold).when(c.approveSubjectErasure(uptdNunukan)).thenThrows('LEGAL_HOLD_IN_FORCE');
      given(...underHold, c.releaseLegalHold(policeNunukan)).when(c.approveSubjectErasure(uptdNunukan)).thenEmits(['SubjectErased']);
    });
    it('an investigation opened since the request stops the approval', () =>
      given(...erasureRequested, c.openInvestigation(policeNunukan)).when(c.approveSubjectErasure(uptdNunukan)).thenThrows('CRIMINAL_PROCEEDINGS_OPEN'));
  });

  describe('RefuseSubjectErasure', () => {
    it('the lead unit refuses: the person stays', () =>
      given(...erasureRequested)
        .when(c.refuseSubjectErasure(uptdNunukan))
        .then([
          caseEvent('SubjectErasureRefused', {
            caseId: CASE_ID,
            erasureId: 'erasure-1',
            subjectRef: 'victim-1',
            reason: 'Her restitution claim still needs her identity',
            refusedByUnitId: 'uptd-ppa-nunukan',
            refusedAt: NOW,
          }),
        ]));
    it('the requesting unit cannot refuse in the second place', () =>
      given(...erasureRequested).when(c.refuseSubjectErasure(policeNunukan)).thenThrows('ERASURE_SAME_UNIT'));
    it('an erased person cannot be refused after the fact', () => given(...erased).when(c.refuseSubjectErasure(kemenpppa)).thenThrows('ERASURE_NOT_PENDING'));
    it('after a refusal the person may be asked for again', () =>
      given(...erasureRequested, c.refuseSubjectErasure(uptdNunukan))
        .when(c.requestSubjectErasure(policeNunukan, { erasureId: 'erasure-2' }))
        .thenEmits(['SubjectErasureRequested']));
  });

  describe('an erased person', () => {
    it('is named by no later command', () => {
      given(...erased).when(c.assessRisk(uptdNunukan)).thenThrows('SUBJECT_ALREADY_ERASED');
      given(...erased).when(c.startShelterPlacement(uptdNunukan)).thenThrows('SUBJECT_ALREADY_ERASED');
      given(...erased).when(c.requestSubjectErasure(uptdNunukan, { erasureId: 'erasure-2' })).thenThrows('SUBJECT_ALREADY_ERASED');
    });
    it('is not corrected back into the case', () =>
      given(...erased).when(c.correctEvent(uptdNunukan, { eventId: victimRegisteredEventId, corrected: { ageBand: '25-34' } })).thenThrows('SUBJECT_ALREADY_ERASED'));
    it('leaves the rest of the case workable', () => given(...erased).when(c.closeCase(uptdNunukan)).thenEmits(['CaseClosed']));
  });
});

describe('legal holds', () => {
  it('the police place one', () =>
    given(...withPolice)
      .when(c.placeLegalHold(policeNunukan))
      .then([
        caseEvent('LegalHoldPlaced', {
          caseId: CASE_ID,
          holdId: 'hold-1',
          basis: 'A related case against the same recruiter is under investigation in Tawau',
          placedByUnitId: 'polres-nunukan',
          placedAt: NOW,
        }),
      ]));
  it('placing the same hold again changes nothing', () => given(...held).when(c.placeLegalHold(policeNunukan)).thenNothing());
  it('a hold id names one hold', () =>
    given(...investigating, c.sendInvestigationNotice(policeNunukan), c.placeLegalHold(policeNunukan)).when(c.placeLegalHold(kejariNunukan)).thenThrows('ID_REUSED'));
  it('another police, prosecutor or court unit of the case may release it', () =>
    given(...investigating, c.sendInvestigationNotice(policeNunukan), c.placeLegalHold(policeNunukan)).when(c.releaseLegalHold(kejariNunukan)).thenEmits(['LegalHoldReleased']));
  it('releasing an unknown hold is refused', () => given(...held).when(c.releaseLegalHold(policeNunukan, { holdId: 'hold-9' })).thenThrows('LEGAL_HOLD_NOT_FOUND'));
  it('releasing twice changes nothing', () => given(...held, c.releaseLegalHold(policeNunukan)).when(c.releaseLegalHold(policeNunukan)).thenNothing());
  it('may be placed on a closed case', () => given(...withPolice, c.closeCase(uptdNunukan)).when(c.placeLegalHold(policeNunukan)).thenEmits(['LegalHoldPlaced']));
});

describe('retention: EraseSubjectForRetention, issued by the retention job only', () => {
  const job = RETENTION_ACTOR;
  const retention = (data: object = {}, now = TEN_YEARS_ON) => c.eraseSubjectForRetention(job, data, { now });
  const closedWithPolice = [...withPolice, c.closeCase(uptdNunukan)];

  it('erases a person of a case closed ten years ago, with the same event as a two-unit decision', () =>
    given(...closed)
      .when(retention())
      .then([
        caseEvent('SubjectErased', {
          caseId: CASE_ID,
          erasureId: 'retention-1',
          subjectRef: 'victim-1',
          legalGround: 'NO_LONGER_NEEDED',
          reason: `Retention: kept 10 years after the case was closed on ${NOW}`,
          requestedByUnitId: 'system:retention',
          approvedByUnitId: 'system:retention',
          erasedAt: TEN_YEARS_ON,
        }),
      ]));
  it('is not due a moment before the period ends', () => given(...closed).when(retention({}, '2036-02-10T00:59:59.999Z')).thenThrows('RETENTION_NOT_DUE'));
  it('never touches an open case', () => given(...withVictim).when(retention()).thenThrows('CASE_NOT_CLOSED'));
  it('is stopped by a legal hold, which it names', () => {
    const heldAfterClosing = [...closedWithPolice, c.placeLegalHold(policeNunukan)];
    given(...heldAfterClosing).when(retention()).thenThrows('LEGAL_HOLD_IN_FORCE');
    expect(retentionOutlook(given(...heldAfterClosing).state as CaseState, 10, TEN_YEARS_ON)).toMatchObject({ kind: 'held', code: 'LEGAL_HOLD_IN_FORCE' });
  });
  it('names a person of the case, not yet erased', () => {
    given(...closed).when(retention({ subjectRef: 'victim-9' })).thenThrows('SUBJECT_UNKNOWN');
    const erasedThenClosed = [...erased, c.closeCase(uptdNunukan)];
    given(...erasedThenClosed).when(retention()).thenThrows('SUBJECT_ALREADY_ERASED');
  });
  it('no agency type may issue it, the ministry included, and no other "system" actor', () => {
    for (const who of [uptdNunukan, kemenpppa, { ...job, unitId: 'system:other' }]) {
      expect(() => given(...closed).when(c.eraseSubjectForRetention(who, {}, { now: TEN_YEARS_ON })).decided()).toThrow(/AGENCY_NOT_PERMITTED|MALFORMED|may not issue|agency type/);
    }
  });
  it('plans what it will do: open, kept until a date, held, or due with the people not yet erased', () => {
    const state = (steps: Step[]) => given(...steps).state as CaseState;
    expect(retentionOutlook(state(withVictim), 10, TEN_YEARS_ON)).toEqual({ kind: 'open' });
    expect(retentionOutlook(state(closed), 11, TEN_YEARS_ON)).toEqual({ kind: 'kept', dueAt: '2037-02-10T01:00:00.000Z' });
    expect(retentionOutlook(state(closed), 10, TEN_YEARS_ON)).toEqual({ kind: 'due', dueAt: TEN_YEARS_ON, subjectRefs: ['victim-1'] });
    expect(retentionOutlook(state([...erased, c.closeCase(uptdNunukan)]), 10, TEN_YEARS_ON)).toMatchObject({ kind: 'due', subjectRefs: [] });
  });
  it('a request pending for a person the schedule erased can no longer be approved', () =>
    given(...erasureRequested, c.closeCase(uptdNunukan), retention())
      .when(c.approveSubjectErasure(uptdNunukan, {}, { now: TEN_YEARS_ON }))
      .thenThrows('SUBJECT_ALREADY_ERASED'));
  it('counts years by the calendar, 29 February included', () => {
    expect(retentionDueAt('2024-02-29T10:00:00.000Z', 1)).toBe('2025-03-01T10:00:00.000Z');
    expect(retentionDueAt('2026-02-10T01:00:00.000Z', 10)).toBe('2036-02-10T01:00:00.000Z');
  });
});
