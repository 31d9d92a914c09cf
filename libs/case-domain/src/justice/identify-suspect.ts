import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { claimSubjectRef } from '../shared/guards';
import { requireInvestigating } from './investigation-stage';

export const identifySuspect = ({ data, metadata }: CaseCommandOf<'IdentifySuspect'>, state: OpenCaseState): CaseEvent[] => {
  requireInvestigating(state);
  if (claimSubjectRef(state, data.subjectRef, 'SUSPECT', data.identity) === 'same') return [];
  return [caseEvent('SuspectIdentified', { ...data, identifiedAt: metadata.now })];
};
