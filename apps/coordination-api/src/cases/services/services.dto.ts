import { caseCommandBody } from '../dto/body';
import { OVERRIDE_DOCS } from '../dto/sharing';

/** Starts the 7-day service clock; the provider's agency type comes from the unit registry. */
export class RequestServiceDto extends caseCommandBody('RequestService', ['serviceRequestId', 'providerAgencyType'], {
  ...OVERRIDE_DOCS,
  subjectRef: { description: 'The victim the service is for' },
  providerUnitId: { description: 'A unit of the registry', example: 'rsud-nunukan' },
}) {}

export class RecordServiceDeliveredDto extends caseCommandBody('RecordServiceDelivered', ['serviceRequestId']) {}

export class StartShelterPlacementDto extends caseCommandBody('StartShelterPlacement', ['placementId'], { subjectRef: { description: 'The victim placed' } }) {}

export class EndShelterPlacementDto extends caseCommandBody('EndShelterPlacement', ['placementId']) {}

export class RecordRepatriationDto extends caseCommandBody('RecordRepatriation', ['subjectRef'], {
  fromCountry: { description: 'ISO 3166-1 alpha-2', example: 'MY' },
  arrivalRegionCode: { description: 'Where the person arrived (Kemendagri code)', example: '65.03' },
}) {}

export class RecordReintegrationDto extends caseCommandBody('RecordReintegration', ['subjectRef'], {
  regionCode: { description: 'Where the person was reintegrated (Kemendagri code)', example: '65.03' },
}) {}

/** Needs a consent covering LPSK; LPSK's agency type comes from the unit registry. */
export class RequestLpskProtectionDto extends caseCommandBody('RequestLpskProtection', ['requestId', 'toAgencyType'], {
  subjectRef: { description: 'The victim or witness to protect' },
  toUnitId: { description: 'The LPSK unit', example: 'lpsk-ri' },
}) {}

/** A grant names its measures; a refusal names none. */
export class DecideLpskProtectionDto extends caseCommandBody('DecideLpskProtection', ['requestId']) {}
