import { AGENCY_TYPES } from '@tppo/case-domain';
import { caseView } from './case.view';
import { CASE_VIEW_DISCLOSURE, disclose } from './disclosure-policy';

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
