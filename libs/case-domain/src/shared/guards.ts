import { CaseRuleViolation, type CaseRuleCode } from '../case-rule-violation';
import type { CaseRecord, SubjectRole, Victim } from '../case.state';
import { OVERSIGHT_AGENCY_TYPES, type AgencyType } from '../agency-types';

export const fail = (code: CaseRuleCode, message: string): never => {
  throw new CaseRuleViolation(code, message);
};

export const victimOf = (c: CaseRecord, subjectRef: string): Victim =>
  c.victims.get(subjectRef) ?? fail('VICTIM_NOT_REGISTERED', `No victim ${subjectRef} is registered on case ${c.caseId}`);

export const requireLead = (c: CaseRecord, unitId: string): void => {
  if (c.leadUnitId !== unitId) fail('NOT_LEAD_UNIT', `Only the lead unit ${c.leadUnitId} may do this`);
};

/** Sharing goes to another unit that can take part: never to oneself, never to an oversight body. */
export const requireOtherParticipantUnit = (fromUnitId: string, toUnitId: string, toAgencyType: AgencyType): void => {
  if (fromUnitId === toUnitId) fail('SELF_ADDRESSED', `Unit ${fromUnitId} cannot address itself`);
  if ((OVERSIGHT_AGENCY_TYPES as readonly string[]).includes(toAgencyType)) {
    fail('RECIPIENT_CANNOT_PARTICIPATE', `${toAgencyType} oversees cases and does not take part in them`);
  }
};

/**
 * A subject ref names one person in one role. The same ref with the same identity is a retry ('same');
 * the same ref for anything else is refused, so one pseudonym can never point at two people.
 */
export const claimSubjectRef = (c: CaseRecord, subjectRef: string, role: SubjectRole, identity: string): 'new' | 'same' => {
  const earlier = c.subjects.get(subjectRef);
  if (!earlier) return 'new';
  if (earlier.role === role && earlier.identity === identity) return 'same';
  return fail('ID_REUSED', `Subject ref ${subjectRef} already names a ${earlier.role.toLowerCase()} on this case`);
};
