import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { requireRestitutionDue } from './restitution-due';

/** Unpaid restitution: Law 21/2007 art. 50(4) substitutes up to one year of imprisonment. */
export const recordRestitutionDefault = ({ data, metadata }: CaseCommandOf<'RecordRestitutionDefault'>, state: OpenCaseState): CaseEvent[] => {
  requireRestitutionDue(state);
  return [caseEvent('RestitutionDefaulted', { caseId: data.caseId, reason: data.reason, recordedAt: actedAt(metadata) })];
};
