import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ExistingCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Any police, prosecutor or court unit of the case may release a hold: the one that placed it may have left the case. */
export const releaseLegalHold = ({ data, metadata }: CaseCommandOf<'ReleaseLegalHold'>, state: ExistingCaseState): CaseEvent[] => {
  const hold = state.legalHolds.get(data.holdId) ?? fail('LEGAL_HOLD_NOT_FOUND', `No legal hold ${data.holdId} on case ${state.caseId}`);
  if (!hold.inForce) return [];
  return [caseEvent('LegalHoldReleased', { ...data, releasedByUnitId: metadata.actor.unitId, releasedAt: actedAt(metadata) })];
};
