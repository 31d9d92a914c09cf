import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail, requireLead } from '../shared/guards';

/** A pending handoff must be answered first: closing under it would leave the receiver holding a closed case. */
export const closeCase = ({ data, metadata }: CaseCommandOf<'CloseCase'>, state: OpenCaseState): CaseEvent[] => {
  requireLead(state, metadata.actor.unitId);
  const pending = [...state.handoffs.values()].find((h) => h.status === 'pending');
  if (pending) fail('HANDOFF_PENDING', `Lead handoff ${pending.handoffId} to ${pending.toUnitId} awaits an answer`);
  return [caseEvent('CaseClosed', { caseId: data.caseId, outcome: data.outcome, reason: data.reason, leadUnitId: state.leadUnitId, closedAt: actedAt(metadata) })];
};
