import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Only the LPSK unit the request went to decides it. */
export const decideLpskProtection = ({ data, metadata }: CaseCommandOf<'DecideLpskProtection'>, state: OpenCaseState): CaseEvent[] => {
  const request = state.lpskRequests.get(data.requestId) ?? fail('LPSK_REQUEST_NOT_FOUND', `No LPSK request ${data.requestId} on case ${state.caseId}`);
  if (request.lpskUnitId !== metadata.actor.unitId) fail('NOT_ADDRESSED_UNIT', `LPSK request ${data.requestId} went to ${request.lpskUnitId}`);
  if (request.status === (data.decision === 'GRANTED' ? 'granted' : 'refused')) return [];
  if (request.status !== 'pending') fail('LPSK_REQUEST_NOT_PENDING', `LPSK request ${data.requestId} is already ${request.status}`);
  return [
    caseEvent('LpskProtectionDecided', {
      caseId: data.caseId,
      requestId: data.requestId,
      subjectRef: request.subjectRef,
      decision: data.decision,
      measures: [...data.measures],
      reason: data.reason,
      decidedAt: actedAt(metadata),
    }),
  ];
};
