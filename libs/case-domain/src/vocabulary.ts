/**
 * The closed vocabularies of the case, as const arrays so the API can build DTO enums from them.
 * Values are stable codes: they are written into events and never renamed.
 */

/** How the case reached the first agency. */
export const CASE_SOURCES = ['REPORT', 'OUTREACH', 'INTERCEPTION', 'ARRIVAL', 'REFERRAL_FROM_ABROAD'] as const;

/** Forms of exploitation named in Law 21/2007 art. 1(7)-(8) and the Palermo Protocol. */
export const EXPLOITATION_TYPES = [
  'FORCED_LABOUR',
  'DOMESTIC_SERVITUDE',
  'SEXUAL_EXPLOITATION',
  'FORCED_MARRIAGE',
  'ORGAN_REMOVAL',
  'CHILD_LABOUR',
  'FORCED_CRIMINALITY',
  'ONLINE_SCAM_COMPOUND',
  'SLAVERY_LIKE_PRACTICES',
  'OTHER',
] as const;

/** Recruitment and transport modus as the task force counts them. */
export const MODUS_CODES = [
  'NON_PROCEDURAL_MIGRANT_WORKER',
  'FAKE_JOB_OFFER',
  'ONLINE_RECRUITMENT',
  'DEBT_BONDAGE',
  'DOCUMENT_FORGERY',
  'EARLY_OR_CONTRACT_MARRIAGE',
  'FAKE_INTERNSHIP_OR_STUDY',
  'SHIP_CREW_RECRUITMENT',
  'ABDUCTION',
  'OTHER',
] as const;

export const SEXES = ['FEMALE', 'MALE', 'UNKNOWN'] as const;

/** Under-18 bands are children (Law 35/2014 art. 1(1)). */
export const AGE_BANDS = ['0-5', '6-11', '12-17', '18-24', '25-34', '35-44', '45-59', '60+', 'UNKNOWN'] as const;
export const CHILD_AGE_BANDS = ['0-5', '6-11', '12-17'] as const satisfies readonly AgeBand[];

export const VICTIM_STATUSES = ['POSSIBLE', 'CONFIRMED', 'NOT_A_VICTIM'] as const;
export const GUARDIAN_RELATIONSHIPS = ['PARENT', 'RELATIVE', 'SOCIAL_WORKER', 'COURT_APPOINTED', 'OTHER'] as const;
export const CONSENT_GIVERS = ['VICTIM', 'GUARDIAN'] as const;

/** Why a case is shared with another unit; consents name the purposes they allow. */
export const SHARING_PURPOSES = [
  'CASE_MANAGEMENT',
  'MEDICAL_CARE',
  'PSYCHOSOCIAL_SUPPORT',
  'SHELTER',
  'LEGAL_AID',
  'REPATRIATION',
  'REINTEGRATION',
  'INVESTIGATION',
  'PROSECUTION',
  'WITNESS_PROTECTION',
  'RESTITUTION',
] as const;
/** A consent allows sharing for the same purposes a referral can have. */
export const CONSENT_PURPOSES = SHARING_PURPOSES;

/** What a consent lets the recipient see (drives the disclosure policy). */
export const DATA_CATEGORIES = ['IDENTITY', 'CONTACT', 'HEALTH', 'COUNSELLING_NOTES', 'CASE_FACTS', 'TRAVEL_DOCUMENTS', 'FINANCIAL'] as const;

/**
 * Grounds on which a unit may share without consent; each use is a ConsentOverrideRecorded in the audit.
 * KUHAP art. 7 and 112 (an investigator may summon and examine), Law 35/2014 art. 59A (emergency
 * protection of a child), UU 27/2022 art. 20(2)(d) (vital interest of the data subject).
 */
export const LEGAL_BASES = ['CRIMINAL_INVESTIGATION', 'CHILD_PROTECTION_EMERGENCY', 'VITAL_INTEREST'] as const;

export const URGENCIES = ['ROUTINE', 'URGENT', 'EMERGENCY'] as const;

/** Law 21/2007 art. 51: rehabilitation, repatriation and reintegration, plus the practical services around them. */
export const SERVICE_KINDS = [
  'MEDICAL_REHABILITATION',
  'SOCIAL_REHABILITATION',
  'PSYCHOSOCIAL',
  'SHELTER',
  'LEGAL_AID',
  'REPATRIATION',
  'SOCIAL_REINTEGRATION',
  'URGENT_CARE',
] as const;

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const RISK_FACTORS = [
  'TRAFFICKER_CONTACT',
  'THREATS_RECEIVED',
  'DEBT_TO_RECRUITER',
  'FAMILY_INVOLVEMENT',
  'NO_SAFE_HOME',
  'HEALTH_CONDITION',
  'SELF_HARM',
  'RE_TRAFFICKING_HISTORY',
  'OTHER',
] as const;

export const SHELTER_KINDS = ['RPTC', 'UPTD_PPA_SHELTER', 'LPSK_SAFE_HOUSE', 'RPSA', 'NGO_SHELTER', 'OTHER'] as const;

/** Protection measures of Law 31/2014 art. 5-7A. */
export const LPSK_MEASURES = [
  'PHYSICAL_PROTECTION',
  'SAFE_HOUSE',
  'IDENTITY_PROTECTION',
  'LEGAL_ASSISTANCE',
  'MEDICAL_ASSISTANCE',
  'PSYCHOSOCIAL_ASSISTANCE',
  'RESTITUTION_FACILITATION',
] as const;
export const LPSK_DECISIONS = ['GRANTED', 'REFUSED'] as const;

export const POLICE_REPORT_KINDS = ['MODEL_A', 'MODEL_B'] as const;
export const SUSPECT_ROLES = ['RECRUITER', 'TRANSPORTER', 'BROKER', 'EMPLOYER', 'FINANCIER', 'OFFICIAL', 'OTHER'] as const;
export const HEARING_AGENDAS = ['INDICTMENT_READING', 'EXCEPTION', 'EVIDENCE', 'WITNESS_TESTIMONY', 'VICTIM_TESTIMONY', 'PROSECUTION_DEMAND', 'DEFENCE_PLEA', 'OTHER'] as const;
/** Putusan: pemidanaan, bebas, lepas dari segala tuntutan hukum. */
export const VERDICT_OUTCOMES = ['CONVICTED', 'ACQUITTED', 'RELEASED_FROM_CHARGES'] as const;
/** SP3 grounds (KUHAP 1981 art. 109(2)). */
export const TERMINATION_GROUNDS = ['INSUFFICIENT_EVIDENCE', 'NOT_A_CRIME', 'TERMINATED_BY_LAW'] as const;

/**
 * Grounds on which a data subject's personal data is erased (UU 27/2022 on personal data protection,
 * art. 8 and 16: consent withdrawn, the purpose is spent, the processing was unlawful, the subject
 * objects, or a court orders it).
 */
export const ERASURE_GROUNDS = ['CONSENT_WITHDRAWN', 'NO_LONGER_NEEDED', 'UNLAWFUL_PROCESSING', 'SUBJECT_OBJECTS', 'COURT_ORDER'] as const;

export const CLOSURE_OUTCOMES = ['REINTEGRATED', 'REPATRIATED_AND_HANDED_OVER', 'NOT_A_VICTIM', 'VICTIM_UNREACHABLE', 'VICTIM_DECEASED', 'MERGED', 'OTHER'] as const;

export const ROUTE_KINDS = ['AIRPORT', 'SEAPORT', 'LAND_BORDER'] as const;

export type CaseSource = (typeof CASE_SOURCES)[number];
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];
export type ModusCode = (typeof MODUS_CODES)[number];
export type Sex = (typeof SEXES)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type SharingPurpose = (typeof SHARING_PURPOSES)[number];
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export type LegalBasis = (typeof LEGAL_BASES)[number];
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type RouteKind = (typeof ROUTE_KINDS)[number];
export type ErasureGround = (typeof ERASURE_GROUNDS)[number];
