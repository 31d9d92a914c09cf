import type { CaseEvent } from '../case.events';
import type { CaseRecord } from '../case.state';
import { SERVICE_PURPOSE } from '../services/request-service';
import type { SharingPurpose } from '../vocabulary';
import { assertNever } from './assert-never';
import { consentCovering, type Recipient } from './consent';
import { participates } from './participation';
import type { SharingBasis } from './sharing-fields';

/** A share addressed to a unit, with the ground its event recorded for it. */
export interface ShareGround {
  readonly shareId: string;
  readonly toUnitId: string;
  readonly purpose: SharingPurpose;
  readonly sharingBasis: SharingBasis;
}

/** The share an event made, if it made one: a referral, a lead handoff, a service request, an LPSK request. */
export const shareGroundOf = (event: CaseEvent): ShareGround | undefined => {
  switch (event.type) {
    case 'ReferralSent':
      return { shareId: event.data.referralId, toUnitId: event.data.toUnitId, purpose: event.data.purpose, sharingBasis: event.data.sharingBasis };
    case 'LeadHandoffProposed':
      // A handoff is checked against consents for case management (proposeLeadHandoff).
      return { shareId: event.data.handoffId, toUnitId: event.data.toUnitId, purpose: 'CASE_MANAGEMENT', sharingBasis: event.data.sharingBasis };
    case 'ServiceRequested':
      return { shareId: event.data.serviceRequestId, toUnitId: event.data.providerUnitId, purpose: SERVICE_PURPOSE[event.data.kind], sharingBasis: event.data.sharingBasis };
    case 'LpskProtectionRequested':
      // LPSK acts on the person's own application, so only on a consent (Law 31/2014 art. 29).
      return { shareId: event.data.requestId, toUnitId: event.data.lpskUnitId, purpose: 'WITNESS_PROTECTION', sharingBasis: 'CONSENT' };
    default:
      return undefined;
  }
};

/**
 * Whether what a unit sees of the victims hangs on their consent, and whose data it must not see.
 * `withheldSubjectRefs`: the victims no consent in force covers the unit for, and their guardians.
 */
export type ConsentBinding = { readonly bound: false } | { readonly bound: true; readonly withheldSubjectRefs: readonly string[] };

const keep = <V>(map: ReadonlyMap<string, V>, test: (value: V) => boolean): ReadonlyMap<string, V> => new Map([...map].filter(([, value]) => test(value)));

/** Whether the referral, handoff, service or LPSK request `id` still makes a unit take part (as `participates` counts it). */
const isAlive = (c: CaseRecord, id: string): boolean => {
  const referral = c.referrals.get(id);
  if (referral) return referral.status === 'pending' || referral.status === 'accepted' || referral.status === 'completed';
  const handoff = c.handoffs.get(id);
  if (handoff) return handoff.status !== 'declined';
  return c.services.has(id) || c.lpskRequests.has(id);
};

/** Whose data a share's ground lets through: only a legal basis stands without a consent. */
const standsWithoutConsent = (basis: SharingBasis): boolean => {
  switch (basis) {
    case 'LEGAL_BASIS':
    case 'OWN_UNIT':
      return true;
    // A share made before any victim was registered carried no one's data: the victims registered
    // since reach the unit on their consent, like any other share.
    case 'CONSENT':
    case 'NO_VICTIM_DATA':
      return false;
    default:
      return assertNever(basis);
  }
};

/**
 * The consent-bound rule. A unit whose only ground for being on the case is a share to it that rested
 * on consent (a referral, a lead handoff, a service request, an LPSK request) sees a victim's data only
 * while a consent of that victim covering it (by agency type or unit id, for the purpose of one of
 * those shares) is in force at `at`; a guardian's data rides on the child's consent. The opener, the
 * lead, the units of the criminal file, and a unit reached on a legal basis are not consent-bound.
 * What a unit sent to others is no ground of its own: it presupposes one.
 * `c` is the case as it stood at `at`, `shares` the grounds its events recorded up to then.
 */
export const consentBinding = (c: CaseRecord, shares: readonly ShareGround[], unit: Recipient, at: string): ConsentBinding => {
  const toUnit = shares.filter((s) => s.toUnitId === unit.unitId);
  const free = new Set(toUnit.filter((s) => standsWithoutConsent(s.sharingBasis)).map((s) => s.shareId));
  const isGround = (id: string, fromUnitId: string, toUnitId: string): boolean => fromUnitId !== unit.unitId && (toUnitId !== unit.unitId || free.has(id));
  const withoutConsentGrounds: CaseRecord = {
    ...c,
    referrals: keep(c.referrals, (r) => isGround(r.referralId, r.fromUnitId, r.toUnitId)),
    handoffs: keep(c.handoffs, (h) => isGround(h.handoffId, h.fromUnitId, h.toUnitId)),
    services: keep(c.services, (s) => isGround(s.serviceRequestId, s.fromUnitId, s.providerUnitId)),
    lpskRequests: keep(c.lpskRequests, (r) => isGround(r.requestId, r.fromUnitId, r.lpskUnitId)),
  };
  if (!participates(c, unit.unitId) || participates(withoutConsentGrounds, unit.unitId)) return { bound: false };

  const purposes = toUnit.filter((s) => isAlive(c, s.shareId)).map((s) => s.purpose);
  const withheld = [...c.victims.values()].filter((v) => !purposes.some((purpose) => consentCovering(c, v.subjectRef, unit, purpose, at)));
  return { bound: true, withheldSubjectRefs: withheld.flatMap((v) => [v.subjectRef, ...v.guardianRefs]) };
};
