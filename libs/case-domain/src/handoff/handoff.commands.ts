import { id, oneOf, text } from '../shared/fields';
import { overrideFields, overrideNeedsJustification } from '../shared/sharing-command-fields';
import { AGENCY_TYPES } from '../agency-types';

export const HANDOFF_COMMANDS = {
  ProposeLeadHandoff: { caseId: id, handoffId: id, toUnitId: id, toAgencyType: oneOf(AGENCY_TYPES), reason: text, ...overrideFields },
  AcceptLeadHandoff: { caseId: id, handoffId: id },
  DeclineLeadHandoff: { caseId: id, handoffId: id, reason: text },
  /** Issued by the unit that now has the person; `fromUnitId` is the unit that handed them over. */
  RecordCustodyTransfer: { caseId: id, subjectRef: id, fromUnitId: id },
} as const;

export const HANDOFF_REFINEMENTS = { ProposeLeadHandoff: overrideNeedsJustification };
