import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { accepted, opened, referred, withConsent, withVictim } from '../testing/case-histories.fixtures';
import { imigrasiNunukan, kemenpppa, ngoNunukan, policeNunukan, shelterTarakan, unit, uptdNunukan } from '../testing/units';

const toPolice = (extra = {}) => c.sendReferral({ by: uptdNunukan, to: policeNunukan, ...extra });
const override = { legalBasis: 'CRIMINAL_INVESTIGATION', justification: 'Recruiter still active at Tunon Taka port' } as const;

describe('referrals', () => {
  describe('SendReferral', () => {
    it('a service unit cannot refer a case it does not participate in', () =>
      given(...opened)
        .when(c.sendReferral({ by: shelterTarakan, to: uptdNunukan }))
        .thenThrows('NOT_A_PARTICIPANT'));

    it('shares under the consent that covers the recipient and purpose', () =>
      given(...withConsent)
        .when(toPolice())
        .then([
          caseEvent('ReferralSent', {
            caseId: CASE_ID,
            referralId: 'ref-1',
            fromUnitId: 'uptd-ppa-nunukan',
            toUnitId: 'polres-nunukan',
            toAgencyType: 'POLICE',
            purpose: 'INVESTIGATION',
            urgency: 'URGENT',
            dueBy: '2026-02-17T01:00:00.000Z',
            sentAt: NOW,
            sharingBasis: 'CONSENT',
            consentIds: ['consent-1'],
          }),
        ]));

    it('needs consent when a victim is registered', () => given(...withVictim).when(toPolice()).thenThrows('CONSENT_REQUIRED'));
    it('needs consent covering the recipient agency', () =>
      given(...withConsent).when(c.sendReferral({ by: uptdNunukan, to: imigrasiNunukan })).thenThrows('CONSENT_REQUIRED'));
    it('needs consent covering the purpose', () => given(...withConsent).when(toPolice({ purpose: 'REPATRIATION' })).thenThrows('CONSENT_REQUIRED'));
    it('accepts a consent naming the recipient unit', () =>
      given(...withVictim, c.recordConsent(uptdNunukan, { recipientAgencyTypes: [], recipientUnitIds: ['yayasan-peduli-nunukan'], purposes: ['REINTEGRATION'] }))
        .when(c.sendReferral({ by: uptdNunukan, to: ngoNunukan, purpose: 'REINTEGRATION' }))
        .thenEmits(['ReferralSent']));
    it('does not rely on a withdrawn consent', () =>
      given(...withConsent, c.withdrawConsent(uptdNunukan)).when(toPolice()).thenThrows('CONSENT_REQUIRED'));
    it('relies on a consent until it expires', () =>
      given(...withVictim, c.recordConsent(uptdNunukan, { expiresAt: '2026-02-11T00:00:00.000Z' }))
        .when(toPolice())
        .thenEmits(['ReferralSent']));
    it('refuses a consent that expired before now', () =>
      given(...withVictim, c.recordConsent(uptdNunukan, { expiresAt: '2026-02-11T00:00:00.000Z' }))
        .when(c.sendReferral({ by: uptdNunukan, to: policeNunukan, dueBy: '2026-02-20T00:00:00.000Z' }, { now: '2026-02-12T00:00:00.000Z' }))
        .thenThrows('CONSENT_REQUIRED'));

    it('shares on a legal basis instead, and records the override for the audit', () =>
      given(...withVictim)
        .when(toPolice(override))
        .then([
          caseEvent('ConsentOverrideRecorded', {
            caseId: CASE_ID,
            shareKind: 'REFERRAL',
            shareId: 'ref-1',
            recipientUnitId: 'polres-nunukan',
            recipientAgencyType: 'POLICE',
            purpose: 'INVESTIGATION',
            legalBasis: 'CRIMINAL_INVESTIGATION',
            justification: 'Recruiter still active at Tunon Taka port',
            recordedAt: NOW,
          }),
          expect.objectContaining({ type: 'ReferralSent', data: expect.objectContaining({ sharingBasis: 'LEGAL_BASIS', legalBasis: 'CRIMINAL_INVESTIGATION', consentIds: [] }) }),
        ]));

    it('needs no consent before any victim is registered', () =>
      given(...opened)
        .when(toPolice())
        .then([expect.objectContaining({ data: expect.objectContaining({ sharingBasis: 'NO_VICTIM_DATA' }) })]));

    it('cannot refer to oneself', () => given(...withConsent).when(c.sendReferral({ by: uptdNunukan, to: uptdNunukan })).thenThrows('SELF_ADDRESSED'));
    it('cannot refer to an oversight body', () =>
      given(...withConsent).when(c.sendReferral({ by: uptdNunukan, to: kemenpppa })).thenThrows('RECIPIENT_CANNOT_PARTICIPATE'));
    it('refuses a second pending referral to the same unit for the same purpose', () =>
      given(...referred).when(toPolice({ referralId: 'ref-2' })).thenThrows('DUPLICATE_REFERRAL'));
    it('refuses a due date in the past', () => given(...withConsent).when(toPolice({ dueBy: '2026-02-09T00:00:00.000Z' })).thenThrows('DUE_DATE_IN_PAST'));
    it('sends the same referral once (a retry with a new command id)', () => given(...referred).when(toPolice()).thenNothing());
    it('refuses a referral id reused for another unit', () =>
      given(...referred).when(c.sendReferral({ by: uptdNunukan, to: unit('rsud-nunukan', 'HEALTH'), purpose: 'MEDICAL_CARE' })).thenThrows('REFERRAL_ID_REUSED'));
    it('does not change the lead', () => given(...accepted).when(c.closeCase(policeNunukan)).thenThrows('NOT_LEAD_UNIT'));
  });

  describe('answering a referral', () => {
    it('only the addressed unit accepts', () => given(...referred).when(c.acceptReferral(uptdNunukan)).thenThrows('NOT_ADDRESSED_UNIT'));
    it('accepts a pending referral', () =>
      given(...referred).when(c.acceptReferral(policeNunukan)).then([caseEvent('ReferralAccepted', { caseId: CASE_ID, referralId: 'ref-1', acceptedAt: NOW })]));
    it('accepting twice changes nothing', () => given(...accepted).when(c.acceptReferral(policeNunukan)).thenNothing());
    it('cannot accept a declined referral', () =>
      given(...referred, c.declineReferral(policeNunukan), toPolice({ referralId: 'ref-2', purpose: 'PROSECUTION' }))
        .when(c.acceptReferral(policeNunukan))
        .thenThrows('REFERRAL_NOT_PENDING'));
    it('refuses an unknown referral', () => given(...accepted).when(c.acceptReferral(policeNunukan, { referralId: 'ref-9' })).thenThrows('REFERRAL_NOT_FOUND'));
    it('only the addressed unit declines', () => given(...referred).when(c.declineReferral(uptdNunukan)).thenThrows('NOT_ADDRESSED_UNIT'));
    it('cannot decline an accepted referral', () => given(...accepted).when(c.declineReferral(policeNunukan)).thenThrows('REFERRAL_NOT_PENDING'));
    it('declining ends the addressee’s participation', () =>
      given(...referred, c.declineReferral(policeNunukan)).when(c.registerPoliceReport(policeNunukan)).thenThrows('NOT_A_PARTICIPANT'));
    it('only an accepted referral is completed', () => given(...referred).when(c.completeReferral(policeNunukan)).thenThrows('REFERRAL_NOT_ACCEPTED'));
    it('only the addressed unit completes', () => given(...accepted).when(c.completeReferral(uptdNunukan)).thenThrows('NOT_ADDRESSED_UNIT'));
    it('a completed referral keeps the unit in the case', () =>
      given(...accepted, c.completeReferral(policeNunukan)).when(c.registerPoliceReport(policeNunukan)).thenEmits(['PoliceReportRegistered']));
  });

  describe('WithdrawReferral', () => {
    it('only the sender withdraws', () => given(...accepted).when(c.withdrawReferral(policeNunukan)).thenThrows('NOT_SENDING_UNIT'));
    it('withdraws an accepted referral, and the recipient loses access', () =>
      given(...accepted, c.withdrawReferral(uptdNunukan)).when(c.registerPoliceReport(policeNunukan)).thenThrows('NOT_A_PARTICIPANT'));
    it('cannot withdraw a declined referral', () =>
      given(...referred, c.declineReferral(policeNunukan)).when(c.withdrawReferral(uptdNunukan)).thenThrows('REFERRAL_NOT_ACTIVE'));
    it('withdraws once', () => given(...referred, c.withdrawReferral(uptdNunukan)).when(c.withdrawReferral(uptdNunukan)).thenNothing());
    it('a unit keeps taking part through another live referral', () =>
      given(...accepted, toPolice({ referralId: 'ref-2', purpose: 'PROSECUTION' }), c.withdrawReferral(uptdNunukan))
        .when(c.registerPoliceReport(policeNunukan))
        .thenEmits(['PoliceReportRegistered']));
  });
});
