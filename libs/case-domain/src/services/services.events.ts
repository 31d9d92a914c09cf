import { country, id, isoDate, isoDateTime, listOf, oneOf, optional, regionCode, text } from '../shared/fields';
import { sharingBasisFields } from '../shared/sharing-fields';
import { AGENCY_TYPES } from '../agency-types';
import { LPSK_DECISIONS, LPSK_MEASURES, SERVICE_KINDS, SHELTER_KINDS } from '../vocabulary';

export const SERVICES_EVENTS = {
  /** Starts the 7-day clock of Law 21/2007 art. 52(2); `dueBy` and `dueRule` are what the clock needs. */
  ServiceRequested: {
    caseId: id,
    serviceRequestId: id,
    subjectRef: id,
    kind: oneOf(SERVICE_KINDS),
    fromUnitId: id,
    providerUnitId: id,
    providerAgencyType: oneOf(AGENCY_TYPES),
    requestedAt: isoDateTime,
    dueBy: isoDateTime,
    dueRule: text,
    ...sharingBasisFields,
  },
  ServiceDelivered: { caseId: id, serviceRequestId: id, note: optional(text), deliveredAt: isoDateTime },
  ShelterPlacementStarted: {
    caseId: id,
    placementId: id,
    subjectRef: id,
    shelterUnitId: id,
    shelterKind: oneOf(SHELTER_KINDS),
    startedAt: isoDateTime,
  },
  ShelterPlacementEnded: { caseId: id, placementId: id, subjectRef: id, reason: text, endedAt: isoDateTime },
  RepatriationCompleted: { caseId: id, subjectRef: id, fromCountry: country, arrivalRegionCode: regionCode, arrivedOn: isoDate, recordedAt: isoDateTime },
  ReintegrationCompleted: { caseId: id, subjectRef: id, regionCode, completedOn: isoDate, recordedAt: isoDateTime },
  LpskProtectionRequested: {
    caseId: id,
    requestId: id,
    subjectRef: id,
    fromUnitId: id,
    lpskUnitId: id,
    measures: listOf(oneOf(LPSK_MEASURES), 1),
    consentIds: listOf(id, 1),
    requestedAt: isoDateTime,
  },
  LpskProtectionDecided: {
    caseId: id,
    requestId: id,
    subjectRef: id,
    decision: oneOf(LPSK_DECISIONS),
    measures: listOf(oneOf(LPSK_MEASURES)),
    reason: text,
    decidedAt: isoDateTime,
  },
} as const;
