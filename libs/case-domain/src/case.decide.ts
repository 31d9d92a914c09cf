import { CASE_COMMAND_REFINEMENTS, CASE_COMMAND_SPECS, type CaseCommand, type CaseCommandOf, type CaseCommandType } from './case.commands';
import type { CaseEvent } from './case.events';
import type { CaseState, ExistingCaseState, OpenCaseState } from './case.state';
import { requirePermission } from './command-permissions';
import { validateCommand } from './shared/command-validation';
import { fail } from './shared/guards';
import { checkOccurredAt } from './shared/occurred-at';
import { participates } from './shared/participation';
import { openCase } from './intake/open-case';
import { registerVictim } from './intake/register-victim';
import { determineVictimStatus } from './intake/determine-victim-status';
import { appointGuardian } from './intake/appoint-guardian';
import { recordConsent } from './intake/record-consent';
import { withdrawConsent } from './intake/withdraw-consent';
import { assessRisk } from './intake/assess-risk';
import { sendReferral } from './referral/send-referral';
import { acceptReferral } from './referral/accept-referral';
import { declineReferral } from './referral/decline-referral';
import { completeReferral } from './referral/complete-referral';
import { withdrawReferral } from './referral/withdraw-referral';
import { proposeLeadHandoff } from './handoff/propose-lead-handoff';
import { acceptLeadHandoff } from './handoff/accept-lead-handoff';
import { declineLeadHandoff } from './handoff/decline-lead-handoff';
import { recordCustodyTransfer } from './handoff/record-custody-transfer';
import { requestService } from './services/request-service';
import { recordServiceDelivered } from './services/record-service-delivered';
import { startShelterPlacement } from './services/start-shelter-placement';
import { endShelterPlacement } from './services/end-shelter-placement';
import { recordRepatriation } from './services/record-repatriation';
import { recordReintegration } from './services/record-reintegration';
import { requestLpskProtection } from './services/request-lpsk-protection';
import { decideLpskProtection } from './services/decide-lpsk-protection';
import { registerPoliceReport } from './justice/register-police-report';
import { openInvestigation } from './justice/open-investigation';
import { sendInvestigationNotice } from './justice/send-investigation-notice';
import { identifySuspect } from './justice/identify-suspect';
import { registerWitness } from './justice/register-witness';
import { submitCaseFile } from './justice/submit-case-file';
import { returnCaseFile } from './justice/return-case-file';
import { resubmitCaseFile } from './justice/resubmit-case-file';
import { declareCaseFileComplete } from './justice/declare-case-file-complete';
import { handOverSuspectAndEvidence } from './justice/hand-over-suspect-and-evidence';
import { fileIndictment } from './justice/file-indictment';
import { recordHearing } from './justice/record-hearing';
import { recordVerdict } from './justice/record-verdict';
import { assessRestitution } from './justice/assess-restitution';
import { recordRestitutionPayment } from './justice/record-restitution-payment';
import { recordRestitutionDefault } from './justice/record-restitution-default';
import { terminateInvestigation } from './justice/terminate-investigation';
import { closeCase } from './closure/close-case';
import { reopenCase } from './closure/reopen-case';
import { correctEvent } from './closure/correct-event';
import { requestSubjectErasure } from './privacy/request-subject-erasure';
import { approveSubjectErasure } from './privacy/approve-subject-erasure';
import { refuseSubjectErasure } from './privacy/refuse-subject-erasure';
import { placeLegalHold } from './privacy/place-legal-hold';
import { releaseLegalHold } from './privacy/release-legal-hold';
import { ministryDecidesErasure, refuseErasedSubjects } from './privacy/erasure-rules';
import { eraseSubjectForRetention } from './privacy/retention';
import { isRetentionActor } from './shared/system-actors';

/**
 * A person's data rights outlive the case: erasure is most often asked once a case is closed and
 * its purpose spent, and a hold must be placeable on a closed case that an appeal may reopen.
 */
const ON_ANY_CASE = {
  RequestSubjectErasure: requestSubjectErasure,
  ApproveSubjectErasure: approveSubjectErasure,
  RefuseSubjectErasure: refuseSubjectErasure,
  PlaceLegalHold: placeLegalHold,
  ReleaseLegalHold: releaseLegalHold,
  EraseSubjectForRetention: eraseSubjectForRetention,
} as const satisfies { readonly [T in CaseCommandType]?: (command: CaseCommandOf<T>, state: ExistingCaseState) => CaseEvent[] };

/** The commands that run on a closed case as on an open one. */
export const ON_CLOSED_CASE_TOO: readonly CaseCommandType[] = ['ReopenCase', ...(Object.keys(ON_ANY_CASE) as (keyof typeof ON_ANY_CASE)[])];

type OnOpenCase = Exclude<CaseCommandType, 'OpenCase' | 'ReopenCase' | keyof typeof ON_ANY_CASE>;

/** The rule for each command that runs on an open case; the type breaks when a command has none. */
const ON_OPEN_CASE: { readonly [T in OnOpenCase]: (command: CaseCommandOf<T>, state: OpenCaseState) => CaseEvent[] } = {
  RegisterVictim: registerVictim,
  DetermineVictimStatus: determineVictimStatus,
  AppointGuardian: appointGuardian,
  RecordConsent: recordConsent,
  WithdrawConsent: withdrawConsent,
  AssessRisk: assessRisk,
  SendReferral: sendReferral,
  AcceptReferral: acceptReferral,
  DeclineReferral: declineReferral,
  CompleteReferral: completeReferral,
  WithdrawReferral: withdrawReferral,
  ProposeLeadHandoff: proposeLeadHandoff,
  AcceptLeadHandoff: acceptLeadHandoff,
  DeclineLeadHandoff: declineLeadHandoff,
  RecordCustodyTransfer: recordCustodyTransfer,
  RequestService: requestService,
  RecordServiceDelivered: recordServiceDelivered,
  StartShelterPlacement: startShelterPlacement,
  EndShelterPlacement: endShelterPlacement,
  RecordRepatriation: recordRepatriation,
  RecordReintegration: recordReintegration,
  RequestLpskProtection: requestLpskProtection,
  DecideLpskProtection: decideLpskProtection,
  RegisterPoliceReport: registerPoliceReport,
  OpenInvestigation: openInvestigation,
  SendInvestigationNotice: sendInvestigationNotice,
  IdentifySuspect: identifySuspect,
  RegisterWitness: registerWitness,
  SubmitCaseFile: submitCaseFile,
  ReturnCaseFile: returnCaseFile,
  ResubmitCaseFile: resubmitCaseFile,
  DeclareCaseFileComplete: declareCaseFileComplete,
  HandOverSuspectAndEvidence: handOverSuspectAndEvidence,
  FileIndictment: fileIndictment,
  RecordHearing: recordHearing,
  RecordVerdict: recordVerdict,
  AssessRestitution: assessRestitution,
  RecordRestitutionPayment: recordRestitutionPayment,
  RecordRestitutionDefault: recordRestitutionDefault,
  TerminateInvestigation: terminateInvestigation,
  CloseCase: closeCase,
  CorrectEvent: correctEvent,
};

const isOnAnyCase = (command: CaseCommand): command is Extract<CaseCommand, { type: keyof typeof ON_ANY_CASE }> => Object.hasOwn(ON_ANY_CASE, command.type);

/**
 * Whether the actor may act on the case at all: its agency type may issue the command (static, says
 * nothing about the case), then the case exists and the unit takes part in it (both answered as 404).
 */
const admit = (command: Pick<CaseCommand, 'type' | 'data' | 'metadata'>, state: CaseState): void => {
  const { actor } = command.metadata;
  // The retention job is in no permission row: no agency type may issue its command.
  const retention = command.type === 'EraseSubjectForRetention' && isRetentionActor(actor);
  if (!retention) requirePermission(command.type, actor.agencyType);
  if (command.type === 'OpenCase') return;
  if (state.status === 'none') fail('CASE_NOT_FOUND', `Case does not exist`);
  else if (!participates(state, actor.unitId) && !ministryDecidesErasure(state, command) && !retention) fail('NOT_A_PARTICIPANT', `Unit ${actor.unitId} does not take part in case ${state.caseId}`);
};

/** A well-formed command its actor may issue on this case (handleCommand asks before it answers a stale If-Match). */
export const admitToCase = (input: CaseCommand, state: CaseState): void => {
  admit(validateCommand<CaseCommand>(input, CASE_COMMAND_SPECS, CASE_COMMAND_REFINEMENTS), state);
};

/**
 * The checks every command passes, in an order that leaks nothing: shape first, then a retry, then
 * the agency type (static, says nothing about the case), then existence and participation (both
 * answered as 404 by the API), then the declared time of the act (told only to participants, since
 * it names when the case was opened), and only then the state of the case and the command's own rules.
 */
export const decideCase = (input: CaseCommand, state: CaseState): CaseEvent[] => {
  const command = validateCommand<CaseCommand>(input, CASE_COMMAND_SPECS, CASE_COMMAND_REFINEMENTS);
  if (state.status !== 'none' && state.handledCommands.has(command.metadata.commandId)) return [];
  admit(command, state);

  if (command.type === 'OpenCase') {
    if (state.status !== 'none') return fail('CASE_ALREADY_EXISTS', `Case ${command.data.caseId} already exists`);
    checkOccurredAt(command.metadata, undefined);
    return openCase(command);
  }
  if (state.status === 'none') return fail('CASE_NOT_FOUND', `Case ${command.data.caseId} does not exist`);
  if (command.data.caseId !== state.caseId) return fail('CASE_ID_MISMATCH', `Command for ${command.data.caseId} reached case ${state.caseId}`);
  checkOccurredAt(command.metadata, state.openedAt);
  refuseErasedSubjects(state, command.data);

  if (isOnAnyCase(command)) return (ON_ANY_CASE[command.type] as (command: CaseCommand, state: ExistingCaseState) => CaseEvent[])(command, state);
  if (command.type === 'ReopenCase') {
    if (state.status !== 'closed') return fail('CASE_NOT_CLOSED', `Case ${state.caseId} is open`);
    return reopenCase(command, state);
  }
  if (state.status === 'closed') return fail('CASE_CLOSED', `Case ${state.caseId} is closed; reopen it first`);
  const rule = ON_OPEN_CASE[command.type] as (command: CaseCommand, state: OpenCaseState) => CaseEvent[];
  return rule(command, state);
};
