import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { answerableHandoff } from './handoff-of';

/** The lead stays where it was. */
export const declineLeadHandoff = ({ data, metadata }: CaseCommandOf<'DeclineLeadHandoff'>, state: OpenCaseState): CaseEvent[] => {
  const handoff = answerableHandoff(state, data.handoffId, metadata.actor.unitId, 'declined');
  if (!handoff) return [];
  return [caseEvent('LeadHandoffDeclined', { caseId: data.caseId, handoffId: data.handoffId, reason: data.reason, declinedAt: actedAt(metadata) })];
};
