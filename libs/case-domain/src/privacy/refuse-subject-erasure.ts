import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { ExistingCaseState } from '../case.state';
import { decidableErasure } from './erasure-rules';

/** The same units that may approve may refuse; the subject may be asked for again under a new request. */
export const refuseSubjectErasure = ({ data, metadata }: CaseCommandOf<'RefuseSubjectErasure'>, state: ExistingCaseState): CaseEvent[] => {
  const erasure = decidableErasure(state, data.erasureId, metadata.actor, 'refused');
  if (!erasure) return [];
  return [
    caseEvent('SubjectErasureRefused', {
      caseId: data.caseId,
      erasureId: data.erasureId,
      subjectRef: erasure.subjectRef,
      reason: data.reason,
      refusedByUnitId: metadata.actor.unitId,
      refusedAt: actedAt(metadata),
    }),
  ];
};
