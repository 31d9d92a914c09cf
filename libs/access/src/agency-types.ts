/**
 * The agency types a unit can have (DOMAIN.md, "Agencies"). libs/case-domain keeps its own copy for
 * the permission table; the two lists must stay equal until one imports the other.
 */
export const AGENCY_TYPES = [
  'POLICE',
  'PROSECUTOR',
  'COURT',
  'SERVICE_UNIT',
  'SOCIAL_SERVICES',
  'HEALTH',
  'LPSK',
  'MIGRANT_PROTECTION',
  'FOREIGN_AFFAIRS',
  'IMMIGRATION',
  'LEGAL_AID',
  'NGO',
  'TASK_FORCE',
  'MINISTRY',
] as const;

export type AgencyType = (typeof AGENCY_TYPES)[number];

export const isAgencyType = (value: unknown): value is AgencyType =>
  typeof value === 'string' && (AGENCY_TYPES as readonly string[]).includes(value);
