import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { configured, RESTITUTION_RULE, dueAfter } from '../deadlines/deadline-rules';

/** Restitution ordered: the 14-day payment clock runs from the notice of the verdict, not the hearing. */
export const recordVerdict = ({ data, metadata }: CaseCommandOf<'RecordVerdict'>, state: OpenCaseState): CaseEvent[] => {
  if (state.investigation.stage !== 'indicted') fail('INDICTMENT_NOT_FILED', `No indictment of ${state.caseId} is before the court`);
  const ordered = data.restitutionAmount !== undefined;
  const rule = configured(RESTITUTION_RULE, 'RESTITUTION', metadata.deadlineDays);
  return [
    caseEvent('VerdictIssued', {
      caseId: data.caseId,
      outcome: data.outcome,
      sentenceMonths: data.sentenceMonths,
      restitutionOrdered: ordered,
      restitutionAmount: data.restitutionAmount,
      notifiedAt: data.notifiedAt,
      restitutionDueBy: ordered ? dueAfter(data.notifiedAt, rule) : undefined,
      restitutionRule: ordered ? rule.legalBasis : undefined,
      recordedAt: actedAt(metadata),
    }),
  ];
};
