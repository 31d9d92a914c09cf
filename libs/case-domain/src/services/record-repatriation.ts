import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { victimOf } from '../shared/guards';

/** Law 21/2007 art. 54: the State brings a victim abroad home. */
export const recordRepatriation = ({ data, metadata }: CaseCommandOf<'RecordRepatriation'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  return [caseEvent('RepatriationCompleted', { ...data, recordedAt: actedAt(metadata) })];
};
