import { CaseCommandDto } from '../dto/case-command.dto';
import { HEARING_AGENDAS, POLICE_REPORT_KINDS, SUSPECT_ROLES, TERMINATION_GROUNDS, VERDICT_OUTCOMES } from '@tppo/case-domain';
import { AmountField, BooleanField, CountField, DateField, DateTimeField, EnumField, IdField, NestedField, TextField } from '../dto/fields';
import { PersonIdentityDto } from '../dto/person-identity.dto';

const NUMBER_MAX = 200;

export class RegisterPoliceReportDto extends CaseCommandDto {
  @TextField({ maxLength: NUMBER_MAX, example: 'LP/B/12/II/2026/SPKT/POLRES NUNUKAN' }) reportNumber!: string;
  @EnumField(POLICE_REPORT_KINDS) reportKind!: (typeof POLICE_REPORT_KINDS)[number];
  @DateField() reportedOn!: string;
}

/** Starts the SPDP clock. */
export class OpenInvestigationDto extends CaseCommandDto {
  @TextField({ maxLength: NUMBER_MAX, example: 'Sprin.Sidik/15/II/2026/Reskrim' }) warrantNumber!: string;
}

/** SPDP: stops its clock; the prosecutor unit's agency type comes from the unit registry. */
export class SendInvestigationNoticeDto extends CaseCommandDto {
  @TextField({ maxLength: NUMBER_MAX, example: 'SPDP/15/II/2026/Reskrim' }) noticeNumber!: string;
  @IdField({ example: 'kejari-nunukan' }) prosecutorUnitId!: string;
  @BooleanField({ description: 'Whether the victim was told' }) victimNotified!: boolean;
}

export class IdentifySuspectDto extends CaseCommandDto {
  @NestedField(() => PersonIdentityDto) identity!: PersonIdentityDto;
  @EnumField(SUSPECT_ROLES) role!: (typeof SUSPECT_ROLES)[number];
}

export class RegisterWitnessDto extends CaseCommandDto {
  @NestedField(() => PersonIdentityDto) identity!: PersonIdentityDto;
}

/** Starts the prosecutor's review clock; the prosecutor unit becomes a participant. */
export class SubmitCaseFileDto extends CaseCommandDto {
  @TextField({ maxLength: NUMBER_MAX, example: 'BP/15/III/2026/Reskrim' }) caseFileNumber!: string;
  @IdField({ example: 'kejari-nunukan' }) prosecutorUnitId!: string;
}

/** P-19: the file goes back with instructions; starts the resubmission clock. */
export class ReturnCaseFileDto extends CaseCommandDto {
  @TextField() instructions!: string;
}

export class ResubmitCaseFileDto extends CaseCommandDto {}
export class DeclareCaseFileCompleteDto extends CaseCommandDto {}
export class HandOverSuspectAndEvidenceDto extends CaseCommandDto {}

/** `restitutionAmount` (whole rupiah) is given exactly when restitution is claimed. */
export class FileIndictmentDto extends CaseCommandDto {
  @TextField({ maxLength: NUMBER_MAX, example: 'PDM-07/NNK/04/2026' }) indictmentNumber!: string;
  @IdField({ example: 'pn-nunukan' }) courtUnitId!: string;
  @BooleanField() restitutionClaimed!: boolean;
  @AmountField({ optional: true }) restitutionAmount?: number;
}

export class RecordHearingDto extends CaseCommandDto {
  @DateField() heldOn!: string;
  @EnumField(HEARING_AGENDAS) agenda!: (typeof HEARING_AGENDAS)[number];
}

/** Only a conviction carries a sentence or restitution; `notifiedAt` starts the 14-day restitution clock. */
export class RecordVerdictDto extends CaseCommandDto {
  @EnumField(VERDICT_OUTCOMES) outcome!: (typeof VERDICT_OUTCOMES)[number];
  @CountField({ optional: true, max: 12 * 100, description: 'Months of imprisonment' }) sentenceMonths?: number;
  @AmountField({ optional: true }) restitutionAmount?: number;
  @DateTimeField() notifiedAt!: string;
}

export class AssessRestitutionDto extends CaseCommandDto {
  @IdField({ description: 'The victim the restitution is for' }) subjectRef!: string;
  @AmountField() amount!: number;
}

export class RecordRestitutionPaymentDto extends CaseCommandDto {
  @AmountField() amount!: number;
  @DateField() paidOn!: string;
}

export class RecordRestitutionDefaultDto extends CaseCommandDto {
  @TextField() reason!: string;
}

/** SP3: ends the investigation before P-21. */
export class TerminateInvestigationDto extends CaseCommandDto {
  @EnumField(TERMINATION_GROUNDS) ground!: (typeof TERMINATION_GROUNDS)[number];
  @TextField() reason!: string;
}
