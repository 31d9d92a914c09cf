import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { accepted, handoffProposed, opened, withConsent, withVictim } from '../testing/case-histories.fixtures';
import { dinsosNunukan, ngoNunukan, policeNunukan, uptdNunukan } from '../testing/units';

const toDinsos = (extra = {}) => c.proposeLeadHandoff({ by: uptdNunukan, to: dinsosNunukan, ...extra });

describe('lead handoffs', () => {
  describe('ProposeLeadHandoff', () => {
    it('proposes under consent; the lead does not change yet', () =>
      given(...withConsent)
        .when(toDinsos())
        .then([
          caseEvent('LeadHandoffProposed', {
            caseId: CASE_ID,
            handoffId: 'handoff-1',
            fromUnitId: 'uptd-ppa-nunukan',
            toUnitId: 'dinsos-nunukan',
            toAgencyType: 'SOCIAL_SERVICES',
            reason: 'Victim moves to long-term social rehabilitation',
            proposedAt: NOW,
            sharingBasis: 'CONSENT',
            consentIds: ['consent-1'],
          }),
        ]));
    it('only the lead proposes', () =>
      given(...accepted).when(c.proposeLeadHandoff({ by: policeNunukan, to: dinsosNunukan })).thenThrows('NOT_LEAD_UNIT'));
    it('one handoff at a time', () => given(...handoffProposed).when(toDinsos({ handoffId: 'handoff-2' })).thenThrows('HANDOFF_PENDING'));
    it('not to oneself', () => given(...withConsent).when(c.proposeLeadHandoff({ by: uptdNunukan, to: uptdNunukan })).thenThrows('SELF_ADDRESSED'));
    it('needs consent covering the receiver', () =>
      given(...withConsent).when(c.proposeLeadHandoff({ by: uptdNunukan, to: ngoNunukan })).thenThrows('CONSENT_REQUIRED'));
    it('or a legal basis, recorded as an override', () =>
      given(...withVictim)
        .when(toDinsos({ legalBasis: 'CHILD_PROTECTION_EMERGENCY', justification: 'Family home unsafe' }))
        .thenEmits(['ConsentOverrideRecorded', 'LeadHandoffProposed']));
    it('proposes the same handoff once', () => given(...handoffProposed).when(toDinsos()).thenNothing());
    it('refuses a handoff id reused for another unit', () =>
      given(...handoffProposed).when(c.proposeLeadHandoff({ by: uptdNunukan, to: policeNunukan })).thenThrows('ID_REUSED'));
  });

  describe('answering a handoff', () => {
    it('accepting moves the lead to the receiver', () =>
      given(...handoffProposed)
        .when(c.acceptLeadHandoff(dinsosNunukan))
        .then([
          caseEvent('LeadHandoffAccepted', {
            caseId: CASE_ID,
            handoffId: 'handoff-1',
            fromUnitId: 'uptd-ppa-nunukan',
            toUnitId: 'dinsos-nunukan',
            toAgencyType: 'SOCIAL_SERVICES',
            acceptedAt: NOW,
          }),
        ]));
    it('after acceptance the new lead closes and the old one cannot', () => {
      given(...handoffProposed, c.acceptLeadHandoff(dinsosNunukan)).when(c.closeCase(dinsosNunukan)).thenEmits(['CaseClosed']);
      given(...handoffProposed, c.acceptLeadHandoff(dinsosNunukan)).when(c.closeCase(uptdNunukan)).thenThrows('NOT_LEAD_UNIT');
    });
    it('until acceptance the sender stays the lead', () =>
      given(...handoffProposed).when(c.proposeLeadHandoff({ by: dinsosNunukan, to: uptdNunukan, handoffId: 'h-2' })).thenThrows('NOT_LEAD_UNIT'));
    it('only the addressed unit answers', () => given(...handoffProposed).when(c.acceptLeadHandoff(uptdNunukan)).thenThrows('NOT_ADDRESSED_UNIT'));
    it('refuses an unknown handoff', () =>
      given(...handoffProposed).when(c.acceptLeadHandoff(dinsosNunukan, { handoffId: 'h-9' })).thenThrows('HANDOFF_NOT_FOUND'));
    it('cannot accept a declined handoff', () =>
      given(...handoffProposed, c.declineLeadHandoff(dinsosNunukan))
        .when(c.acceptLeadHandoff(dinsosNunukan))
        .thenThrows('NOT_A_PARTICIPANT'));
    it('cannot decline an accepted handoff', () =>
      given(...handoffProposed, c.acceptLeadHandoff(dinsosNunukan)).when(c.declineLeadHandoff(dinsosNunukan)).thenThrows('HANDOFF_NOT_PENDING'));
    it('accepting twice changes nothing', () =>
      given(...handoffProposed, c.acceptLeadHandoff(dinsosNunukan)).when(c.acceptLeadHandoff(dinsosNunukan)).thenNothing());
    it('declining leaves the lead where it was', () =>
      given(...handoffProposed, c.declineLeadHandoff(dinsosNunukan)).when(c.closeCase(uptdNunukan)).thenEmits(['CaseClosed']));
  });

  describe('RecordCustodyTransfer', () => {
    it('the receiving unit confirms it has the person', () =>
      given(...handoffProposed)
        .when(c.recordCustodyTransfer(dinsosNunukan))
        .then([
          caseEvent('PhysicalCustodyTransferred', {
            caseId: CASE_ID,
            subjectRef: 'victim-1',
            fromUnitId: 'uptd-ppa-nunukan',
            toUnitId: 'dinsos-nunukan',
            transferredAt: NOW,
          }),
        ]));
    it('not from oneself', () =>
      given(...withVictim).when(c.recordCustodyTransfer(uptdNunukan)).thenThrows('SELF_ADDRESSED'));
    it('of a registered victim', () =>
      given(...opened).when(c.recordCustodyTransfer(uptdNunukan, { fromUnitId: 'polres-nunukan' })).thenThrows('VICTIM_NOT_REGISTERED'));
  });
});
