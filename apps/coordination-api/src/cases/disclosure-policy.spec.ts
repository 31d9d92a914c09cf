import { AGENCY_TYPES } from '@tppo/case-domain';
import { caseView } from './case.view';
import {
  CASE_VIEW_DISCLOSURE,
  checkPolicyVersions,
  CONSENT_BOUND_FIELDS,
  disclose,
  DISCLOSURE_POLICY_VERSIONS,
  policyInForce,
  withholdUnconsented,
  type DisclosurePolicyVersion,
} from './disclosure-policy';

/** A case view with every field present, from a minimal state. */
const full = caseView(
  {
    status: 'closed',
    closedAt: '2026-06-20T01:00:00.000Z',
    caseId: 'c-1',
    openedAt: '2026-06-01T01:00:00.000Z',
    openedByUnitId: 'polres-nunukan',
    leadUnitId: 'uptd-ppa-nunukan',
    leadAgencyType: 'SERVICE_UNIT',
    victims: new Map(),
    subjects: new Map(),
    consents: new Map(),
    referrals: new Map(),
    handoffs: new Map(),
    services: new Map(),
    placements: new Map(),
    lpskRequests: new Map(),
    erasures: new Map(),
    legalHolds: new Map(),
    policeReportNumber: 'LP/B/1/2026',
    investigation: { stage: 'none' },
    events: new Map(),
    handledCommands: new Set(),
  },
  9,
);

describe('the disclosure policy of the case view', () => {
  it('has a line for every field the view can carry, and no line for a field it does not', () => {
    expect(Object.keys(CASE_VIEW_DISCLOSURE).sort()).toEqual(Object.keys(full).sort());
  });

  it('never grants anything to the ministry or a task force: they read the timeline', () => {
    expect(disclose(full, 'MINISTRY')).toEqual({});
    expect(disclose(full, 'TASK_FORCE')).toEqual({});
  });

  it('fails closed on a field without a line', () => {
    expect(disclose({ ...full, secretNotes: 'x' } as never, 'POLICE')).not.toHaveProperty('secretNotes');
  });

  it('keeps criminal intelligence from health, NGO and migrant-protection units, and shelters from the police', () => {
    for (const type of ['HEALTH', 'NGO', 'MIGRANT_PROTECTION', 'FOREIGN_AFFAIRS', 'IMMIGRATION'] as const) {
      expect(Object.keys(disclose(full, type))).not.toEqual(expect.arrayContaining(['subjects']));
      expect(disclose(full, type)).not.toHaveProperty('investigation');
    }
    expect(disclose(full, 'POLICE')).not.toHaveProperty('shelterPlacements');
    for (const type of AGENCY_TYPES.filter((t) => t !== 'MINISTRY' && t !== 'TASK_FORCE')) expect(disclose(full, type)).toHaveProperty('victims');
  });
});

describe('the versions of the disclosure policy', () => {
  const v1 = DISCLOSURE_POLICY_VERSIONS[0]!;
  const v2: DisclosurePolicyVersion = { version: 2, inForceFrom: '2026-09-01T00:00:00.000Z', fields: { ...v1.fields, investigation: ['POLICE', 'PROSECUTOR', 'COURT'] } };
  const versions = checkPolicyVersions([v1, v2]);

  it('starts with version 1, today\'s table, in force before any case', () => {
    expect(v1).toMatchObject({ version: 1, inForceFrom: '2026-01-01T00:00:00.000Z' });
    expect(v1.fields).toBe(CASE_VIEW_DISCLOSURE);
    expect(checkPolicyVersions(DISCLOSURE_POLICY_VERSIONS)).toBe(DISCLOSURE_POLICY_VERSIONS);
  });

  it('answers an instant by the version in force then: a later version does not rewrite an earlier answer', () => {
    expect(policyInForce(versions, '2026-08-31T23:59:59.999Z')?.version).toBe(1);
    expect(policyInForce(versions, '2026-09-01T00:00:00.000Z')?.version).toBe(2);
    expect(policyInForce(versions, '2025-12-31T23:59:59.999Z')).toBeUndefined();
    expect(disclose(full, 'SERVICE_UNIT', policyInForce(versions, '2026-06-01T00:00:00.000Z')!.fields)).toHaveProperty('investigation');
    expect(disclose(full, 'SERVICE_UNIT', policyInForce(versions, '2026-10-01T00:00:00.000Z')!.fields)).not.toHaveProperty('investigation');
  });

  it('refuses a list that is out of order, misnumbered or undated', () => {
    expect(() => checkPolicyVersions([])).toThrow(/no version/);
    expect(() => checkPolicyVersions([v1, { ...v2, inForceFrom: v1.inForceFrom }])).toThrow(/no later than version 1/);
    expect(() => checkPolicyVersions([v1, { ...v2, version: 3 }])).toThrow(/numbered/);
    expect(() => checkPolicyVersions([{ ...v1, inForceFrom: 'soon' }])).toThrow(/not an ISO-8601 instant/);
  });
});

describe('the consent-bound parts of the view', () => {
  const withPeople = {
    ...full,
    victims: [{ subjectRef: 'v-1', isChild: false, guardianRefs: [] }, { subjectRef: 'v-2', isChild: true, guardianRefs: ['g-2'] }],
    subjects: [{ subjectRef: 'v-1', role: 'VICTIM' }, { subjectRef: 'v-2', role: 'VICTIM' }, { subjectRef: 'g-2', role: 'GUARDIAN' }, { subjectRef: 's-1', role: 'SUSPECT' }],
    serviceRequests: [{ serviceRequestId: 'svc-1', subjectRef: 'v-2', kind: 'COUNSELLING', fromUnitId: 'a', providerUnitId: 'b', status: 'requested' }],
    shelterPlacements: [{ placementId: 'p-1', subjectRef: 'v-2', shelterUnitId: 'b', active: true }],
    lpskRequests: [{ requestId: 'l-1', subjectRef: 'v-1', fromUnitId: 'a', lpskUnitId: 'lpsk', status: 'pending' }],
  };

  it('withholds the entries of the people no consent covers, and keeps the rest of the view', () => {
    const shown = withholdUnconsented(withPeople, { bound: true, withheldSubjectRefs: ['v-2', 'g-2'] });
    expect(shown.victims?.map((v) => v.subjectRef)).toEqual(['v-1']);
    expect(shown.subjects?.map((v) => v.subjectRef)).toEqual(['v-1', 's-1']);
    expect(shown.serviceRequests).toEqual([]);
    expect(shown.shelterPlacements).toEqual([]);
    expect(shown.lpskRequests).toHaveLength(1);
    const others = (view: object) => Object.fromEntries(Object.entries(view).filter(([field]) => !(CONSENT_BOUND_FIELDS as readonly string[]).includes(field)));
    expect(others(shown)).toEqual(others(withPeople));
  });

  it('changes nothing for a unit that is not consent-bound, and adds no field that was withheld', () => {
    expect(withholdUnconsented(withPeople, { bound: false })).toBe(withPeople);
    expect(withholdUnconsented(disclose(withPeople, 'HEALTH'), { bound: true, withheldSubjectRefs: ['v-1'] })).not.toHaveProperty('subjects');
    expect([...CONSENT_BOUND_FIELDS].sort()).toEqual(['lpskRequests', 'serviceRequests', 'shelterPlacements', 'subjects', 'victims']);
  });
});
