import { CASE_PARTICIPANT_AGENCY_TYPES, type AgencyType, type ConsentBinding } from '@tppo/case-domain';
import type { CaseView } from './case.view';

/** Every agency type that can take part in a case (MINISTRY and TASK_FORCE read only the timeline). */
const ALL: readonly AgencyType[] = CASE_PARTICIPANT_AGENCY_TYPES;

/** Which agency types may read each field of the case view. Its type does not compile until every field of the view has a line. */
export type DisclosureTable = Readonly<Record<keyof CaseView, readonly AgencyType[]>>;

/** One version of the disclosure policy: from `inForceFrom` on, until the next version comes into force. */
export interface DisclosurePolicyVersion {
  readonly version: number;
  /** ISO-8601 instant. */
  readonly inForceFrom: string;
  readonly fields: DisclosureTable;
}

/**
 * Version 1 of the disclosure policy of the case view: which agency types may read each field of
 * GET /cases/{id}, on top of participation. Identities are in no view at all.
 */
const VERSION_1: DisclosureTable = {
  caseId: ALL,
  status: ALL,
  revision: ALL,
  openedByUnitId: ALL,
  leadUnitId: ALL,
  leadAgencyType: ALL,
  closedAt: ALL,
  // Pseudonymous refs and the child flag: every participant needs them to act on the case.
  victims: ALL,
  // Consents and sharing decide what any participant may share next.
  consents: ALL,
  referrals: ALL,
  leadHandoffs: ALL,
  // Who is a suspect or a witness is criminal intelligence.
  subjects: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK'],
  policeReportNumber: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'SERVICE_UNIT', 'LEGAL_AID'],
  investigation: ['POLICE', 'PROSECUTOR', 'COURT', 'LPSK', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'LEGAL_AID'],
  serviceRequests: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'HEALTH', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'LPSK', 'NGO', 'LEGAL_AID', 'POLICE'],
  // Where a victim sleeps is a safety matter: the units that run or fund shelters, and LPSK.
  shelterPlacements: ['SERVICE_UNIT', 'SOCIAL_SERVICES', 'LPSK'],
  lpskRequests: ['LPSK', 'POLICE', 'PROSECUTOR', 'SERVICE_UNIT', 'SOCIAL_SERVICES', 'LEGAL_AID'],
  // Any participant may ask for an erasure, and must see what became of it and what stands in its way.
  erasures: ALL,
  legalHolds: ALL,
};

/**
 * The disclosure policy of the case view, as a list of versions, oldest first. A change of policy is
 * a new version in force from a later instant, never an edit of an old one: an ombudsman or a court
 * asking what a unit could see on a past date gets the rules of that date (GET /cases/{id}/as-of).
 * The live routes use the version in force now.
 */
export const DISCLOSURE_POLICY_VERSIONS: readonly DisclosurePolicyVersion[] = [{ version: 1, inForceFrom: '2026-01-01T00:00:00.000Z', fields: VERSION_1 }];

/** Version 1's table, for the readers that do not yet pick a version (the my-cases list). */
export const CASE_VIEW_DISCLOSURE: DisclosureTable = VERSION_1;

/** The Nest token of the versions in use (default: DISCLOSURE_POLICY_VERSIONS), so that a test can add one. */
export const DISCLOSURE_POLICIES = Symbol('DISCLOSURE_POLICIES');

/** Refuses a list in which a version would rewrite the past: numbers 1, 2, 3 … and instants strictly increasing. */
export const checkPolicyVersions = (versions: readonly DisclosurePolicyVersion[]): readonly DisclosurePolicyVersion[] => {
  if (versions.length === 0) throw new Error('The disclosure policy has no version');
  versions.forEach((v, i) => {
    if (v.version !== i + 1) throw new Error(`Disclosure policy version ${v.version} is at place ${i + 1}: versions are numbered 1, 2, 3 … in order`);
    if (Number.isNaN(Date.parse(v.inForceFrom))) throw new Error(`Disclosure policy version ${v.version} comes into force at "${v.inForceFrom}", not an ISO-8601 instant`);
    const before = versions[i - 1];
    if (before && Date.parse(v.inForceFrom) <= Date.parse(before.inForceFrom)) {
      throw new Error(`Disclosure policy version ${v.version} comes into force (${v.inForceFrom}) no later than version ${before.version} (${before.inForceFrom})`);
    }
  });
  return versions;
};

/** The version in force at `at`, or undefined before the first one (no case is that old). */
export const policyInForce = (versions: readonly DisclosurePolicyVersion[], at: string): DisclosurePolicyVersion | undefined =>
  versions.findLast((v) => Date.parse(v.inForceFrom) <= Date.parse(at));

/** The version in force now; the live routes answer by it. */
export const policyInForceNow = (versions: readonly DisclosurePolicyVersion[] = DISCLOSURE_POLICY_VERSIONS): DisclosurePolicyVersion => {
  const now = new Date().toISOString();
  const policy = policyInForce(versions, now);
  if (!policy) throw new Error(`No disclosure policy is in force at ${now}`);
  return policy;
};

/** The view as the caller's agency type may read it under `fields`: withheld fields are absent, not empty. */
export const disclose = (view: CaseView, agencyType: AgencyType, fields: DisclosureTable = policyInForceNow().fields): Partial<CaseView> =>
  Object.fromEntries(
    Object.entries(view).filter(([field]) => {
      const allowed = fields[field as keyof CaseView] as readonly AgencyType[] | undefined;
      // Fail closed: a field without a line in the table is never disclosed.
      return allowed?.includes(agencyType) ?? false;
    }),
  ) as Partial<CaseView>;

/**
 * The parts of the case view shared under consent: the entries of these sections that are about a
 * victim (or the victim's guardian) carry that person's data, pseudonymous as it is: who they are in
 * the case, their services (health and counselling among them), where they sleep, their protection.
 * A unit whose only ground for being on the case is a share that rested on consent (see
 * `consentBinding`) sees those entries only while a consent covering it is in force.
 * Not consent-bound: the case's own facts, its consents (a unit must see why it lost access), its
 * referrals and handoffs (what it was asked to do), the criminal process (by agency type only), and
 * erasures and legal holds (a unit holding a copy must learn that it is to be erased).
 */
export const CONSENT_BOUND_FIELDS = ['victims', 'subjects', 'serviceRequests', 'shelterPlacements', 'lpskRequests'] as const satisfies readonly (keyof CaseView)[];

/** The view without the consent-bound entries of the people whose consent does not cover the unit. */
export const withholdUnconsented = (view: Partial<CaseView>, binding: ConsentBinding): Partial<CaseView> => {
  if (!binding.bound) return view;
  const kept = <T extends { readonly subjectRef: string }>(entries: readonly T[] | undefined): T[] | undefined => entries?.filter((e) => !binding.withheldSubjectRefs.includes(e.subjectRef));
  const out: Record<string, unknown> = { ...view };
  for (const field of CONSENT_BOUND_FIELDS) if (view[field] !== undefined) out[field] = kept<{ subjectRef: string }>(view[field]);
  return out as Partial<CaseView>;
};
