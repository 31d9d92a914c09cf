import { CaseCommandDto } from '../dto/case-command.dto';
import {
  AGE_BANDS, CASE_SOURCES, CONSENT_GIVERS, CONSENT_PURPOSES, DATA_CATEGORIES, EXPLOITATION_TYPES, GUARDIAN_RELATIONSHIPS,
  MODUS_CODES, RISK_FACTORS, RISK_LEVELS, SEXES, VICTIM_STATUSES, AGENCY_TYPES,
} from '@tppo/case-domain';
import { CountryField, DateField, DateTimeField, EnumField, EnumListField, IdField, IdListField, NestedField, RegionCodeField, TextField } from '../dto/fields';
import { PersonIdentityDto } from '../dto/person-identity.dto';

/** The case id is minted by the API (a client never learns whether some other id exists). */
export class OpenCaseDto extends CaseCommandDto {
  @RegionCodeField({ description: 'Where the case is handled (Kemendagri code)' }) regionCode!: string;
  @EnumField(CASE_SOURCES) source!: (typeof CASE_SOURCES)[number];
  @EnumListField(EXPLOITATION_TYPES, { description: 'Suspected forms of exploitation' }) exploitationTypes!: (typeof EXPLOITATION_TYPES)[number][];
  @EnumListField(MODUS_CODES, { description: 'Modus operandi codes' }) modusCodes!: (typeof MODUS_CODES)[number][];
  @IdField({ optional: true, description: 'The departure interception this case came from' }) interceptionReportId?: string;
}

/** Give `birthDate` when known, otherwise `ageBand`; the birth date only derives the child flag and is never stored. */
export class RegisterVictimDto extends CaseCommandDto {
  @NestedField(() => PersonIdentityDto) identity!: PersonIdentityDto;
  @EnumField(SEXES) sex!: (typeof SEXES)[number];
  @CountryField({ example: 'ID' }) nationality!: string;
  @RegionCodeField({ optional: true, description: 'Region of origin (Kemendagri code)' }) originRegionCode?: string;
  @DateField({ optional: true, example: '2010-04-01' }) birthDate?: string;
  @EnumField(AGE_BANDS, { optional: true }) ageBand?: (typeof AGE_BANDS)[number];
}

export class DetermineVictimStatusDto extends CaseCommandDto {
  @EnumField(VICTIM_STATUSES) status!: (typeof VICTIM_STATUSES)[number];
  @TextField() reason!: string;
}

export class AppointGuardianDto extends CaseCommandDto {
  @NestedField(() => PersonIdentityDto) identity!: PersonIdentityDto;
  @EnumField(GUARDIAN_RELATIONSHIPS) relationship!: (typeof GUARDIAN_RELATIONSHIPS)[number];
}

export class RecordConsentDto extends CaseCommandDto {
  @IdField({ description: 'The victim the consent is about' }) subjectRef!: string;
  @EnumField(CONSENT_GIVERS) givenBy!: (typeof CONSENT_GIVERS)[number];
  @IdField({ optional: true, description: 'Required when givenBy is GUARDIAN' }) guardianRef?: string;
  @EnumListField(AGENCY_TYPES) recipientAgencyTypes!: (typeof AGENCY_TYPES)[number][];
  @IdListField() recipientUnitIds!: string[];
  @EnumListField(CONSENT_PURPOSES, { minItems: 1 }) purposes!: (typeof CONSENT_PURPOSES)[number][];
  @EnumListField(DATA_CATEGORIES, { minItems: 1 }) dataCategories!: (typeof DATA_CATEGORIES)[number][];
  @DateTimeField({ optional: true }) expiresAt?: string;
}

export class WithdrawConsentDto extends CaseCommandDto {
  @TextField({ optional: true }) reason?: string;
}

export class AssessRiskDto extends CaseCommandDto {
  @EnumField(RISK_LEVELS) level!: (typeof RISK_LEVELS)[number];
  @EnumListField(RISK_FACTORS) factors!: (typeof RISK_FACTORS)[number][];
}
