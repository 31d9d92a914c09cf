import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { deadlineRules, dueAfter } from '../deadlines/deadline-rules';

/** Starts the review clock again, under the rules of the day the file came back. */
export const resubmitCaseFile = ({ data, metadata }: CaseCommandOf<'ResubmitCaseFile'>, state: OpenCaseState): CaseEvent[] => {
  const inv = state.investigation;
  if (inv.stage !== 'file_returned') return fail('CASE_FILE_NOT_RETURNED', `The case file of ${state.caseId} was not returned (P-19)`);
  const rules = deadlineRules(actedAt(metadata), metadata.deadlineDays);
  return [
    caseEvent('CaseFileResubmitted', {
      caseId: data.caseId,
      caseFileNumber: inv.caseFileNumber,
      resubmittedAt: actedAt(metadata),
      reviewDueBy: dueAfter(actedAt(metadata), rules.caseFileReview),
      ruleSet: rules.ruleSet,
      reviewRule: rules.caseFileReview.legalBasis,
    }),
  ];
};
