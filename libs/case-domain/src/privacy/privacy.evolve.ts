import { change, put, type Evolvers } from '../shared/evolvers';
import type { PRIVACY_EVENTS } from './privacy.events';

export const privacyEvolvers: Evolvers<keyof typeof PRIVACY_EVENTS> = {
  SubjectErasureRequested: (s, { data: d }) => ({
    ...s,
    erasures: put(s.erasures, d.erasureId, { erasureId: d.erasureId, subjectRef: d.subjectRef, legalGround: d.legalGround, requestedByUnitId: d.requestedByUnitId, status: 'pending' }),
  }),
  // The retention job erases with no request before it: the erasure is recorded whole here.
  SubjectErased: (s, { data: d }) => ({
    ...s,
    erasures: put(s.erasures, d.erasureId, { erasureId: d.erasureId, subjectRef: d.subjectRef, legalGround: d.legalGround, requestedByUnitId: d.requestedByUnitId, status: 'erased' }),
  }),
  SubjectErasureRefused: (s, event) => ({ ...s, erasures: change(s.erasures, event.data.erasureId, (e) => ({ ...e, status: 'refused' })) }),
  LegalHoldPlaced: (s, { data: d }) => ({ ...s, legalHolds: put(s.legalHolds, d.holdId, { holdId: d.holdId, placedByUnitId: d.placedByUnitId, inForce: true }) }),
  LegalHoldReleased: (s, event) => ({ ...s, legalHolds: change(s.legalHolds, event.data.holdId, (h) => ({ ...h, inForce: false })) }),
};
