import type { CaseRecord, Investigation } from '../case.state';
import { assertNever } from './assert-never';

const unitsOfInvestigation = (inv: Investigation): string[] => {
  switch (inv.stage) {
    case 'none':
      return [];
    case 'investigating':
    case 'terminated':
    case 'file_under_review':
    case 'file_returned':
    case 'file_complete':
    case 'handed_over':
      return [inv.policeUnitId, ...(inv.prosecutorUnitId ? [inv.prosecutorUnitId] : [])];
    case 'indicted':
    case 'verdict':
      return [inv.policeUnitId, inv.prosecutorUnitId, inv.courtUnitId];
    default:
      return assertNever(inv);
  }
};

/**
 * A unit takes part in a case when it opened or leads it, or something is addressed to or from it that
 * is still alive: a referral (pending, accepted, completed), a lead handoff (pending, accepted), a
 * service request, an LPSK request, or the criminal file (SPDP, case file, indictment to the court).
 * Withdrawn and declined items end participation on the next request (SECURITY S6): access derives
 * from these events, never from a token.
 */
export const participates = (c: CaseRecord, unitId: string): boolean =>
  c.openedByUnitId === unitId ||
  c.leadUnitId === unitId ||
  [...c.referrals.values()].some(
    (r) => (r.fromUnitId === unitId || r.toUnitId === unitId) && (r.status === 'pending' || r.status === 'accepted' || r.status === 'completed'),
  ) ||
  [...c.handoffs.values()].some((h) => (h.fromUnitId === unitId || h.toUnitId === unitId) && h.status !== 'declined') ||
  [...c.services.values()].some((s) => s.fromUnitId === unitId || s.providerUnitId === unitId) ||
  [...c.lpskRequests.values()].some((r) => r.fromUnitId === unitId || r.lpskUnitId === unitId) ||
  unitsOfInvestigation(c.investigation).includes(unitId);
