import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ExistingCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { requireErasable } from './erasure-rules';

/** Any participant may ask; nothing is erased until a second unit approves (approve-subject-erasure.ts). */
export const requestSubjectErasure = ({ data, metadata }: CaseCommandOf<'RequestSubjectErasure'>, state: ExistingCaseState): CaseEvent[] => {
  const earlier = state.erasures.get(data.erasureId);
  if (earlier?.subjectRef === data.subjectRef) return [];
  if (earlier) fail('ID_REUSED', `Erasure request ${data.erasureId} is about ${earlier.subjectRef}`);
  if (!state.subjects.has(data.subjectRef)) fail('SUBJECT_UNKNOWN', `No person ${data.subjectRef} on case ${state.caseId}`);
  const pending = [...state.erasures.values()].find((e) => e.subjectRef === data.subjectRef && e.status === 'pending');
  if (pending) fail('ERASURE_PENDING', `Erasure request ${pending.erasureId} for ${data.subjectRef} awaits a decision`);
  requireErasable(state);
  return [caseEvent('SubjectErasureRequested', { ...data, requestedByUnitId: metadata.actor.unitId, requestedAt: actedAt(metadata) })];
};
