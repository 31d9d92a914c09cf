import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { deadlineRules, dueAfter } from '../deadlines/deadline-rules';
import { requireFileHolder } from './investigation-stage';

/** P-19: stops the review clock and starts the investigator's resubmission clock. */
export const returnCaseFile = ({ data, metadata }: CaseCommandOf<'ReturnCaseFile'>, state: OpenCaseState): CaseEvent[] => {
  const inv = state.investigation;
  if (inv.stage !== 'file_under_review') return fail('CASE_FILE_NOT_UNDER_REVIEW', `No case file of ${state.caseId} is under review`);
  requireFileHolder(inv, metadata.actor.unitId);
  const rules = deadlineRules(actedAt(metadata), metadata.deadlineDays);
  return [
    caseEvent('CaseFileReturned', {
      caseId: data.caseId,
      caseFileNumber: inv.caseFileNumber,
      prosecutorUnitId: inv.prosecutorUnitId,
      instructions: data.instructions,
      returnedAt: actedAt(metadata),
      resubmitDueBy: dueAfter(actedAt(metadata), rules.caseFileResubmission),
      ruleSet: rules.ruleSet,
      resubmitRule: rules.caseFileResubmission.legalBasis,
    }),
  ];
};
