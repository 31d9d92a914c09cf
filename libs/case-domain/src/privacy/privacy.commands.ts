import { id, oneOf, text, wholeNumber } from '../shared/fields';
import { ERASURE_GROUNDS } from '../vocabulary';

/**
 * The data subject's right to erasure, decided by two units, and the legal holds that stop it.
 * `reason` and `basis` stay in the stream after an erasure: they must not repeat the person's identity.
 */
export const PRIVACY_COMMANDS = {
  RequestSubjectErasure: { caseId: id, erasureId: id, subjectRef: id, legalGround: oneOf(ERASURE_GROUNDS), reason: text },
  ApproveSubjectErasure: { caseId: id, erasureId: id, reason: text },
  RefuseSubjectErasure: { caseId: id, erasureId: id, reason: text },
  PlaceLegalHold: { caseId: id, holdId: id, basis: text },
  ReleaseLegalHold: { caseId: id, holdId: id, reason: text },
  /** Issued by the retention job only (`npm run retention`), never over HTTP: see retention.ts. */
  EraseSubjectForRetention: { caseId: id, erasureId: id, subjectRef: id, retentionYears: wholeNumber(1, 100) },
} as const;
