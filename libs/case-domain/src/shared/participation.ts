import type { CaseRecord, Investigation } from '../case.state';
import { assertNever } from './assert-never';

/** Who the criminal file has reached, in any shape that holds it: the domain's state or a projection's sections. */
export interface InvestigationParties {
  readonly stage: Exclude<Investigation['stage'], 'none'>;
  readonly policeUnitId: string;
  /** The prosecutor unit that received the SPDP or holds the case file. */
  readonly prosecutorUnitId?: string;
  /** The court the indictment went to. */
  readonly courtUnitId?: string;
}

/** The police, prosecutor and court the criminal file has reached: SPDP, case file, indictment. */
const unitsOfInvestigation = (inv: InvestigationParties): string[] => {
  const units = [inv.policeUnitId, ...(inv.prosecutorUnitId ? [inv.prosecutorUnitId] : [])];
  switch (inv.stage) {
    case 'investigating':
    case 'terminated':
    case 'file_under_review':
    case 'file_returned':
    case 'file_complete':
    case 'handed_over':
      return units;
    // The court takes part once the indictment reaches it.
    case 'indicted':
    case 'verdict':
      return inv.courtUnitId ? [...units, inv.courtUnitId] : units;
    default:
      return assertNever(inv.stage);
  }
};

/** What participation is decided on, in any shape that holds it: the domain's state or a projection's sections. */
export interface ParticipationFacts {
  readonly openedByUnitId: string;
  readonly leadUnitId: string;
  readonly referrals: Iterable<{ readonly fromUnitId: string; readonly toUnitId: string; readonly status: string }>;
  readonly handoffs: Iterable<{ readonly fromUnitId: string; readonly toUnitId: string; readonly status: string }>;
  readonly services: Iterable<{ readonly fromUnitId: string; readonly providerUnitId: string }>;
  readonly lpskRequests: Iterable<{ readonly fromUnitId: string; readonly lpskUnitId: string }>;
  /** The criminal file; undefined before an investigation is opened. */
  readonly investigation: InvestigationParties | undefined;
}

/**
 * Adds `unit` unless the list has it: distinct units in first-seen order, as a Set spread into an
 * array gives. A case has a handful of units, where a list is cheaper than building a Set for every
 * event of a projection's rebuild.
 */
export const addUnit = (units: string[], unit: string): void => {
  if (!units.includes(unit)) units.push(unit);
};

/**
 * A unit takes part in a case when it opened or leads it, or something is addressed to or from it that
 * is still alive: a referral (pending, accepted, completed), a lead handoff (pending, accepted), a
 * service request, an LPSK request, or the criminal file (SPDP, case file, indictment to the court).
 * Withdrawn and declined items end participation on the next request: access derives
 * from these events, never from a token.
 */
export const unitsTakingPart = (c: ParticipationFacts): string[] => {
  const units = [c.openedByUnitId];
  addUnit(units, c.leadUnitId);
  const both = (a: string, b: string) => {
    addUnit(units, a);
    addUnit(units, b);
  };
  for (const r of c.referrals) if (r.status === 'pending' || r.status === 'accepted' || r.status === 'completed') both(r.fromUnitId, r.toUnitId);
  for (const h of c.handoffs) if (h.status !== 'declined') both(h.fromUnitId, h.toUnitId);
  for (const s of c.services) both(s.fromUnitId, s.providerUnitId);
  for (const r of c.lpskRequests) both(r.fromUnitId, r.lpskUnitId);
  if (c.investigation) for (const unit of unitsOfInvestigation(c.investigation)) addUnit(units, unit);
  return units;
};

export const participantsOf = (c: CaseRecord): string[] =>
  unitsTakingPart({
    openedByUnitId: c.openedByUnitId,
    leadUnitId: c.leadUnitId,
    referrals: c.referrals.values(),
    handoffs: c.handoffs.values(),
    services: c.services.values(),
    lpskRequests: c.lpskRequests.values(),
    investigation: c.investigation.stage === 'none' ? undefined : c.investigation,
  });

export const participates = (c: CaseRecord, unitId: string): boolean => participantsOf(c).includes(unitId);
