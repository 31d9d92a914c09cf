import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { victimOf } from '../shared/guards';

/** LPSK's calculation of the loss (Law 31/2014 art. 7A), for the prosecutor's demand. */
export const assessRestitution = ({ data, metadata }: CaseCommandOf<'AssessRestitution'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  return [caseEvent('RestitutionAssessed', { ...data, assessedAt: actedAt(metadata) })];
};
