import { id, isoDateTime, oneOf, optional, text } from '../shared/fields';
import { overrideFields, overrideNeedsJustification } from '../shared/sharing-command-fields';
import { AGENCY_TYPES } from '../agency-types';
import { SHARING_PURPOSES, URGENCIES } from '../vocabulary';

/** Commands that name another unit carry its agency type, resolved by the API from the unit registry. */
export const REFERRAL_COMMANDS = {
  SendReferral: {
    caseId: id,
    referralId: id,
    toUnitId: id,
    toAgencyType: oneOf(AGENCY_TYPES),
    purpose: oneOf(SHARING_PURPOSES),
    urgency: oneOf(URGENCIES),
    dueBy: isoDateTime,
    ...overrideFields,
  },
  AcceptReferral: { caseId: id, referralId: id },
  DeclineReferral: { caseId: id, referralId: id, reason: text },
  CompleteReferral: { caseId: id, referralId: id, outcome: optional(text) },
  WithdrawReferral: { caseId: id, referralId: id, reason: text },
} as const;

export const REFERRAL_REFINEMENTS = { SendReferral: overrideNeedsJustification };
