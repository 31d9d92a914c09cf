import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';
import { requireFileHolder } from './investigation-stage';

/** P-21: only a file under review can be declared complete, and only by the prosecutor holding it. */
export const declareCaseFileComplete = ({ data, metadata }: CaseCommandOf<'DeclareCaseFileComplete'>, state: OpenCaseState): CaseEvent[] => {
  const inv = state.investigation;
  if (inv.stage !== 'file_under_review') return fail('CASE_FILE_NOT_UNDER_REVIEW', `No case file of ${state.caseId} is under review`);
  requireFileHolder(inv, metadata.actor.unitId);
  return [
    caseEvent('CaseFileDeclaredComplete', {
      caseId: data.caseId,
      caseFileNumber: inv.caseFileNumber,
      prosecutorUnitId: inv.prosecutorUnitId,
      declaredAt: actedAt(metadata),
    }),
  ];
};
