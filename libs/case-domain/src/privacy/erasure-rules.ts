import type { CaseRecord, Erasure, Investigation } from '../case.state';
import { fail } from '../shared/guards';
import type { Actor } from '@tppo/eventsourcing';

/**
 * Criminal proceedings are open from the investigation until an SP3 or a verdict ends them: until
 * then the victim's and the suspect's identities are evidence, and erasing them would defeat the case.
 */
const PROCEEDINGS_OPEN: readonly Investigation['stage'][] = ['investigating', 'file_under_review', 'file_returned', 'file_complete', 'handed_over', 'indicted'];

/** Whether a person's data may go now: no legal hold in force (named, so it can be lifted), no open proceedings. */
export const requireErasable = (c: CaseRecord): void => {
  const hold = [...c.legalHolds.values()].find((h) => h.inForce);
  if (hold) fail('LEGAL_HOLD_IN_FORCE', `Legal hold ${hold.holdId} placed by ${hold.placedByUnitId} is in force on case ${c.caseId}`);
  if (PROCEEDINGS_OPEN.includes(c.investigation.stage)) {
    fail('CRIMINAL_PROCEEDINGS_OPEN', `Criminal proceedings on case ${c.caseId} are open (${c.investigation.stage}) until an SP3 or a verdict`);
  }
};

export const isErased = (c: CaseRecord, subjectRef: string): boolean => [...c.erasures.values()].some((e) => e.subjectRef === subjectRef && e.status === 'erased');

/** The fields by which a command names a data subject of the case. */
const SUBJECT_FIELDS = ['subjectRef', 'victimRef', 'guardianRef'] as const;

/**
 * A command that names an erased person is refused: there is nobody left to act for. A correction
 * names them through the event it corrects (and would seal a new identity under a destroyed key).
 */
export const refuseErasedSubjects = (c: CaseRecord, data: object): void => {
  const fields = data as Record<string, unknown>;
  const corrected = typeof fields['eventId'] === 'string' ? c.events.get(fields['eventId'])?.subjectRef : undefined;
  for (const ref of [...SUBJECT_FIELDS.map((field) => fields[field]), corrected]) {
    if (typeof ref === 'string' && isErased(c, ref)) fail('SUBJECT_ALREADY_ERASED', `The data of ${ref} on case ${c.caseId} was erased`);
  }
};

/**
 * The second person of the decision: never the requesting unit, and either the ministry (it oversees
 * every case) or the case's lead unit (it answers for the victim). An answer given twice is a retry.
 */
export const decidableErasure = (c: CaseRecord, erasureId: string, actor: Actor, answer: 'erased' | 'refused'): Erasure | undefined => {
  const erasure = c.erasures.get(erasureId) ?? fail('ERASURE_NOT_FOUND', `No erasure request ${erasureId} on case ${c.caseId}`);
  if (erasure.status === answer) return undefined;
  if (erasure.status !== 'pending') fail('ERASURE_NOT_PENDING', `Erasure request ${erasureId} was ${erasure.status}`);
  // Erased meanwhile by another request or by the retention schedule: nothing is left to decide on.
  if (isErased(c, erasure.subjectRef)) fail('SUBJECT_ALREADY_ERASED', `The data of ${erasure.subjectRef} on case ${c.caseId} was erased`);
  if (erasure.requestedByUnitId === actor.unitId) fail('ERASURE_SAME_UNIT', `Unit ${actor.unitId} requested erasure ${erasureId}; another unit must decide it`);
  if (actor.agencyType !== 'MINISTRY' && actor.unitId !== c.leadUnitId) {
    fail('ERASURE_APPROVER_NOT_ALLOWED', `An erasure is decided by the ministry or by the lead unit ${c.leadUnitId}`);
  }
  return erasure;
};

/**
 * The ministry takes part in no case, yet decides erasures: it is let in for the answer to a request
 * that exists, and for nothing else (it never becomes a participant, so it reads no identity).
 */
export const ministryDecidesErasure = (c: CaseRecord, command: { readonly type: string; readonly data: object; readonly metadata: { readonly actor: Actor } }): boolean =>
  command.metadata.actor.agencyType === 'MINISTRY' &&
  (command.type === 'ApproveSubjectErasure' || command.type === 'RefuseSubjectErasure') &&
  c.erasures.has(String((command.data as Record<string, unknown>)['erasureId']));
