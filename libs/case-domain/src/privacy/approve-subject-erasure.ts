import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ExistingCaseState } from '../case.state';
import { decidableErasure, requireErasable } from './erasure-rules';

/** Checked again at approval: a hold or an investigation may have come since the request. */
export const approveSubjectErasure = ({ data, metadata }: CaseCommandOf<'ApproveSubjectErasure'>, state: ExistingCaseState): CaseEvent[] => {
  const erasure = decidableErasure(state, data.erasureId, metadata.actor, 'erased');
  if (!erasure) return [];
  requireErasable(state);
  return [
    caseEvent('SubjectErased', {
      caseId: data.caseId,
      erasureId: data.erasureId,
      subjectRef: erasure.subjectRef,
      legalGround: erasure.legalGround,
      reason: data.reason,
      requestedByUnitId: erasure.requestedByUnitId,
      approvedByUnitId: metadata.actor.unitId,
      erasedAt: actedAt(metadata),
    }),
  ];
};
