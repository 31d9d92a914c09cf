import { id, isoDateTime, oneOf, text } from '../shared/fields';
import { ERASURE_GROUNDS } from '../vocabulary';

export const PRIVACY_EVENTS = {
  SubjectErasureRequested: { caseId: id, erasureId: id, subjectRef: id, legalGround: oneOf(ERASURE_GROUNDS), reason: text, requestedByUnitId: id, requestedAt: isoDateTime },
  /** Irreversible: the subject's data key is destroyed once this is written, so every sealed identity of theirs is unreadable. */
  SubjectErased: {
    caseId: id,
    erasureId: id,
    subjectRef: id,
    legalGround: oneOf(ERASURE_GROUNDS),
    reason: text,
    requestedByUnitId: id,
    approvedByUnitId: id,
    erasedAt: isoDateTime,
  },
  SubjectErasureRefused: { caseId: id, erasureId: id, subjectRef: id, reason: text, refusedByUnitId: id, refusedAt: isoDateTime },
  LegalHoldPlaced: { caseId: id, holdId: id, basis: text, placedByUnitId: id, placedAt: isoDateTime },
  LegalHoldReleased: { caseId: id, holdId: id, reason: text, releasedByUnitId: id, releasedAt: isoDateTime },
} as const;
