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
 * Withdrawn and declined items end participation on the next request: access derives
 * from these events, never from a token.
 */
export const participantsOf = (c: CaseRecord): string[] => {
  const units = new Set<string>([c.openedByUnitId, c.leadUnitId]);
  for (const r of c.referrals.values()) {
    if (r.status === 'pending' || r.status === 'accepted' || r.status === 'completed') units.add(r.fromUnitId).add(r.toUnitId);
  }
  for (const h of c.handoffs.values()) if (h.status !== 'declined') units.add(h.fromUnitId).add(h.toUnitId);
  for (const s of c.services.values()) units.add(s.fromUnitId).add(s.providerUnitId);
  for (const r of c.lpskRequests.values()) units.add(r.fromUnitId).add(r.lpskUnitId);
  for (const unit of unitsOfInvestigation(c.investigation)) units.add(unit);
  return [...units];
};

export const participates = (c: CaseRecord, unitId: string): boolean => participantsOf(c).includes(unitId);
