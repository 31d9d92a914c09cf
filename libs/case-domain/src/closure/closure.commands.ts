import { id, objectNaming, oneOf, text } from '../shared/fields';
import { CORRECTABLE_FIELD_NAMES } from './correctable-events';
import { CLOSURE_OUTCOMES } from '../vocabulary';

export const CLOSURE_COMMANDS = {
  CloseCase: { caseId: id, outcome: oneOf(CLOSURE_OUTCOMES), reason: text },
  ReopenCase: { caseId: id, reason: text },
  /** `corrected` holds the changed fields; which fields may change depends on the original event's type. */
  CorrectEvent: { caseId: id, eventId: id, corrected: objectNaming(CORRECTABLE_FIELD_NAMES), reason: text },
} as const;
