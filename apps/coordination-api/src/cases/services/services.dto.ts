import { CaseCommandDto } from '../dto/case-command.dto';
import { LPSK_DECISIONS, LPSK_MEASURES, SERVICE_KINDS, SHELTER_KINDS } from '@tppo/case-domain';
import { CountryField, DateField, EnumField, EnumListField, IdField, RegionCodeField, TextField } from '../dto/fields';
import { SharingOverrideDto } from '../dto/sharing';

/** Starts the 7-day service clock; the provider's agency type comes from the unit registry. */
export class RequestServiceDto extends SharingOverrideDto {
  @IdField({ description: 'The victim the service is for' }) subjectRef!: string;
  @EnumField(SERVICE_KINDS) kind!: (typeof SERVICE_KINDS)[number];
  @IdField({ description: 'A unit of the registry', example: 'rsud-nunukan' }) providerUnitId!: string;
}

export class RecordServiceDeliveredDto extends CaseCommandDto {
  @TextField({ optional: true }) note?: string;
}

export class StartShelterPlacementDto extends CaseCommandDto {
  @IdField({ description: 'The victim placed' }) subjectRef!: string;
  @EnumField(SHELTER_KINDS) shelterKind!: (typeof SHELTER_KINDS)[number];
}

export class EndShelterPlacementDto extends CaseCommandDto {
  @TextField() reason!: string;
}

export class RecordRepatriationDto extends CaseCommandDto {
  @CountryField() fromCountry!: string;
  @RegionCodeField({ description: 'Where the person arrived (Kemendagri code)' }) arrivalRegionCode!: string;
  @DateField() arrivedOn!: string;
}

export class RecordReintegrationDto extends CaseCommandDto {
  @RegionCodeField({ description: 'Where the person was reintegrated (Kemendagri code)' }) regionCode!: string;
  @DateField() completedOn!: string;
}

/** Needs a consent covering LPSK; LPSK's agency type comes from the unit registry. */
export class RequestLpskProtectionDto extends CaseCommandDto {
  @IdField({ description: 'The victim or witness to protect' }) subjectRef!: string;
  @IdField({ description: 'The LPSK unit', example: 'lpsk-ri' }) toUnitId!: string;
  @EnumListField(LPSK_MEASURES, { minItems: 1 }) measures!: (typeof LPSK_MEASURES)[number][];
}

/** A grant names its measures; a refusal names none. */
export class DecideLpskProtectionDto extends CaseCommandDto {
  @EnumField(LPSK_DECISIONS) decision!: (typeof LPSK_DECISIONS)[number];
  @EnumListField(LPSK_MEASURES) measures!: (typeof LPSK_MEASURES)[number][];
  @TextField() reason!: string;
}
