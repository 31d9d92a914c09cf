import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { answerableHandoff } from './handoff-of';

/** The lead changes now, and only now. */
export const acceptLeadHandoff = ({ data, metadata }: CaseCommandOf<'AcceptLeadHandoff'>, state: OpenCaseState): CaseEvent[] => {
  const handoff = answerableHandoff(state, data.handoffId, metadata.actor.unitId, 'accepted');
  if (!handoff) return [];
  return [
    caseEvent('LeadHandoffAccepted', {
      caseId: data.caseId,
      handoffId: data.handoffId,
      fromUnitId: handoff.fromUnitId,
      toUnitId: handoff.toUnitId,
      toAgencyType: handoff.toAgencyType,
      acceptedAt: actedAt(metadata),
    }),
  ];
};
