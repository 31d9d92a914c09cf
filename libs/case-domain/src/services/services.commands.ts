import { country, id, isoDate, listOf, oneOf, optional, regionCode, text } from '../shared/fields';
import { listFilledExactlyWhen } from '../shared/cross-field-rules';
import { overrideFields, overrideNeedsJustification } from '../shared/sharing-command-fields';
import { AGENCY_TYPES } from '../agency-types';
import { LPSK_DECISIONS, LPSK_MEASURES, SERVICE_KINDS, SHELTER_KINDS } from '../vocabulary';

export const SERVICES_COMMANDS = {
  RequestService: {
    caseId: id,
    serviceRequestId: id,
    subjectRef: id,
    kind: oneOf(SERVICE_KINDS),
    providerUnitId: id,
    providerAgencyType: oneOf(AGENCY_TYPES),
    ...overrideFields,
  },
  RecordServiceDelivered: { caseId: id, serviceRequestId: id, note: optional(text) },
  StartShelterPlacement: { caseId: id, placementId: id, subjectRef: id, shelterKind: oneOf(SHELTER_KINDS) },
  EndShelterPlacement: { caseId: id, placementId: id, reason: text },
  RecordRepatriation: { caseId: id, subjectRef: id, fromCountry: country, arrivalRegionCode: regionCode, arrivedOn: isoDate },
  RecordReintegration: { caseId: id, subjectRef: id, regionCode, completedOn: isoDate },
  RequestLpskProtection: {
    caseId: id,
    requestId: id,
    subjectRef: id,
    toUnitId: id,
    toAgencyType: oneOf(AGENCY_TYPES),
    measures: listOf(oneOf(LPSK_MEASURES), 1),
  },
  DecideLpskProtection: { caseId: id, requestId: id, decision: oneOf(LPSK_DECISIONS), measures: listOf(oneOf(LPSK_MEASURES)), reason: text },
} as const;

export const SERVICES_REFINEMENTS = {
  RequestService: overrideNeedsJustification,
  DecideLpskProtection: listFilledExactlyWhen('measures', 'decision', 'GRANTED', 'a grant names its measures; a refusal names none'),
};
