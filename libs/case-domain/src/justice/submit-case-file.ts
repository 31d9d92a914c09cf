import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { deadlineRules, dueAfter } from '../deadlines/deadline-rules';
import { requireInvestigating } from './investigation-stage';

/**
 * Berkas tahap I: starts the prosecutor's review clock (silence until the due date means deemed
 * complete). Handing the file to the prosecutor is the law's own route, so no consent is asked.
 */
export const submitCaseFile = ({ data, metadata }: CaseCommandOf<'SubmitCaseFile'>, state: OpenCaseState): CaseEvent[] => {
  const inv = requireInvestigating(state);
  if (inv.stage !== 'investigating') fail('CASE_FILE_ALREADY_SUBMITTED', `The case file of ${state.caseId} is already with the prosecutor`);
  if (data.prosecutorAgencyType !== 'PROSECUTOR') fail('WRONG_RECIPIENT_TYPE', `${data.prosecutorUnitId} is ${data.prosecutorAgencyType}, not PROSECUTOR`);
  const rules = deadlineRules(actedAt(metadata), metadata.deadlineDays);
  return [
    caseEvent('CaseFileSubmitted', {
      caseId: data.caseId,
      caseFileNumber: data.caseFileNumber,
      policeUnitId: metadata.actor.unitId,
      prosecutorUnitId: data.prosecutorUnitId,
      submittedAt: actedAt(metadata),
      reviewDueBy: dueAfter(actedAt(metadata), rules.caseFileReview),
      ruleSet: rules.ruleSet,
      reviewRule: rules.caseFileReview.legalBasis,
    }),
  ];
};
