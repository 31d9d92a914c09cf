import { id, isoDateTime, oneOf, text } from '../shared/fields';
import { CLOSURE_OUTCOMES } from '../vocabulary';

export const CLOSURE_EVENTS = {
  CaseClosed: { caseId: id, outcome: oneOf(CLOSURE_OUTCOMES), reason: text, leadUnitId: id, closedAt: isoDateTime },
  /** The last lead leads again: a victim is never without a lead agency. */
  CaseReopened: { caseId: id, reason: text, leadUnitId: id, reopenedAt: isoDateTime },
} as const;
