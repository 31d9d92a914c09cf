import { CASE_PARTICIPANT_AGENCY_TYPES, type AgencyType } from './agency-types';
import type { CaseCommandType } from './case.commands';
import type { InterceptionCommandType } from './interception/interception.commands';
import { CaseRuleViolation } from './case-rule-violation';

const ANY_PARTICIPANT = CASE_PARTICIPANT_AGENCY_TYPES;

/**
 * The one table of which agency types may issue which command. It only says who may
 * ever issue a command; decide() adds participation and the unit-level rules (lead, addressee,
 * file holder). MINISTRY and TASK_FORCE issue no case commands: they read the timeline. The one
 * exception is the ministry's answer to an erasure request, which needs no part in the case.
 * docs/commands.md lists it with each command's rules; commands-doc.spec.ts keeps the two equal.
 */
export const COMMAND_PERMISSIONS: Readonly<Record<CaseCommandType | InterceptionCommandType, readonly AgencyType[]>> = {
  // intake
  OpenCase: ['POLICE', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'IMMIGRATION', 'NGO'],
  RegisterVictim: ['POLICE', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'NGO'],
  DetermineVictimStatus: ['POLICE', 'SERVICE_UNIT', 'PROSECUTOR'],
  AppointGuardian: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'COURT'],
  RecordConsent: ANY_PARTICIPANT,
  WithdrawConsent: ANY_PARTICIPANT,
  AssessRisk: ['SERVICE_UNIT', 'POLICE', 'SOCIAL_SERVICES', 'LPSK'],
  // sharing
  SendReferral: ANY_PARTICIPANT,
  AcceptReferral: ANY_PARTICIPANT,
  DeclineReferral: ANY_PARTICIPANT,
  CompleteReferral: ANY_PARTICIPANT,
  WithdrawReferral: ANY_PARTICIPANT,
  ProposeLeadHandoff: ANY_PARTICIPANT,
  AcceptLeadHandoff: ANY_PARTICIPANT,
  DeclineLeadHandoff: ANY_PARTICIPANT,
  RecordCustodyTransfer: ANY_PARTICIPANT,
  // protection and services
  RequestService: ['SERVICE_UNIT', 'POLICE', 'SOCIAL_SERVICES', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS'],
  RecordServiceDelivered: ANY_PARTICIPANT,
  StartShelterPlacement: ['SOCIAL_SERVICES', 'SERVICE_UNIT', 'LPSK'],
  EndShelterPlacement: ['SOCIAL_SERVICES', 'SERVICE_UNIT', 'LPSK'],
  RecordRepatriation: ['FOREIGN_AFFAIRS', 'MIGRANT_PROTECTION', 'SOCIAL_SERVICES', 'SERVICE_UNIT'],
  RecordReintegration: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'MIGRANT_PROTECTION'],
  RequestLpskProtection: ['POLICE', 'SERVICE_UNIT', 'LEGAL_AID'],
  DecideLpskProtection: ['LPSK'],
  // criminal justice
  RegisterPoliceReport: ['POLICE'],
  OpenInvestigation: ['POLICE'],
  SendInvestigationNotice: ['POLICE'],
  IdentifySuspect: ['POLICE'],
  RegisterWitness: ['POLICE', 'PROSECUTOR'],
  SubmitCaseFile: ['POLICE'],
  ReturnCaseFile: ['PROSECUTOR'],
  ResubmitCaseFile: ['POLICE'],
  DeclareCaseFileComplete: ['PROSECUTOR'],
  HandOverSuspectAndEvidence: ['POLICE'],
  FileIndictment: ['PROSECUTOR'],
  RecordHearing: ['PROSECUTOR', 'COURT'],
  RecordVerdict: ['COURT', 'PROSECUTOR'],
  AssessRestitution: ['LPSK'],
  RecordRestitutionPayment: ['PROSECUTOR', 'COURT', 'LPSK'],
  RecordRestitutionDefault: ['PROSECUTOR', 'COURT', 'LPSK'],
  TerminateInvestigation: ['POLICE'],
  // closure and corrections
  CloseCase: ANY_PARTICIPANT,
  ReopenCase: ANY_PARTICIPANT,
  CorrectEvent: ANY_PARTICIPANT,
  // personal data rights: erasure is decided by two units; the ministry may be the second (docs/domain.md)
  RequestSubjectErasure: ANY_PARTICIPANT,
  ApproveSubjectErasure: [...ANY_PARTICIPANT, 'MINISTRY'],
  RefuseSubjectErasure: [...ANY_PARTICIPANT, 'MINISTRY'],
  PlaceLegalHold: ['POLICE', 'PROSECUTOR', 'COURT'],
  ReleaseLegalHold: ['POLICE', 'PROSECUTOR', 'COURT'],
  // no agency type: only the retention job (privacy/retention.ts) issues it, as system:retention
  EraseSubjectForRetention: [],
  // prevention (its own stream per report)
  ReportDepartureInterception: ['IMMIGRATION', 'POLICE', 'MIGRANT_PROTECTION', 'TASK_FORCE'],
};

export const mayIssue = (type: CaseCommandType | InterceptionCommandType, agencyType: string): boolean =>
  (COMMAND_PERMISSIONS[type] as readonly string[]).includes(agencyType);

export const requirePermission = (type: CaseCommandType | InterceptionCommandType, agencyType: string): void => {
  if (!mayIssue(type, agencyType)) throw new CaseRuleViolation('AGENCY_NOT_PERMITTED', `${agencyType} may not issue ${type}`);
};
