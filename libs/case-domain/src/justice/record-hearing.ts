import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

export const recordHearing = ({ data, metadata }: CaseCommandOf<'RecordHearing'>, state: OpenCaseState): CaseEvent[] => {
  if (state.investigation.stage !== 'indicted') fail('INDICTMENT_NOT_FILED', `No indictment of ${state.caseId} is before the court`);
  return [caseEvent('HearingHeld', { ...data, recordedAt: actedAt(metadata) })];
};
