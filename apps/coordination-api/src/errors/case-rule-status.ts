import { CaseRuleViolation, type CaseRuleCode } from '@tppo/case-domain';
import { type Problem, problemType } from './problem';

/**
 * The one table from case rule codes to HTTP statuses. Its type does not compile until every code
 * of the decider has a status. 404 hides whether a case exists from units outside it; 403 says the
 * caller may not do this (agency type or unit role); every other broken rule is a 409.
 */
export const CASE_RULE_STATUS: Readonly<Record<CaseRuleCode, 400 | 403 | 404 | 409>> = {
  CASE_NOT_FOUND: 404,
  NOT_A_PARTICIPANT: 404,
  CASE_ALREADY_EXISTS: 409,
  CASE_ID_MISMATCH: 400,
  CASE_CLOSED: 409,
  CASE_NOT_CLOSED: 409,
  AGENCY_NOT_PERMITTED: 403,
  NOT_LEAD_UNIT: 403,
  NOT_ADDRESSED_UNIT: 403,
  NOT_SENDING_UNIT: 403,
  NOT_PROVIDER_UNIT: 403,
  NOT_FILE_HOLDER: 403,
  NOT_ORIGINAL_ISSUER: 403,
  REOPEN_NOT_ALLOWED: 403,
  IDENTITY_NOT_SEALED: 400,
  ID_REUSED: 409,
  REFERRAL_ID_REUSED: 409,
  SELF_ADDRESSED: 409,
  RECIPIENT_CANNOT_PARTICIPATE: 409,
  WRONG_RECIPIENT_TYPE: 409,
  CONSENT_REQUIRED: 409,
  CONSENT_NOT_IN_FORCE: 409,
  CONSENT_ALREADY_EXPIRED: 409,
  CHILD_CONSENT_REQUIRES_GUARDIAN: 409,
  GUARDIAN_NOT_APPOINTED: 409,
  DUE_DATE_IN_PAST: 409,
  BIRTH_DATE_IN_FUTURE: 409,
  OCCURRED_AT_IN_FUTURE: 409,
  OCCURRED_AT_TOO_FAR_BACK: 409,
  OCCURRED_AT_BEFORE_CASE_OPENED: 409,
  VICTIM_NOT_REGISTERED: 409,
  VICTIM_NOT_A_CHILD: 409,
  REFERRAL_NOT_FOUND: 409,
  REFERRAL_NOT_PENDING: 409,
  REFERRAL_NOT_ACCEPTED: 409,
  REFERRAL_NOT_ACTIVE: 409,
  DUPLICATE_REFERRAL: 409,
  HANDOFF_PENDING: 409,
  HANDOFF_NOT_FOUND: 409,
  HANDOFF_NOT_PENDING: 409,
  SERVICE_REQUEST_NOT_FOUND: 409,
  SHELTER_PLACEMENT_ACTIVE: 409,
  SHELTER_PLACEMENT_NOT_ACTIVE: 409,
  LPSK_REQUEST_PENDING: 409,
  LPSK_REQUEST_NOT_FOUND: 409,
  LPSK_REQUEST_NOT_PENDING: 409,
  POLICE_REPORT_ALREADY_REGISTERED: 409,
  INVESTIGATION_ALREADY_OPEN: 409,
  INVESTIGATION_NOT_OPEN: 409,
  INVESTIGATION_NOTICE_ALREADY_SENT: 409,
  CASE_FILE_ALREADY_SUBMITTED: 409,
  CASE_FILE_NOT_UNDER_REVIEW: 409,
  CASE_FILE_NOT_RETURNED: 409,
  CASE_FILE_NOT_COMPLETE: 409,
  CASE_FILE_ALREADY_COMPLETE: 409,
  SUSPECT_NOT_HANDED_OVER: 409,
  INDICTMENT_NOT_FILED: 409,
  RESTITUTION_NOT_DUE: 409,
  EVENT_NOT_FOUND: 409,
  EVENT_NOT_CORRECTABLE: 409,
  SUBJECT_UNKNOWN: 409,
  SUBJECT_ALREADY_ERASED: 409,
  ERASURE_NOT_FOUND: 409,
  ERASURE_PENDING: 409,
  ERASURE_NOT_PENDING: 409,
  ERASURE_SAME_UNIT: 403,
  ERASURE_APPROVER_NOT_ALLOWED: 403,
  LEGAL_HOLD_IN_FORCE: 409,
  LEGAL_HOLD_NOT_FOUND: 409,
  CRIMINAL_PROCEEDINGS_OPEN: 409,
};

const TITLES = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict with the case rules' } as const;

export const caseRuleProblem = (error: unknown): Problem | undefined => {
  if (!(error instanceof CaseRuleViolation)) return undefined;
  const status = CASE_RULE_STATUS[error.code];
  // A 404 says nothing more, so that a unit outside a case cannot tell whether it exists.
  if (status === 404) return { type: problemType('NOT_FOUND'), title: TITLES[404], status, code: 'NOT_FOUND', detail: 'No such case' };
  return { type: problemType(error.code), title: TITLES[status], status, code: error.code, detail: error.message };
};
