import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { victimOf } from '../shared/guards';

/** Identification (Law 21/2007 art. 1(3)): possible, confirmed or not a victim, always with the reason. */
export const determineVictimStatus = ({ data, metadata }: CaseCommandOf<'DetermineVictimStatus'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  return [caseEvent('VictimStatusDetermined', { ...data, determinedAt: actedAt(metadata) })];
};
