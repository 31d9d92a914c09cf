import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

export const endShelterPlacement = ({ data, metadata }: CaseCommandOf<'EndShelterPlacement'>, state: OpenCaseState): CaseEvent[] => {
  const placement = state.placements.get(data.placementId) ?? fail('SHELTER_PLACEMENT_NOT_ACTIVE', `No placement ${data.placementId} was started`);
  if (!placement.active) return [];
  return [
    caseEvent('ShelterPlacementEnded', {
      caseId: data.caseId,
      placementId: data.placementId,
      subjectRef: placement.subjectRef,
      reason: data.reason,
      endedAt: actedAt(metadata),
    }),
  ];
};
