import { sealedIdentity, bool, count, id, isoDate, isoDateTime, oneOf, optional, positive, text } from '../shared/fields';
import { HEARING_AGENDAS, POLICE_REPORT_KINDS, SUSPECT_ROLES, TERMINATION_GROUNDS, VERDICT_OUTCOMES } from '../vocabulary';
import { RULE_SETS } from '../deadlines/deadline-rules';

const ruleSet = oneOf(RULE_SETS);

/** Clock-starting events carry their due date and the rule it came from (KUHAP 1981 or Law 20/2025). */
export const JUSTICE_EVENTS = {
  PoliceReportRegistered: { caseId: id, reportNumber: text, reportKind: oneOf(POLICE_REPORT_KINDS), reportedOn: isoDate, policeUnitId: id, registeredAt: isoDateTime },
  InvestigationOpened: { caseId: id, policeUnitId: id, warrantNumber: text, openedAt: isoDateTime, noticeDueBy: isoDateTime, ruleSet, noticeRule: text },
  InvestigationNoticeSent: { caseId: id, noticeNumber: text, prosecutorUnitId: id, victimNotified: bool, sentAt: isoDateTime },
  SuspectIdentified: { caseId: id, subjectRef: id, identity: sealedIdentity, role: oneOf(SUSPECT_ROLES), identifiedAt: isoDateTime },
  WitnessRegistered: { caseId: id, subjectRef: id, identity: sealedIdentity, registeredAt: isoDateTime },
  CaseFileSubmitted: {
    caseId: id,
    caseFileNumber: text,
    policeUnitId: id,
    prosecutorUnitId: id,
    submittedAt: isoDateTime,
    reviewDueBy: isoDateTime,
    ruleSet,
    reviewRule: text,
  },
  CaseFileReturned: {
    caseId: id,
    caseFileNumber: text,
    prosecutorUnitId: id,
    instructions: text,
    returnedAt: isoDateTime,
    resubmitDueBy: isoDateTime,
    ruleSet,
    resubmitRule: text,
  },
  CaseFileResubmitted: { caseId: id, caseFileNumber: text, resubmittedAt: isoDateTime, reviewDueBy: isoDateTime, ruleSet, reviewRule: text },
  CaseFileDeclaredComplete: { caseId: id, caseFileNumber: text, prosecutorUnitId: id, declaredAt: isoDateTime },
  SuspectAndEvidenceHandedOver: { caseId: id, caseFileNumber: text, prosecutorUnitId: id, handedOverAt: isoDateTime },
  IndictmentFiled: {
    caseId: id,
    indictmentNumber: text,
    courtUnitId: id,
    restitutionClaimed: bool,
    restitutionAmount: optional(positive),
    filedAt: isoDateTime,
  },
  HearingHeld: { caseId: id, heldOn: isoDate, agenda: oneOf(HEARING_AGENDAS), recordedAt: isoDateTime },
  VerdictIssued: {
    caseId: id,
    outcome: oneOf(VERDICT_OUTCOMES),
    sentenceMonths: optional(count),
    restitutionOrdered: bool,
    restitutionAmount: optional(positive),
    notifiedAt: isoDateTime,
    restitutionDueBy: optional(isoDateTime),
    restitutionRule: optional(text),
    recordedAt: isoDateTime,
  },
  RestitutionAssessed: { caseId: id, subjectRef: id, amount: positive, assessedAt: isoDateTime },
  RestitutionPaid: { caseId: id, amount: positive, paidOn: isoDate, fullyPaid: bool, recordedAt: isoDateTime },
  RestitutionDefaulted: { caseId: id, reason: text, recordedAt: isoDateTime },
  InvestigationTerminated: { caseId: id, ground: oneOf(TERMINATION_GROUNDS), reason: text, terminatedAt: isoDateTime },
} as const;
