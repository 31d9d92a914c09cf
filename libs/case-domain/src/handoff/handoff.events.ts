import { id, isoDateTime, oneOf, text } from '../shared/fields';
import { sharingBasisFields } from '../shared/sharing-fields';
import { AGENCY_TYPES } from '../agency-types';

export const HANDOFF_EVENTS = {
  LeadHandoffProposed: {
    caseId: id,
    handoffId: id,
    fromUnitId: id,
    toUnitId: id,
    toAgencyType: oneOf(AGENCY_TYPES),
    reason: text,
    proposedAt: isoDateTime,
    ...sharingBasisFields,
  },
  LeadHandoffAccepted: { caseId: id, handoffId: id, fromUnitId: id, toUnitId: id, toAgencyType: oneOf(AGENCY_TYPES), acceptedAt: isoDateTime },
  LeadHandoffDeclined: { caseId: id, handoffId: id, reason: text, declinedAt: isoDateTime },
  PhysicalCustodyTransferred: { caseId: id, subjectRef: id, fromUnitId: id, toUnitId: id, transferredAt: isoDateTime },
} as const;
