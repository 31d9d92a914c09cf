import type { LeadHandoff, OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** The addressed unit answers a handoff; a handoff already answered the same way is a retry. */
export const answerableHandoff = (state: OpenCaseState, handoffId: string, unitId: string, answer: 'accepted' | 'declined'): LeadHandoff | undefined => {
  const handoff = state.handoffs.get(handoffId) ?? fail('HANDOFF_NOT_FOUND', `No lead handoff ${handoffId} on case ${state.caseId}`);
  if (handoff.toUnitId !== unitId) fail('NOT_ADDRESSED_UNIT', `Handoff ${handoffId} is addressed to ${handoff.toUnitId}`);
  if (handoff.status === answer) return undefined;
  if (handoff.status !== 'pending') fail('HANDOFF_NOT_PENDING', `Handoff ${handoffId} is ${handoff.status}`);
  return handoff;
};
