import { CASE_PARTICIPANT_AGENCY_TYPES, type AgencyType } from '@tppo/case-domain';
import type { CaseView } from './case.view';

/** Every agency type that can take part in a case (MINISTRY and TASK_FORCE read only the timeline). */
const ALL: readonly AgencyType[] = CASE_PARTICIPANT_AGENCY_TYPES;

/**
 * The disclosure policy of the case view: which agency types may read each field of
 * GET /cases/{id}, on top of participation. Its type does not compile until every field of the
 * view has a line. Identities are in no view at all.
 */
export const CASE_VIEW_DISCLOSURE: Readonly<Record<keyof CaseView, readonly AgencyType[]>> = {
  caseId: ALL,
  status: ALL,
  revision: ALL,
  openedByUnitId: ALL,
  leadUnitId: ALL,
  leadAgencyType: ALL,
  closedAt: ALL,
  // Pseudonymous refs and the child flag: every participant needs them to act on the case.
  victims: ALL,
  // Consents and sharing decide what any participant may share next.
  consents: ALL,
  referrals: ALL,
  leadHandoffs: ALL,
  // Who is a suspect or a witness is criminal intelligence.
  subjects: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK'],
  policeReportNumber: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'SERVICE_UNIT', 'LEGAL_AID'],
  investigation: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'LEGAL_AID'],
  serviceRequests: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'LPSK', 'NGO', 'LEGAL_AID', 'POLICE'],
  // Where a victim sleeps is a safety matter: the units that run or fund shelters, and LPSK.
  shelterPlacements: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'LPSK'],
  lpskRequests: ['LPSK', 'POLICE', 'PROSECUTOR', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'LEGAL_AID'],
  // Any participant may ask for an erasure, and must see what became of it and what stands in its way.
  erasures: ALL,
  legalHolds: ALL,
};

/** The view as the caller's agency type may read it: withheld fields are absent, not empty. */
export const disclose = (view: CaseView, agencyType: AgencyType): Partial<CaseView> =>
  Object.fromEntries(
    Object.entries(view).filter(([field]) => {
      const allowed = CASE_VIEW_DISCLOSURE[field as keyof CaseView] as readonly AgencyType[] | undefined;
      // Fail closed: a field without a line in the table is never disclosed.
      return allowed?.includes(agencyType) ?? false;
    }),
  ) as Partial<CaseView>;
