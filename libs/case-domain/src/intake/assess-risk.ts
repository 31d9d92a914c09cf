import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { victimOf } from '../shared/guards';

export const assessRisk = ({ data, metadata }: CaseCommandOf<'AssessRisk'>, state: OpenCaseState): CaseEvent[] => {
  victimOf(state, data.subjectRef);
  return [caseEvent('RiskAssessed', { ...data, factors: [...data.factors], assessedAt: actedAt(metadata) })];
};
