import { change, put, unchanged, type Evolvers } from '../shared/evolvers';
import type { SERVICES_EVENTS } from './services.events';

export const servicesEvolvers: Evolvers<keyof typeof SERVICES_EVENTS> = {
  ServiceRequested: (s, { data: d }) => ({
    ...s,
    services: put(s.services, d.serviceRequestId, {
      serviceRequestId: d.serviceRequestId,
      subjectRef: d.subjectRef,
      kind: d.kind,
      fromUnitId: d.fromUnitId,
      providerUnitId: d.providerUnitId,
      status: 'requested',
    }),
  }),
  ServiceDelivered: (s, event) => ({ ...s, services: change(s.services, event.data.serviceRequestId, (r) => ({ ...r, status: 'delivered' })) }),
  ShelterPlacementStarted: (s, { data: d }) => ({
    ...s,
    placements: put(s.placements, d.placementId, { placementId: d.placementId, subjectRef: d.subjectRef, shelterUnitId: d.shelterUnitId, active: true }),
    victims: change(s.victims, d.subjectRef, (v) => ({ ...v, activePlacementId: d.placementId })),
  }),
  ShelterPlacementEnded: (s, { data: d }) => ({
    ...s,
    placements: change(s.placements, d.placementId, (p) => ({ ...p, active: false })),
    victims: change(s.victims, d.subjectRef, ({ activePlacementId: _ended, ...v }) => v),
  }),
  LpskProtectionRequested: (s, { data: d }) => ({
    ...s,
    lpskRequests: put(s.lpskRequests, d.requestId, {
      requestId: d.requestId,
      subjectRef: d.subjectRef,
      fromUnitId: d.fromUnitId,
      lpskUnitId: d.lpskUnitId,
      status: 'pending',
    }),
  }),
  LpskProtectionDecided: (s, event) => ({
    ...s,
    lpskRequests: change(s.lpskRequests, event.data.requestId, (r) => ({ ...r, status: event.data.decision === 'GRANTED' ? 'granted' : 'refused' })),
  }),
  RepatriationCompleted: unchanged,
  ReintegrationCompleted: unchanged,
};
