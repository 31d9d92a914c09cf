import { leadAfter, type Lead } from '@tppo/case-domain';
import { asCaseEvent } from '../case-event';
import type { ProjectedEvent } from '../projection';

/**
 * Why an oversight body sees a case. KemenPPPA oversees the nation. A task force answers for its
 * region's cases and for its region's people: the case opened there, the unit leading it now is
 * there, or a victim comes from there, wherever the victim was found.
 */
export type JurisdictionGround = 'NATIONAL' | 'CASE_REGION' | 'LEAD_UNIT_REGION' | 'VICTIM_ORIGIN';

/** What a case's events say about where it belongs (corrections applied). */
export interface CaseWhereabouts {
  readonly regionCode: string;
  readonly leadUnitId: string;
  /** Each victim's region of origin, by pseudonymous ref, where it was recorded. */
  readonly victimOrigins: ReadonlyMap<string, string>;
}

type WhereaboutsEvent = Pick<ProjectedEvent, 'eventId' | 'type' | 'data'>;

/** Folds a case stream into its whereabouts; undefined when the stream does not begin with CaseOpened. */
export const whereaboutsOf = (events: readonly WhereaboutsEvent[]): CaseWhereabouts | undefined => {
  const [first] = events;
  if (first?.type !== 'CaseOpened') return undefined;
  let regionCode = String(first.data['regionCode']);
  let lead: Lead | undefined;
  const victimOrigins = new Map<string, string>();
  /** Victim registrations by event id, so that a correction finds the victim it is about. */
  const registrations = new Map<string, string>();
  for (const event of events) {
    const { eventId, type, data } = event;
    // The lead moves by the domain's rule: the opening names it, an accepted handoff moves it.
    lead = leadAfter(lead, asCaseEvent(event));
    const corrected = data['corrected'] as Record<string, unknown> | undefined;
    switch (type) {
      case 'CaseOpenedCorrected':
        if (typeof corrected?.['regionCode'] === 'string') regionCode = corrected['regionCode'];
        break;
      case 'VictimRegistered': {
        const ref = String(data['subjectRef']);
        registrations.set(eventId, ref);
        if (typeof data['originRegionCode'] === 'string') victimOrigins.set(ref, data['originRegionCode']);
        break;
      }
      case 'VictimRegisteredCorrected': {
        const ref = registrations.get(String(data['correctsEventId']));
        if (ref !== undefined && typeof corrected?.['originRegionCode'] === 'string') victimOrigins.set(ref, corrected['originRegionCode']);
        break;
      }
      default:
        break;
    }
  }
  return lead && { regionCode, leadUnitId: lead.leadUnitId, victimOrigins };
};
