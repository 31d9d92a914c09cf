import { change, put, unchanged, type Evolvers } from '../shared/evolvers';
import type { HANDOFF_EVENTS } from './handoff.events';
import { leadAfter } from './lead';

export const handoffEvolvers: Evolvers<keyof typeof HANDOFF_EVENTS> = {
  LeadHandoffProposed: (s, { data: d }) => ({
    ...s,
    handoffs: put(s.handoffs, d.handoffId, { handoffId: d.handoffId, fromUnitId: d.fromUnitId, toUnitId: d.toUnitId, toAgencyType: d.toAgencyType, status: 'pending' }),
  }),
  LeadHandoffAccepted: (s, event) => ({
    ...s,
    ...leadAfter(s, event),
    handoffs: change(s.handoffs, event.data.handoffId, (h) => ({ ...h, status: 'accepted' })),
  }),
  LeadHandoffDeclined: (s, event) => ({ ...s, handoffs: change(s.handoffs, event.data.handoffId, (h) => ({ ...h, status: 'declined' })) }),
  PhysicalCustodyTransferred: unchanged,
};
