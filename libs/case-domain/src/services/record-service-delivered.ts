import { actedAt } from '@tppo/eventsourcing';
import type { CaseCommandOf } from '../case.commands';
import { caseEvent, type CaseEvent } from '../case.events';
import type { OpenCaseState } from '../case.state';
import { fail } from '../shared/guards';

/** Stops the 7-day clock; only the provider can say it delivered. */
export const recordServiceDelivered = ({ data, metadata }: CaseCommandOf<'RecordServiceDelivered'>, state: OpenCaseState): CaseEvent[] => {
  const service =
    state.services.get(data.serviceRequestId) ?? fail('SERVICE_REQUEST_NOT_FOUND', `No service request ${data.serviceRequestId} on case ${state.caseId}`);
  if (service.providerUnitId !== metadata.actor.unitId) fail('NOT_PROVIDER_UNIT', `Service ${data.serviceRequestId} is provided by ${service.providerUnitId}`);
  if (service.status === 'delivered') return [];
  return [caseEvent('ServiceDelivered', { caseId: data.caseId, serviceRequestId: data.serviceRequestId, note: data.note, deliveredAt: actedAt(metadata) })];
};
