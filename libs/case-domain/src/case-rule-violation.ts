/**
 * Every rule the case decider enforces, by stable code. The API maps each code to an HTTP status in
 * one table typed `Record<CaseRuleCode, number>`, so a new code does not compile until it has one.
 */
export const CASE_RULE_CODES = [
  // existence and lifecycle
  'CASE_NOT_FOUND',
  'CASE_ALREADY_EXISTS',
  'CASE_ID_MISMATCH',
  'CASE_CLOSED',
  'CASE_NOT_CLOSED',
  // who may act
  'AGENCY_NOT_PERMITTED',
  'NOT_A_PARTICIPANT',
  'NOT_LEAD_UNIT',
  'NOT_ADDRESSED_UNIT',
  'NOT_SENDING_UNIT',
  'NOT_PROVIDER_UNIT',
  'NOT_FILE_HOLDER',
  'NOT_ORIGINAL_ISSUER',
  'REOPEN_NOT_ALLOWED',
  // identities and ids
  'IDENTITY_NOT_SEALED',
  'ID_REUSED',
  'REFERRAL_ID_REUSED',
  // sharing
  'SELF_ADDRESSED',
  'RECIPIENT_CANNOT_PARTICIPATE',
  'WRONG_RECIPIENT_TYPE',
  'CONSENT_REQUIRED',
  'CONSENT_NOT_IN_FORCE',
  'CONSENT_ALREADY_EXPIRED',
  'CHILD_CONSENT_REQUIRES_GUARDIAN',
  'GUARDIAN_NOT_APPOINTED',
  'DUE_DATE_IN_PAST',
  'BIRTH_DATE_IN_FUTURE',
  // the declared time of an act
  'OCCURRED_AT_IN_FUTURE',
  'OCCURRED_AT_TOO_FAR_BACK',
  'OCCURRED_AT_BEFORE_CASE_OPENED',
  // intake
  'VICTIM_NOT_REGISTERED',
  'VICTIM_NOT_A_CHILD',
  // referrals and handoffs
  'REFERRAL_NOT_FOUND',
  'REFERRAL_NOT_PENDING',
  'REFERRAL_NOT_ACCEPTED',
  'REFERRAL_NOT_ACTIVE',
  'DUPLICATE_REFERRAL',
  'HANDOFF_PENDING',
  'HANDOFF_NOT_FOUND',
  'HANDOFF_NOT_PENDING',
  // services
  'SERVICE_REQUEST_NOT_FOUND',
  'SHELTER_PLACEMENT_ACTIVE',
  'SHELTER_PLACEMENT_NOT_ACTIVE',
  'LPSK_REQUEST_PENDING',
  'LPSK_REQUEST_NOT_FOUND',
  'LPSK_REQUEST_NOT_PENDING',
  // criminal justice
  'POLICE_REPORT_ALREADY_REGISTERED',
  'INVESTIGATION_ALREADY_OPEN',
  'INVESTIGATION_NOT_OPEN',
  'INVESTIGATION_NOTICE_ALREADY_SENT',
  'CASE_FILE_ALREADY_SUBMITTED',
  'CASE_FILE_NOT_UNDER_REVIEW',
  'CASE_FILE_NOT_RETURNED',
  'CASE_FILE_NOT_COMPLETE',
  'CASE_FILE_ALREADY_COMPLETE',
  'SUSPECT_NOT_HANDED_OVER',
  'INDICTMENT_NOT_FILED',
  'RESTITUTION_NOT_DUE',
  // corrections
  'EVENT_NOT_FOUND',
  'EVENT_NOT_CORRECTABLE',
  // personal data rights: erasure and legal holds
  'SUBJECT_UNKNOWN',
  'SUBJECT_ALREADY_ERASED',
  'ERASURE_NOT_FOUND',
  'ERASURE_PENDING',
  'RETENTION_NOT_DUE',
  'ERASURE_NOT_PENDING',
  'ERASURE_SAME_UNIT',
  'ERASURE_APPROVER_NOT_ALLOWED',
  'LEGAL_HOLD_IN_FORCE',
  'LEGAL_HOLD_NOT_FOUND',
  'CRIMINAL_PROCEEDINGS_OPEN',
] as const;

export type CaseRuleCode = (typeof CASE_RULE_CODES)[number];

/** A command that is understood but breaks a rule of the case. */
export class CaseRuleViolation extends Error {
  constructor(
    readonly code: CaseRuleCode,
    message: string,
  ) {
    super(message);
    this.name = 'CaseRuleViolation';
  }
}

export const isCaseRuleViolation = (error: unknown): error is CaseRuleViolation => error instanceof CaseRuleViolation;
