import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { consentCovering } from '../shared/consent';
import { fail, victimOf } from '../shared/guards';

/**
 * LPSK protection rests on the protected person's own application (Law 31/2014 art. 29), so only a
 * consent covering LPSK will do here: no legal-basis override.
 */
export const requestLpskProtection = ({ data, metadata }: CaseCommandOf<'RequestLpskProtection'>, state: OpenCaseState): CaseEvent[] => {
  const earlier = state.lpskRequests.get(data.requestId);
  if (earlier) {
    const same = earlier.subjectRef === data.subjectRef && earlier.lpskUnitId === data.toUnitId && earlier.fromUnitId === metadata.actor.unitId;
    return same ? [] : fail('ID_REUSED', `LPSK request ${data.requestId} already asks for something else`);
  }
  if (data.toAgencyType !== 'LPSK') fail('WRONG_RECIPIENT_TYPE', `${data.toUnitId} is ${data.toAgencyType}, not LPSK`);
  victimOf(state, data.subjectRef);
  const pending = [...state.lpskRequests.values()].find((r) => r.subjectRef === data.subjectRef && r.status === 'pending');
  if (pending) fail('LPSK_REQUEST_PENDING', `LPSK request ${pending.requestId} for ${data.subjectRef} awaits a decision`);
  const consent =
    consentCovering(state, data.subjectRef, { unitId: data.toUnitId, agencyType: 'LPSK' }, 'WITNESS_PROTECTION', actedAt(metadata)) ??
    fail('CONSENT_REQUIRED', `No consent of ${data.subjectRef} in force covers LPSK for witness protection`);
  return [
    caseEvent('LpskProtectionRequested', {
      caseId: data.caseId,
      requestId: data.requestId,
      subjectRef: data.subjectRef,
      fromUnitId: metadata.actor.unitId,
      lpskUnitId: data.toUnitId,
      measures: [...data.measures],
      consentIds: [consent.consentId],
      requestedAt: actedAt(metadata),
    }),
  ];
};
