import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { deadlineRules, dueAfter } from '../deadlines/deadline-rules';

/** Starts the SPDP clock, under the rule set of the day the investigation opened. A new one may follow an SP3. */
export const openInvestigation = ({ data, metadata }: CaseCommandOf<'OpenInvestigation'>, state: OpenCaseState): CaseEvent[] => {
  const { stage } = state.investigation;
  if (stage !== 'none' && stage !== 'terminated') fail('INVESTIGATION_ALREADY_OPEN', `An investigation of case ${state.caseId} is under way`);
  const rules = deadlineRules(actedAt(metadata), metadata.deadlineDays);
  return [
    caseEvent('InvestigationOpened', {
      caseId: data.caseId,
      policeUnitId: metadata.actor.unitId,
      warrantNumber: data.warrantNumber,
      openedAt: actedAt(metadata),
      noticeDueBy: dueAfter(actedAt(metadata), rules.investigationNotice),
      ruleSet: rules.ruleSet,
      noticeRule: rules.investigationNotice.legalBasis,
    }),
  ];
};
