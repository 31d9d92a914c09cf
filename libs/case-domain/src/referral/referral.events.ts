import { id, isoDateTime, oneOf, optional, text } from '../shared/fields';
import { sharingBasisFields } from '../shared/sharing-fields';
import { AGENCY_TYPES } from '../agency-types';
import { LEGAL_BASES, SHARING_PURPOSES, URGENCIES } from '../vocabulary';

/** What was shared without consent, and why: always visible in the ministry's audit. */
export const SHARE_KINDS = ['REFERRAL', 'LEAD_HANDOFF', 'SERVICE_REQUEST'] as const;

export const REFERRAL_EVENTS = {
  ReferralSent: {
    caseId: id,
    referralId: id,
    fromUnitId: id,
    toUnitId: id,
    toAgencyType: oneOf(AGENCY_TYPES),
    purpose: oneOf(SHARING_PURPOSES),
    urgency: oneOf(URGENCIES),
    dueBy: isoDateTime,
    sentAt: isoDateTime,
    ...sharingBasisFields,
  },
  ReferralAccepted: { caseId: id, referralId: id, acceptedAt: isoDateTime },
  ReferralDeclined: { caseId: id, referralId: id, reason: text, declinedAt: isoDateTime },
  ReferralCompleted: { caseId: id, referralId: id, outcome: optional(text), completedAt: isoDateTime },
  ReferralWithdrawn: { caseId: id, referralId: id, reason: text, withdrawnAt: isoDateTime },
  ConsentOverrideRecorded: {
    caseId: id,
    shareKind: oneOf(SHARE_KINDS),
    shareId: id,
    recipientUnitId: id,
    recipientAgencyType: oneOf(AGENCY_TYPES),
    purpose: oneOf(SHARING_PURPOSES),
    legalBasis: oneOf(LEGAL_BASES),
    justification: text,
    recordedAt: isoDateTime,
  },
} as const;
