import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Tahap II: the suspect and the evidence pass to the prosecutor after P-21. */
export const handOverSuspectAndEvidence = ({ data, metadata }: CaseCommandOf<'HandOverSuspectAndEvidence'>, state: OpenCaseState): CaseEvent[] => {
  const inv = state.investigation;
  if (inv.stage !== 'file_complete') return fail('CASE_FILE_NOT_COMPLETE', `The case file of ${state.caseId} is not declared complete (P-21)`);
  return [
    caseEvent('SuspectAndEvidenceHandedOver', {
      caseId: data.caseId,
      caseFileNumber: inv.caseFileNumber,
      prosecutorUnitId: inv.prosecutorUnitId,
      handedOverAt: metadata.now,
    }),
  ];
};
