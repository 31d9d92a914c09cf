import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import { sealed } from '../testing/sealed';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { opened, withChild, withChildGuardian, withConsent, withVictim } from '../testing/case-histories.fixtures';
import { policeNunukan, uptdNunukan } from '../testing/units';

describe('intake', () => {
  describe('OpenCase', () => {
    it('records the case with the opening unit as lead', () =>
      given()
        .when(c.openCase(policeNunukan))
        .then([
          caseEvent('CaseOpened', {
            caseId: CASE_ID,
            regionCode: '65.03',
            source: 'ARRIVAL',
            exploitationTypes: ['FORCED_LABOUR'],
            modusCodes: ['NON_PROCEDURAL_MIGRANT_WORKER', 'DEBT_BONDAGE'],
            openedByUnitId: 'polres-nunukan',
            leadUnitId: 'polres-nunukan',
            leadAgencyType: 'POLICE',
            openedAt: NOW,
          }),
        ]));

    it('cannot open a case that exists', () => given(...opened).when(c.openCase(policeNunukan)).thenThrows('CASE_ALREADY_EXISTS'));
  });

  describe('RegisterVictim', () => {
    it('derives the child flag and age band from the birth date', () =>
      given(...opened)
        .when(c.registerVictim(uptdNunukan))
        .then([
          caseEvent('VictimRegistered', {
            caseId: CASE_ID,
            subjectRef: 'victim-1',
            identity: sealed('Siti Aminah'),
            sex: 'FEMALE',
            nationality: 'ID',
            originRegionCode: '53.10',
            ageBand: '25-34',
            isChild: false,
            registeredAt: NOW,
          }),
        ]));

    it('never records the birth date', () => {
      expect(JSON.stringify(given(...opened).when(c.registerVictim(uptdNunukan)).decided())).not.toContain('1999');
    });

    it('treats a victim whose 18th birthday is tomorrow as a child', () =>
      given(...opened)
        .when(c.registerVictim(uptdNunukan, { birthDate: '2008-02-11' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ isChild: true, ageBand: '12-17' }) })]));

    it('treats a victim who turns 18 today as an adult', () =>
      given(...opened)
        .when(c.registerVictim(uptdNunukan, { birthDate: '2008-02-10' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ isChild: false, ageBand: '18-24' }) })]));

    it('presumes a victim of unknown age to be a child', () =>
      given(...opened)
        .when(c.registerVictim(uptdNunukan, { birthDate: undefined, ageBand: 'UNKNOWN' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ isChild: true, ageBand: 'UNKNOWN' }) })]));

    it('takes a birth date or an age band, not both', () =>
      given(...opened).when(c.registerVictim(uptdNunukan, { ageBand: '18-24' })).thenThrows('MALFORMED_COMMAND'));

    it('refuses a birth date after now', () =>
      given(...opened).when(c.registerVictim(uptdNunukan, { birthDate: '2026-03-01' })).thenThrows('BIRTH_DATE_IN_FUTURE'));

    it('registers the same person under the same ref only once', () => given(...withVictim).when(c.registerVictim(uptdNunukan)).thenNothing());

    it('refuses a subject ref that already names someone else', () =>
      given(...withVictim).when(c.registerVictim(uptdNunukan, { identity: sealed('Dewi Lestari') })).thenThrows('ID_REUSED'));
  });

  describe('DetermineVictimStatus', () => {
    it('needs a registered victim', () =>
      given(...opened).when(c.determineVictimStatus(uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
  });

  describe('AppointGuardian', () => {
    it('records the guardian of a child, sealed', () =>
      given(...withChild)
        .when(c.appointGuardian(uptdNunukan))
        .then([
          caseEvent('GuardianAppointed', {
            caseId: CASE_ID,
            victimRef: 'victim-1',
            guardianRef: 'guardian-1',
            identity: sealed('Ani Rahayu'),
            relationship: 'PARENT',
            appointedAt: NOW,
          }),
        ]));
    it('is only for a child', () => given(...withVictim).when(c.appointGuardian(uptdNunukan)).thenThrows('VICTIM_NOT_A_CHILD'));
    it('needs a registered victim', () => given(...opened).when(c.appointGuardian(uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
    it('appoints the same guardian once', () => given(...withChildGuardian).when(c.appointGuardian(uptdNunukan)).thenNothing());
    it('cannot reuse the victim ref for the guardian', () =>
      given(...withChild).when(c.appointGuardian(uptdNunukan, { guardianRef: 'victim-1' })).thenThrows('ID_REUSED'));
  });

  describe('RecordConsent', () => {
    const guardianConsent = { givenBy: 'GUARDIAN', guardianRef: 'guardian-1' } as const;

    it('needs a registered victim', () => given(...opened).when(c.recordConsent(uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
    it("refuses a child's own consent", () =>
      given(...withChildGuardian).when(c.recordConsent(uptdNunukan)).thenThrows('CHILD_CONSENT_REQUIRES_GUARDIAN'));
    it('takes the appointed guardian’s consent for a child', () =>
      given(...withChildGuardian)
        .when(c.recordConsent(uptdNunukan, guardianConsent))
        .then([expect.objectContaining({ type: 'ConsentRecorded', data: expect.objectContaining({ givenBy: 'GUARDIAN', guardianRef: 'guardian-1' }) })]));
    it('refuses a guardian who was not appointed', () =>
      given(...withChild).when(c.recordConsent(uptdNunukan, guardianConsent)).thenThrows('GUARDIAN_NOT_APPOINTED'));
    it('refuses a guardian for an adult', () =>
      given(...withVictim).when(c.recordConsent(uptdNunukan, guardianConsent)).thenThrows('GUARDIAN_NOT_APPOINTED'));
    it('refuses a consent that has already expired', () =>
      given(...withVictim).when(c.recordConsent(uptdNunukan, { expiresAt: '2026-02-01T00:00:00.000Z' })).thenThrows('CONSENT_ALREADY_EXPIRED'));
    it('needs at least one recipient', () =>
      given(...withVictim).when(c.recordConsent(uptdNunukan, { recipientAgencyTypes: [] })).thenThrows('MALFORMED_COMMAND'));
    it('needs the guardian ref exactly when a guardian gives it', () =>
      given(...withChildGuardian).when(c.recordConsent(uptdNunukan, { givenBy: 'GUARDIAN' })).thenThrows('MALFORMED_COMMAND'));
    it('records the same consent once', () => given(...withConsent).when(c.recordConsent(uptdNunukan)).thenNothing());
    it('refuses a consent id reused for another consent', () =>
      given(...withConsent).when(c.recordConsent(uptdNunukan, { purposes: ['SHELTER'] })).thenThrows('ID_REUSED'));
  });

  describe('WithdrawConsent', () => {
    it('records the withdrawal with the subject', () =>
      given(...withConsent)
        .when(c.withdrawConsent(uptdNunukan))
        .then([
          caseEvent('ConsentWithdrawn', {
            caseId: CASE_ID,
            consentId: 'consent-1',
            subjectRef: 'victim-1',
            reason: 'Victim no longer wants the police informed',
            withdrawnAt: NOW,
          }),
        ]));
    it('needs a consent in force', () => given(...withVictim).when(c.withdrawConsent(uptdNunukan)).thenThrows('CONSENT_NOT_IN_FORCE'));
    it('cannot withdraw an expired consent', () =>
      given(...withVictim, c.recordConsent(uptdNunukan, { expiresAt: '2026-02-11T00:00:00.000Z' }))
        .when(c.withdrawConsent(uptdNunukan, {}, { now: '2026-02-12T00:00:00.000Z' }))
        .thenThrows('CONSENT_NOT_IN_FORCE'));
    it('withdraws once', () => given(...withConsent, c.withdrawConsent(uptdNunukan)).when(c.withdrawConsent(uptdNunukan)).thenNothing());
  });

  describe('AssessRisk', () => {
    it('is refused to police not yet referred the case', () => given(...opened).when(c.assessRisk(policeNunukan)).thenThrows('NOT_A_PARTICIPANT'));
    it('refuses an unregistered subject', () => given(...opened).when(c.assessRisk(uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
  });
});
