import type { AgencyType } from '../agency-types';
import type { CaseEvent } from '../case.events';

export interface Lead {
  readonly leadUnitId: string;
  readonly leadAgencyType: AgencyType;
}

/**
 * Who leads the case after an event: the opening names the lead, and only an accepted handoff moves
 * it (a reopening keeps the last lead). Read models and the timeline follow the same rule.
 */
export const leadAfter = <L extends Lead | undefined>(lead: L, event: CaseEvent): Lead | L => {
  if (event.type === 'CaseOpened') return { leadUnitId: event.data.leadUnitId, leadAgencyType: event.data.leadAgencyType };
  if (event.type === 'LeadHandoffAccepted') return { leadUnitId: event.data.toUnitId, leadAgencyType: event.data.toAgencyType };
  return lead;
};
