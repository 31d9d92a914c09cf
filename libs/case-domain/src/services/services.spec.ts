import { caseEvent } from '../case.events';
import { given } from '../testing/given-when-then';
import * as c from '../testing/case-commands.fixtures';
import { CASE_ID, NOW } from '../testing/case-commands.fixtures';
import { lpskRequested, opened, placed, serviceRequested, withConsent, withVictim } from '../testing/case-histories.fixtures';
import { kemenpppa, lbhKaltara, lpsk, rsudNunukan, unit, uptdNunukan } from '../testing/units';

const toRsud = (extra = {}) => c.requestService({ by: uptdNunukan, provider: rsudNunukan, ...extra });
const lpskNtt = unit('lpsk-perwakilan-ntt', 'LPSK');

describe('protection and services', () => {
  describe('RequestService', () => {
    it('starts the 7-day clock of Law 21/2007 art. 52(2)', () =>
      given(...withConsent)
        .when(toRsud())
        .then([
          caseEvent('ServiceRequested', {
            caseId: CASE_ID,
            serviceRequestId: 'svc-1',
            subjectRef: 'victim-1',
            kind: 'MEDICAL_REHABILITATION',
            fromUnitId: 'uptd-ppa-nunukan',
            providerUnitId: 'rsud-nunukan',
            providerAgencyType: 'HEALTH',
            requestedAt: NOW,
            dueBy: '2026-02-17T01:00:00.000Z',
            dueRule: 'Law 21/2007 art. 52(2): rehabilitation within 7 days of the request',
            sharingBasis: 'CONSENT',
            consentIds: ['consent-1'],
          }),
        ]));
    it('uses a configured day count and names it in the rule', () => {
      const command = toRsud();
      given(...withConsent)
        .when({ ...command, metadata: { ...command.metadata, deadlineDays: { SERVICE: 3 } } })
        .then([
          expect.objectContaining({
            type: 'ServiceRequested',
            data: expect.objectContaining({
              dueBy: '2026-02-13T01:00:00.000Z',
              dueRule: 'Law 21/2007 art. 52(2): rehabilitation within 7 days of the request (3 days by configuration; the law says 7)',
            }),
          }),
        ]);
    });
    it('needs no consent when the requesting unit provides the service itself', () =>
      given(...withVictim)
        .when(c.requestService({ by: uptdNunukan, provider: uptdNunukan, kind: 'PSYCHOSOCIAL' }))
        .then([expect.objectContaining({ data: expect.objectContaining({ sharingBasis: 'OWN_UNIT', consentIds: [] }) })]));
    it('needs consent for another provider', () =>
      given(...withConsent).when(c.requestService({ by: uptdNunukan, provider: lbhKaltara, kind: 'LEGAL_AID' })).thenThrows('CONSENT_REQUIRED'));
    it('or a legal basis, recorded as an override', () =>
      given(...withVictim)
        .when(toRsud({ legalBasis: 'VITAL_INTEREST', justification: 'Untreated injuries, victim unconscious' }))
        .thenEmits(['ConsentOverrideRecorded', 'ServiceRequested']));
    it('is for a registered victim', () => given(...opened).when(toRsud()).thenThrows('VICTIM_NOT_REGISTERED'));
    it('not from an oversight body', () =>
      given(...withConsent).when(c.requestService({ by: uptdNunukan, provider: kemenpppa })).thenThrows('RECIPIENT_CANNOT_PARTICIPATE'));
    it('requests the same service once', () => given(...serviceRequested).when(toRsud()).thenNothing());
    it('refuses a request id reused for another service', () =>
      given(...serviceRequested).when(toRsud({ kind: 'URGENT_CARE' })).thenThrows('ID_REUSED'));
    it('makes the provider a participant', () =>
      given(...serviceRequested).when(c.recordServiceDelivered(rsudNunukan)).thenEmits(['ServiceDelivered']));
  });

  describe('RecordServiceDelivered', () => {
    it('stops the clock', () =>
      given(...serviceRequested)
        .when(c.recordServiceDelivered(rsudNunukan))
        .then([caseEvent('ServiceDelivered', { caseId: CASE_ID, serviceRequestId: 'svc-1', note: 'Treated for untreated injuries', deliveredAt: NOW })]));
    it('only by the provider', () => given(...serviceRequested).when(c.recordServiceDelivered(uptdNunukan)).thenThrows('NOT_PROVIDER_UNIT'));
    it('of a requested service', () =>
      given(...serviceRequested).when(c.recordServiceDelivered(rsudNunukan, { serviceRequestId: 'svc-9' })).thenThrows('SERVICE_REQUEST_NOT_FOUND'));
    it('once', () => given(...serviceRequested, c.recordServiceDelivered(rsudNunukan)).when(c.recordServiceDelivered(rsudNunukan)).thenNothing());
  });

  describe('shelter placements', () => {
    it('one shelter at a time', () =>
      given(...placed).when(c.startShelterPlacement(uptdNunukan, { placementId: 'placement-2' })).thenThrows('SHELTER_PLACEMENT_ACTIVE'));
    it('of a registered victim', () => given(...opened).when(c.startShelterPlacement(uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
    it('the same placement once', () => given(...placed).when(c.startShelterPlacement(uptdNunukan)).thenNothing());
    it('a placement id is not reused', () =>
      given(...placed, c.endShelterPlacement(uptdNunukan)).when(c.startShelterPlacement(uptdNunukan, { subjectRef: 'victim-2' })).thenThrows('ID_REUSED'));
    it('an end needs a start', () => given(...withVictim).when(c.endShelterPlacement(uptdNunukan)).thenThrows('SHELTER_PLACEMENT_NOT_ACTIVE'));
    it('ends once', () => given(...placed, c.endShelterPlacement(uptdNunukan)).when(c.endShelterPlacement(uptdNunukan)).thenNothing());
    it('after the end a new placement can start', () =>
      given(...placed, c.endShelterPlacement(uptdNunukan)).when(c.startShelterPlacement(uptdNunukan, { placementId: 'placement-2' })).thenEmits(['ShelterPlacementStarted']));
  });

  describe('repatriation and reintegration', () => {
    it('repatriation is of a registered victim', () =>
      given(...opened).when(c.command('RecordRepatriation', uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
    it('reintegration is of a registered victim', () =>
      given(...opened).when(c.command('RecordReintegration', uptdNunukan)).thenThrows('VICTIM_NOT_REGISTERED'));
  });

  describe('LPSK protection', () => {
    it('is requested under the victim’s consent covering LPSK', () =>
      given(...withConsent)
        .when(c.requestLpskProtection(uptdNunukan))
        .then([
          caseEvent('LpskProtectionRequested', {
            caseId: CASE_ID,
            requestId: 'lpsk-1',
            subjectRef: 'victim-1',
            fromUnitId: 'uptd-ppa-nunukan',
            lpskUnitId: 'lpsk-ri',
            measures: ['SAFE_HOUSE', 'RESTITUTION_FACILITATION'],
            consentIds: ['consent-1'],
            requestedAt: NOW,
          }),
        ]));
    it('needs that consent: no legal-basis override', () => given(...withVictim).when(c.requestLpskProtection(uptdNunukan)).thenThrows('CONSENT_REQUIRED'));
    it('goes to an LPSK unit', () =>
      given(...withConsent).when(c.requestLpskProtection(uptdNunukan, { toUnitId: 'rsud-nunukan', toAgencyType: 'HEALTH' })).thenThrows('WRONG_RECIPIENT_TYPE'));
    it('one pending request per person', () =>
      given(...lpskRequested).when(c.requestLpskProtection(uptdNunukan, { requestId: 'lpsk-2' })).thenThrows('LPSK_REQUEST_PENDING'));
    it('for a registered victim', () =>
      given(...withConsent).when(c.requestLpskProtection(uptdNunukan, { subjectRef: 'victim-9' })).thenThrows('VICTIM_NOT_REGISTERED'));
    it('requests once', () => given(...lpskRequested).when(c.requestLpskProtection(uptdNunukan)).thenNothing());
    it('refuses a request id reused', () =>
      given(...lpskRequested).when(c.requestLpskProtection(uptdNunukan, { toUnitId: 'lpsk-perwakilan-ntt' })).thenThrows('ID_REUSED'));

    it('is decided by the LPSK unit it went to', () =>
      given(...lpskRequested)
        .when(c.decideLpskProtection(lpsk))
        .then([
          caseEvent('LpskProtectionDecided', {
            caseId: CASE_ID,
            requestId: 'lpsk-1',
            subjectRef: 'victim-1',
            decision: 'GRANTED',
            measures: ['SAFE_HOUSE'],
            reason: 'Threats from the recruiter network',
            decidedAt: NOW,
          }),
        ]));
    it('not by another LPSK unit', () =>
      given(...lpskRequested, c.sendReferral({ by: uptdNunukan, to: lpskNtt, purpose: 'WITNESS_PROTECTION', referralId: 'ref-lpsk' }))
        .when(c.decideLpskProtection(lpskNtt))
        .thenThrows('NOT_ADDRESSED_UNIT'));
    it('of a known request', () => given(...lpskRequested).when(c.decideLpskProtection(lpsk, { requestId: 'lpsk-9' })).thenThrows('LPSK_REQUEST_NOT_FOUND'));
    it('once: a grant is not turned into a refusal', () =>
      given(...lpskRequested, c.decideLpskProtection(lpsk))
        .when(c.decideLpskProtection(lpsk, { decision: 'REFUSED', measures: [] }))
        .thenThrows('LPSK_REQUEST_NOT_PENDING'));
    it('the same decision twice changes nothing', () =>
      given(...lpskRequested, c.decideLpskProtection(lpsk)).when(c.decideLpskProtection(lpsk)).thenNothing());
    it('a grant names its measures', () =>
      given(...lpskRequested).when(c.decideLpskProtection(lpsk, { measures: [] })).thenThrows('MALFORMED_COMMAND'));
  });
});
