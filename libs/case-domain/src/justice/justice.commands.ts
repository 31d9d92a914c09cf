import { amount, bool, id, isoDate, isoDateTime, oneOf, optional, sealedIdentity, shortText, text, wholeNumber } from '../shared/fields';
import { givenExactlyWhen, onlyWhen } from '../shared/cross-field-rules';
import { AGENCY_TYPES } from '../agency-types';
import { HEARING_AGENDAS, POLICE_REPORT_KINDS, SUSPECT_ROLES, TERMINATION_GROUNDS, VERDICT_OUTCOMES } from '../vocabulary';

export const JUSTICE_COMMANDS = {
  RegisterPoliceReport: { caseId: id, reportNumber: shortText, reportKind: oneOf(POLICE_REPORT_KINDS), reportedOn: isoDate },
  OpenInvestigation: { caseId: id, warrantNumber: shortText },
  SendInvestigationNotice: { caseId: id, noticeNumber: shortText, prosecutorUnitId: id, prosecutorAgencyType: oneOf(AGENCY_TYPES), victimNotified: bool },
  IdentifySuspect: { caseId: id, subjectRef: id, identity: sealedIdentity, role: oneOf(SUSPECT_ROLES) },
  RegisterWitness: { caseId: id, subjectRef: id, identity: sealedIdentity },
  SubmitCaseFile: { caseId: id, caseFileNumber: shortText, prosecutorUnitId: id, prosecutorAgencyType: oneOf(AGENCY_TYPES) },
  ReturnCaseFile: { caseId: id, instructions: text },
  ResubmitCaseFile: { caseId: id },
  DeclareCaseFileComplete: { caseId: id },
  HandOverSuspectAndEvidence: { caseId: id },
  FileIndictment: {
    caseId: id,
    indictmentNumber: shortText,
    courtUnitId: id,
    courtAgencyType: oneOf(AGENCY_TYPES),
    restitutionClaimed: bool,
    restitutionAmount: optional(amount),
  },
  RecordHearing: { caseId: id, heldOn: isoDate, agenda: oneOf(HEARING_AGENDAS) },
  /** Amounts are whole rupiah. `notifiedAt` starts the 14-day restitution clock when restitution is ordered. */
  RecordVerdict: { caseId: id, outcome: oneOf(VERDICT_OUTCOMES), sentenceMonths: optional(wholeNumber(0, 12 * 100)), restitutionAmount: optional(amount), notifiedAt: isoDateTime },
  AssessRestitution: { caseId: id, subjectRef: id, amount },
  RecordRestitutionPayment: { caseId: id, amount, paidOn: isoDate },
  RecordRestitutionDefault: { caseId: id, reason: text },
  TerminateInvestigation: { caseId: id, ground: oneOf(TERMINATION_GROUNDS), reason: text },
} as const;

export const JUSTICE_REFINEMENTS = {
  FileIndictment: givenExactlyWhen('restitutionAmount', 'restitutionClaimed', true, 'restitutionAmount is given exactly when restitution is claimed'),
  RecordVerdict: onlyWhen(['sentenceMonths', 'restitutionAmount'], 'outcome', 'CONVICTED', 'only a conviction carries a sentence or restitution'),
};
