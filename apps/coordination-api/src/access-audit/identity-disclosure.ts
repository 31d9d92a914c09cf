import type { AgencyType, SubjectRole } from '@tppo/case-domain';

/**
 * Who may read a data subject's identity, by the subject's role. `consent`: besides the agency
 * type, a consent of the subject in force must name the caller (agency type or unit) and the stated
 * purpose, unless the caller leads the case. A witness's and a suspect's identity follow criminal
 * procedure (Law 21/2007 art. 44), not consent.
 */
export const IDENTITY_DISCLOSURE: Readonly<Record<SubjectRole, { readonly agencyTypes: readonly AgencyType[]; readonly consent: boolean }>> = {
  VICTIM: {
    agencyTypes: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'LEGAL_AID', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS'],
    consent: true,
  },
  GUARDIAN: {
    agencyTypes: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'LEGAL_AID'],
    consent: true,
  },
  WITNESS: { agencyTypes: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK'], consent: false },
  SUSPECT: { agencyTypes: ['POLICE', 'PROSECUTOR', 'COURT'], consent: false },
};
