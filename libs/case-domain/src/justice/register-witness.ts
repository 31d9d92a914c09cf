import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { claimSubjectRef } from '../shared/guards';

/** A witness's identity is among the most protected fields (Law 21/2007 art. 44): sealed, like a child's. */
export const registerWitness = ({ data, metadata }: CaseCommandOf<'RegisterWitness'>, state: OpenCaseState): CaseEvent[] => {
  if (claimSubjectRef(state, data.subjectRef, 'WITNESS', data.identity) === 'same') return [];
  return [caseEvent('WitnessRegistered', { ...data, registeredAt: actedAt(metadata) })];
};
