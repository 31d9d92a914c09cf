import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { requireInvestigating } from './investigation-stage';

/** SP3: only before P-21; after that the prosecutor, not the police, owns the case. */
export const terminateInvestigation = ({ data, metadata }: CaseCommandOf<'TerminateInvestigation'>, state: OpenCaseState): CaseEvent[] => {
  requireInvestigating(state);
  return [caseEvent('InvestigationTerminated', { ...data, terminatedAt: actedAt(metadata) })];
};
