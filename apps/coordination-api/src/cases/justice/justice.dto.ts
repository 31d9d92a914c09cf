import { caseCommandBody } from '../dto/body';

export class RegisterPoliceReportDto extends caseCommandBody('RegisterPoliceReport', [], { reportNumber: { example: 'LP/B/12/II/2026/SPKT/POLRES NUNUKAN' } }) {}

/** Starts the SPDP clock. */
export class OpenInvestigationDto extends caseCommandBody('OpenInvestigation', [], { warrantNumber: { example: 'Sprin.Sidik/15/II/2026/Reskrim' } }) {}

/** SPDP: stops its clock; the prosecutor unit's agency type comes from the unit registry. */
export class SendInvestigationNoticeDto extends caseCommandBody('SendInvestigationNotice', ['prosecutorAgencyType'], {
  noticeNumber: { example: 'SPDP/15/II/2026/Reskrim' },
  prosecutorUnitId: { example: 'kejari-nunukan' },
  victimNotified: { description: 'Whether the victim was told' },
}) {}

/** The suspect's ref is minted by the API. */
export class IdentifySuspectDto extends caseCommandBody('IdentifySuspect', ['subjectRef']) {}

export class RegisterWitnessDto extends caseCommandBody('RegisterWitness', ['subjectRef']) {}

/** Starts the prosecutor's review clock; the prosecutor unit becomes a participant. */
export class SubmitCaseFileDto extends caseCommandBody('SubmitCaseFile', ['prosecutorAgencyType'], {
  caseFileNumber: { example: 'BP/15/III/2026/Reskrim' },
  prosecutorUnitId: { example: 'kejari-nunukan' },
}) {}

/** P-19: the file goes back with instructions; starts the resubmission clock. */
export class ReturnCaseFileDto extends caseCommandBody('ReturnCaseFile') {}

export class ResubmitCaseFileDto extends caseCommandBody('ResubmitCaseFile') {}
export class DeclareCaseFileCompleteDto extends caseCommandBody('DeclareCaseFileComplete') {}
export class HandOverSuspectAndEvidenceDto extends caseCommandBody('HandOverSuspectAndEvidence') {}

/** `restitutionAmount` (whole rupiah) is given exactly when restitution is claimed. */
export class FileIndictmentDto extends caseCommandBody('FileIndictment', ['courtAgencyType'], {
  indictmentNumber: { example: 'PDM-07/NNK/04/2026' },
  courtUnitId: { example: 'pn-nunukan' },
  restitutionAmount: { example: 45_000_000 },
}) {}

export class RecordHearingDto extends caseCommandBody('RecordHearing', [], { heldOn: { example: '2026-02-09' } }) {}

/** Only a conviction carries a sentence or restitution; `notifiedAt` starts the 14-day restitution clock. */
export class RecordVerdictDto extends caseCommandBody('RecordVerdict', [], {
  sentenceMonths: { description: 'Months of imprisonment' },
  restitutionAmount: { example: 45_000_000 },
  notifiedAt: { example: '2026-02-17T09:00:00+08:00' },
}) {}

export class AssessRestitutionDto extends caseCommandBody('AssessRestitution', [], {
  subjectRef: { description: 'The victim the restitution is for' },
  amount: { example: 45_000_000 },
}) {}

export class RecordRestitutionPaymentDto extends caseCommandBody('RecordRestitutionPayment', [], { amount: { example: 45_000_000 }, paidOn: { example: '2026-02-09' } }) {}

export class RecordRestitutionDefaultDto extends caseCommandBody('RecordRestitutionDefault') {}

/** SP3: ends the investigation before P-21. */
export class TerminateInvestigationDto extends caseCommandBody('TerminateInvestigation') {}
