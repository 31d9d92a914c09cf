import { bool, count, id, isoDate, isoDateTime, oneOf, optional, positive, sealedIdentity, text, type Refinement } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { HEARING_AGENDAS, POLICE_REPORT_KINDS, SUSPECT_ROLES, TERMINATION_GROUNDS, VERDICT_OUTCOMES } from '../vocabulary';

export const JUSTICE_COMMANDS = {
  RegisterPoliceReport: { caseId: id, reportNumber: text, reportKind: oneOf(POLICE_REPORT_KINDS), reportedOn: isoDate },
  OpenInvestigation: { caseId: id, warrantNumber: text },
  SendInvestigationNotice: { caseId: id, noticeNumber: text, prosecutorUnitId: id, prosecutorAgencyType: oneOf(AGENCY_TYPES), victimNotified: bool },
  IdentifySuspect: { caseId: id, subjectRef: id, identity: sealedIdentity, role: oneOf(SUSPECT_ROLES) },
  RegisterWitness: { caseId: id, subjectRef: id, identity: sealedIdentity },
  SubmitCaseFile: { caseId: id, caseFileNumber: text, prosecutorUnitId: id, prosecutorAgencyType: oneOf(AGENCY_TYPES) },
  ReturnCaseFile: { caseId: id, instructions: text },
  ResubmitCaseFile: { caseId: id },
  DeclareCaseFileComplete: { caseId: id },
  HandOverSuspectAndEvidence: { caseId: id },
  FileIndictment: {
    caseId: id,
    indictmentNumber: text,
    courtUnitId: id,
    courtAgencyType: oneOf(AGENCY_TYPES),
    restitutionClaimed: bool,
    restitutionAmount: optional(positive),
  },
  RecordHearing: { caseId: id, heldOn: isoDate, agenda: oneOf(HEARING_AGENDAS) },
  /** Amounts are whole rupiah. `notifiedAt` starts the 14-day restitution clock when restitution is ordered. */
  RecordVerdict: { caseId: id, outcome: oneOf(VERDICT_OUTCOMES), sentenceMonths: optional(count), restitutionAmount: optional(positive), notifiedAt: isoDateTime },
  AssessRestitution: { caseId: id, subjectRef: id, amount: positive },
  RecordRestitutionPayment: { caseId: id, amount: positive, paidOn: isoDate },
  RecordRestitutionDefault: { caseId: id, reason: text },
  TerminateInvestigation: { caseId: id, ground: oneOf(TERMINATION_GROUNDS), reason: text },
} as const;

export const JUSTICE_REFINEMENTS = {
  FileIndictment: ((d) =>
    d.restitutionClaimed === (d.restitutionAmount !== undefined) ? [] : ['restitutionAmount is given exactly when restitution is claimed']) as Refinement<{
    restitutionClaimed: boolean;
    restitutionAmount?: number;
  }>,
  RecordVerdict: ((d) =>
    d.outcome !== 'CONVICTED' && (d.sentenceMonths !== undefined || d.restitutionAmount !== undefined)
      ? ['only a conviction carries a sentence or restitution']
      : []) as Refinement<{ outcome: string; sentenceMonths?: number; restitutionAmount?: number }>,
};
