import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { actingUnit } from '../shared/actor';
import { decideSharing } from '../shared/consent';
import { fail, requireLead, requireOtherParticipantUnit } from '../shared/guards';

/** Alih kelola: until the receiver accepts, the sender stays responsible for the victim. */
export const proposeLeadHandoff = ({ data, metadata }: CaseCommandOf<'ProposeLeadHandoff'>, state: OpenCaseState): CaseEvent[] => {
  const from = actingUnit(metadata);
  const earlier = state.handoffs.get(data.handoffId);
  if (earlier?.toUnitId === data.toUnitId && earlier.fromUnitId === from.unitId) return [];
  if (earlier) fail('ID_REUSED', `Handoff ${data.handoffId} went to ${earlier.toUnitId}`);

  requireLead(state, from.unitId);
  requireOtherParticipantUnit(from.unitId, data.toUnitId, data.toAgencyType);
  const pending = [...state.handoffs.values()].find((h) => h.status === 'pending');
  if (pending) fail('HANDOFF_PENDING', `Handoff ${pending.handoffId} to ${pending.toUnitId} is still pending`);

  const sharing = decideSharing(state, {
    caseId: data.caseId,
    shareKind: 'LEAD_HANDOFF',
    shareId: data.handoffId,
    to: { unitId: data.toUnitId, agencyType: data.toAgencyType },
    purpose: 'CASE_MANAGEMENT',
    legalBasis: data.legalBasis,
    justification: data.justification,
    now: actedAt(metadata),
  });
  return [
    ...sharing.override,
    caseEvent('LeadHandoffProposed', {
      caseId: data.caseId,
      handoffId: data.handoffId,
      fromUnitId: from.unitId,
      toUnitId: data.toUnitId,
      toAgencyType: data.toAgencyType,
      reason: data.reason,
      proposedAt: actedAt(metadata),
      ...sharing.basis,
    }),
  ];
};
