/**
 * The agency types a unit can have come from the case domain: one list for
 * the permission table and the unit registry, so the two cannot drift apart.
 */
import { AGENCY_TYPES, type AgencyType } from '@tppo/case-domain';

export { AGENCY_TYPES, type AgencyType };

export const isAgencyType = (value: unknown): value is AgencyType =>
  typeof value === 'string' && (AGENCY_TYPES as readonly string[]).includes(value);
