import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import { actingUnit } from '../shared/actor';

/** The opening unit leads until a handoff is accepted: a victim is never without a lead agency. */
export const openCase = ({ data, metadata }: CaseCommandOf<'OpenCase'>): CaseEvent[] => {
  const unit = actingUnit(metadata);
  return [caseEvent('CaseOpened', { ...data, openedByUnitId: unit.unitId, leadUnitId: unit.unitId, leadAgencyType: unit.agencyType, openedAt: actedAt(metadata) })];
};
