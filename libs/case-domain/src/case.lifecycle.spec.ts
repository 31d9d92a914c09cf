import { CASE_COMMAND_TYPES, type CaseCommand, type CaseCommandType } from './case.commands';
import { caseEvent } from './case.events';
import { ON_CLOSED_CASE_TOO } from './case.decide';
import { given, recorded } from './testing/given-when-then';
import { SUCCESS_SCENARIOS } from './testing/case-histories.fixtures';
import { CASE_ID, NOW } from './testing/case-commands.fixtures';
import { unit, uptdNunukan } from './testing/units';
import type { AgencyType } from './agency-types';
import { isRetentionActor } from './shared/system-actors';

/** What each command records when it succeeds (sharing under consent adds no override). */
const EMITS: Readonly<Record<CaseCommandType, readonly string[]>> = {
  OpenCase: ['CaseOpened'],
  RegisterVictim: ['VictimRegistered'],
  DetermineVictimStatus: ['VictimStatusDetermined'],
  AppointGuardian: ['GuardianAppointed'],
  RecordConsent: ['ConsentRecorded'],
  WithdrawConsent: ['ConsentWithdrawn'],
  AssessRisk: ['RiskAssessed'],
  SendReferral: ['ReferralSent'],
  AcceptReferral: ['ReferralAccepted'],
  DeclineReferral: ['ReferralDeclined'],
  CompleteReferral: ['ReferralCompleted'],
  WithdrawReferral: ['ReferralWithdrawn'],
  ProposeLeadHandoff: ['LeadHandoffProposed'],
  AcceptLeadHandoff: ['LeadHandoffAccepted'],
  DeclineLeadHandoff: ['LeadHandoffDeclined'],
  RecordCustodyTransfer: ['PhysicalCustodyTransferred'],
  RequestService: ['ServiceRequested'],
  RecordServiceDelivered: ['ServiceDelivered'],
  StartShelterPlacement: ['ShelterPlacementStarted'],
  EndShelterPlacement: ['ShelterPlacementEnded'],
  RecordRepatriation: ['RepatriationCompleted'],
  RecordReintegration: ['ReintegrationCompleted'],
  RequestLpskProtection: ['LpskProtectionRequested'],
  DecideLpskProtection: ['LpskProtectionDecided'],
  RegisterPoliceReport: ['PoliceReportRegistered'],
  OpenInvestigation: ['InvestigationOpened'],
  SendInvestigationNotice: ['InvestigationNoticeSent'],
  IdentifySuspect: ['SuspectIdentified'],
  RegisterWitness: ['WitnessRegistered'],
  SubmitCaseFile: ['CaseFileSubmitted'],
  ReturnCaseFile: ['CaseFileReturned'],
  ResubmitCaseFile: ['CaseFileResubmitted'],
  DeclareCaseFileComplete: ['CaseFileDeclaredComplete'],
  HandOverSuspectAndEvidence: ['SuspectAndEvidenceHandedOver'],
  FileIndictment: ['IndictmentFiled'],
  RecordHearing: ['HearingHeld'],
  RecordVerdict: ['VerdictIssued'],
  AssessRestitution: ['RestitutionAssessed'],
  RecordRestitutionPayment: ['RestitutionPaid'],
  RecordRestitutionDefault: ['RestitutionDefaulted'],
  TerminateInvestigation: ['InvestigationTerminated'],
  CloseCase: ['CaseClosed'],
  ReopenCase: ['CaseReopened'],
  CorrectEvent: ['VictimRegisteredCorrected'],
  RequestSubjectErasure: ['SubjectErasureRequested'],
  ApproveSubjectErasure: ['SubjectErased'],
  RefuseSubjectErasure: ['SubjectErasureRefused'],
  PlaceLegalHold: ['LegalHoldPlaced'],
  ReleaseLegalHold: ['LegalHoldReleased'],
  EraseSubjectForRetention: ['SubjectErased'],
};

const withActor = (command: CaseCommand, unitId: string): CaseCommand =>
  ({ ...command, metadata: { ...command.metadata, actor: unit(unitId, command.metadata.actor.agencyType as AgencyType) } }) as CaseCommand;
const withData = (command: CaseCommand, data: object): CaseCommand => ({ ...command, data: { ...command.data, ...data } }) as CaseCommand;

const closedNow = recorded(caseEvent('CaseClosed', { caseId: CASE_ID, outcome: 'OTHER', reason: 'Closed for the test', leadUnitId: 'uptd-ppa-nunukan', closedAt: NOW }), uptdNunukan);

describe('every case command', () => {
  describe.each(CASE_COMMAND_TYPES)('%s', (type) => {
    const { given: history, when } = SUCCESS_SCENARIOS[type];

    it(`emits ${EMITS[type].join(', ')} on its happy path`, () => {
      given(...history).when(when).thenEmits(EMITS[type]);
    });

    it('changes nothing when retried with the same command id', () => given(...history).when(when).thenRetryChangesNothing());

    if (type !== 'OpenCase') {
      it('is refused on a case that does not exist', () => given().when(when).thenThrows('CASE_NOT_FOUND'));

      // The retention job takes part in no case; privacy.spec.ts refuses its command to every unit.
      if (!isRetentionActor(when.metadata.actor)) {
        it('is refused for a unit that does not take part (answered as 404)', () =>
          given(...history).when(withActor(when, `other-${when.metadata.actor.unitId}`)).thenThrows('NOT_A_PARTICIPANT'));
      }

      it('is refused when the command names another case', () =>
        given(...history).when(withData(when, { caseId: 'another-case' })).thenThrows('CASE_ID_MISMATCH'));
    }

    if (type !== 'OpenCase' && !ON_CLOSED_CASE_TOO.includes(type)) {
      it('is refused on a closed case', () => given(...history, closedNow).when(when).thenThrows('CASE_CLOSED'));
    }
  });
});
