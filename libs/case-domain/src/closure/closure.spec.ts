import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import { sealed } from '../testing/sealed';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { accepted, closed, eventIdOf, handoffProposed, referred, serviceRequested, victimRegisteredEventId, withVictim } from '../testing/case-histories.fixtures';
import { policeNunukan, rsudNunukan, uptdNunukan } from '../testing/units';

const correctVictim = (corrected: Record<string, unknown>, by = uptdNunukan) =>
  c.correctEvent(by, { eventId: victimRegisteredEventId, corrected });

describe('closure and corrections', () => {
  describe('CloseCase', () => {
    it('the lead closes with a reason', () =>
      given(...withVictim)
        .when(c.closeCase(uptdNunukan))
        .then([
          caseEvent('CaseClosed', {
            caseId: CASE_ID,
            outcome: 'REINTEGRATED',
            reason: 'Victim home with family, income programme started',
            leadUnitId: 'uptd-ppa-nunukan',
            closedAt: NOW,
          }),
        ]));
    it('only the lead closes', () => given(...accepted).when(c.closeCase(policeNunukan)).thenThrows('NOT_LEAD_UNIT'));
    it('not while a lead handoff is pending', () => given(...handoffProposed).when(c.closeCase(uptdNunukan)).thenThrows('HANDOFF_PENDING'));
    it('a closed case accepts only ReopenCase', () => given(...closed).when(c.assessRisk(uptdNunukan)).thenThrows('CASE_CLOSED'));
  });

  describe('ReopenCase', () => {
    it('the last lead reopens and keeps leading', () =>
      given(...closed)
        .when(c.reopenCase(uptdNunukan))
        .then([caseEvent('CaseReopened', { caseId: CASE_ID, reason: 'Victim contacted by the same recruiter again', leadUnitId: 'uptd-ppa-nunukan', reopenedAt: NOW })]));
    it('police that took part may reopen', () =>
      given(...accepted, c.closeCase(uptdNunukan)).when(c.reopenCase(policeNunukan)).thenEmits(['CaseReopened']));
    it('other participants may not', () =>
      given(...serviceRequested, c.closeCase(uptdNunukan)).when(c.reopenCase(rsudNunukan)).thenThrows('REOPEN_NOT_ALLOWED'));
    it('only a closed case', () => given(...withVictim).when(c.reopenCase(uptdNunukan)).thenThrows('CASE_NOT_CLOSED'));
    it('a reopened case takes commands again', () =>
      given(...closed, c.reopenCase(uptdNunukan)).when(c.assessRisk(uptdNunukan)).thenEmits(['RiskAssessed']));
  });

  describe('CorrectEvent', () => {
    it('records the changed fields next to the original', () =>
      given(...withVictim)
        .when(correctVictim({ sex: 'MALE', identity: sealed('Siti Aminah binti Ahmad') }))
        .then([
          caseEvent('VictimRegisteredCorrected', {
            caseId: CASE_ID,
            correctsEventId: victimRegisteredEventId,
            corrected: { sex: 'MALE', identity: sealed('Siti Aminah binti Ahmad') },
            reason: 'Typo at intake',
            correctedAt: NOW,
          }),
        ]));
    it('a corrected age band re-derives the child flag, and the rules follow it', () => {
      given(...withVictim)
        .when(correctVictim({ ageBand: '12-17' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ corrected: { ageBand: '12-17', isChild: true } }) })]);
      given(...withVictim, correctVictim({ ageBand: '12-17' })).when(c.recordConsent(uptdNunukan)).thenThrows('CHILD_CONSENT_REQUIRES_GUARDIAN');
    });
    it('only the unit that recorded the event', () =>
      given(...accepted).when(correctVictim({ sex: 'MALE' }, policeNunukan)).thenThrows('NOT_ORIGINAL_ISSUER'));
    it('only an event of this case', () =>
      given(...withVictim).when(c.correctEvent(uptdNunukan, { eventId: 'no-such-event' })).thenThrows('EVENT_NOT_FOUND'));
    it('not a decision such as a referral', () =>
      given(...referred).when(c.correctEvent(uptdNunukan, { eventId: eventIdOf(referred.at(-1)) })).thenThrows('EVENT_NOT_CORRECTABLE'));
    it('only the correctable fields, well formed', () => {
      given(...withVictim).when(correctVictim({ isChild: false })).thenThrows('MALFORMED_COMMAND');
      given(...withVictim).when(correctVictim({ sex: 'X' })).thenThrows('MALFORMED_COMMAND');
    });
    it('a corrected identity must be sealed', () =>
      given(...withVictim).when(correctVictim({ identity: 'Siti Aminah' })).thenThrows('IDENTITY_NOT_SEALED'));
  });
});
