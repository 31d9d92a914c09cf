import type { CommandMetadata } from '@tppo/eventsourcing';
import type { AgencyType } from '../agency-types';

/** The acting unit; its agency type was checked against AGENCY_TYPES when the command was validated. */
export const actingUnit = (metadata: CommandMetadata): { unitId: string; agencyType: AgencyType } => ({
  unitId: metadata.actor.unitId,
  agencyType: metadata.actor.agencyType as AgencyType,
});
