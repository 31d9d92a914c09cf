import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail, victimOf } from '../shared/guards';

/** The placing unit runs (or answers for) the shelter; a person is in one shelter at a time. */
export const startShelterPlacement = ({ data, metadata }: CaseCommandOf<'StartShelterPlacement'>, state: OpenCaseState): CaseEvent[] => {
  const earlier = state.placements.get(data.placementId);
  if (earlier) {
    const same = earlier.subjectRef === data.subjectRef && earlier.shelterUnitId === metadata.actor.unitId;
    return same ? [] : fail('ID_REUSED', `Placement ${data.placementId} already places someone else`);
  }
  const victim = victimOf(state, data.subjectRef);
  if (victim.activePlacementId) fail('SHELTER_PLACEMENT_ACTIVE', `${data.subjectRef} is already in placement ${victim.activePlacementId}`);
  return [
    caseEvent('ShelterPlacementStarted', {
      caseId: data.caseId,
      placementId: data.placementId,
      subjectRef: data.subjectRef,
      shelterUnitId: metadata.actor.unitId,
      shelterKind: data.shelterKind,
      startedAt: actedAt(metadata),
    }),
  ];
};
