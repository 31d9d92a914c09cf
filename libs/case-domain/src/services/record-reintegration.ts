import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { victimOf } from '../shared/guards';

export const recordReintegration = ({ data, metadata }: CaseCommandOf<'RecordReintegration'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  return [caseEvent('ReintegrationCompleted', { ...data, recordedAt: actedAt(metadata) })];
};
