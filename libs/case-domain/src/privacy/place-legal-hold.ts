import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ExistingCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Police, prosecutor or court keep the case's personal data from erasure (an appeal, a related case). */
export const placeLegalHold = ({ data, metadata }: CaseCommandOf<'PlaceLegalHold'>, state: ExistingCaseState): CaseEvent[] => {
  const earlier = state.legalHolds.get(data.holdId);
  if (earlier?.placedByUnitId === metadata.actor.unitId && earlier.inForce) return [];
  if (earlier) fail('ID_REUSED', `Legal hold ${data.holdId} was placed by ${earlier.placedByUnitId}`);
  return [caseEvent('LegalHoldPlaced', { ...data, placedByUnitId: metadata.actor.unitId, placedAt: actedAt(metadata) })];
};
