import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { CaseState, ExistingCaseState } from '../case.state';
import { CaseRuleViolation, type CaseRuleCode } from '../case-rule-violation';
import { fail } from '../shared/guards';
import { isErased, requireErasable } from './erasure-rules';
import { isRetentionActor, RETENTION_ACTOR } from '../shared/system-actors';


/** When a case closed at `closedAt` has kept its people's identities for `years` (same day and hour, UTC). */
export const retentionDueAt = (closedAt: string, years: number): string => {
  const due = new Date(closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + years);
  return due.toISOString();
};

/** What the retention schedule asks of one case at `now`. */
export type RetentionOutlook =
  | { readonly kind: 'open' }
  | { readonly kind: 'kept'; readonly dueAt: string }
  | { readonly kind: 'held'; readonly dueAt: string; readonly code: CaseRuleCode; readonly detail: string }
  | { readonly kind: 'due'; readonly dueAt: string; readonly subjectRefs: readonly string[] };

/**
 * One rule for the job's plan and for the command it issues: a case closed `years` ago or more has
 * its people erased, all those not erased yet, unless a hold or open proceedings keep them.
 */
export const retentionOutlook = (c: CaseState, years: number, now: string): RetentionOutlook => {
  if (c.status !== 'closed') return { kind: 'open' };
  const dueAt = retentionDueAt(c.closedAt, years);
  if (Date.parse(dueAt) > Date.parse(now)) return { kind: 'kept', dueAt };
  try {
    requireErasable(c);
  } catch (error) {
    if (!(error instanceof CaseRuleViolation)) throw error;
    return { kind: 'held', dueAt, code: error.code, detail: error.message };
  }
  return { kind: 'due', dueAt, subjectRefs: [...c.subjects.keys()].filter((ref) => !isErased(c, ref)) };
};

/**
 * The retention schedule's erasure: the same `SubjectErased` as a two-unit decision, with the
 * ground NO_LONGER_NEEDED and the job as requester and approver, so every reader of the event
 * (key shredding, read models, the Kafka feed) treats both alike.
 */
export const eraseSubjectForRetention = ({ data, metadata }: CaseCommandOf<'EraseSubjectForRetention'>, state: ExistingCaseState): CaseEvent[] => {
  if (!isRetentionActor(metadata.actor)) fail('AGENCY_NOT_PERMITTED', `Only ${RETENTION_ACTOR.userId} erases for retention`);
  if (!state.subjects.has(data.subjectRef)) fail('SUBJECT_UNKNOWN', `No person ${data.subjectRef} on case ${state.caseId}`);
  const outlook = retentionOutlook(state, data.retentionYears, actedAt(metadata));
  if (outlook.kind === 'open') fail('CASE_NOT_CLOSED', `Case ${state.caseId} is open`);
  if (outlook.kind === 'kept') fail('RETENTION_NOT_DUE', `Case ${state.caseId} keeps its people's data until ${outlook.dueAt}`);
  if (outlook.kind === 'held') fail(outlook.code, outlook.detail);
  return [
    caseEvent('SubjectErased', {
      caseId: data.caseId,
      erasureId: data.erasureId,
      subjectRef: data.subjectRef,
      legalGround: 'NO_LONGER_NEEDED',
      reason: `Retention: kept ${data.retentionYears} years after the case was closed on ${(state as Extract<ExistingCaseState, { status: 'closed' }>).closedAt}`,
      requestedByUnitId: RETENTION_ACTOR.unitId,
      approvedByUnitId: RETENTION_ACTOR.unitId,
      erasedAt: actedAt(metadata),
    }),
  ];
};
