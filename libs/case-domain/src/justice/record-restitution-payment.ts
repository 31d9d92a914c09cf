import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { requireRestitutionDue } from './restitution-due';

/** Payments may come in parts; the clock stops when the ordered amount is reached. */
export const recordRestitutionPayment = ({ data, metadata }: CaseCommandOf<'RecordRestitutionPayment'>, state: OpenCaseState): CaseEvent[] => {
  const due = requireRestitutionDue(state);
  return [caseEvent('RestitutionPaid', { ...data, fullyPaid: due.paid + data.amount >= due.amount, recordedAt: actedAt(metadata) })];
};
