import { id, isoDateTime, oneOf, positive } from '../shared/fields';
import { AGENCY_TYPES } from '../agency-types';
import { INTERCEPTION_COMMANDS } from './interception.commands';

export const INTERCEPTION_EVENTS = {
  /** What was reported, as the command gave it, with its total and who reported it. */
  DepartureIntercepted: {
    ...INTERCEPTION_COMMANDS.ReportDepartureInterception,
    total: positive,
    reportedByUnitId: id,
    reportedByAgencyType: oneOf(AGENCY_TYPES),
    reportedAt: isoDateTime,
  },
} as const;
