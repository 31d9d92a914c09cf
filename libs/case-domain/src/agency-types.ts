/**
 * The agency types a unit can have. libs/access re-exports this list for the
 * unit registry, so there is one list.
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

/** MINISTRY and TASK_FORCE oversee: they read the pseudonymous timeline and never take part in a case. */
export const OVERSIGHT_AGENCY_TYPES = ['TASK_FORCE', 'MINISTRY'] as const satisfies readonly AgencyType[];

export const CASE_PARTICIPANT_AGENCY_TYPES: readonly AgencyType[] = AGENCY_TYPES.filter(
  (t) => !(OVERSIGHT_AGENCY_TYPES as readonly string[]).includes(t),
);

export const isAgencyType = (value: unknown): value is AgencyType =>
  typeof value === 'string' && (AGENCY_TYPES as readonly string[]).includes(value);
