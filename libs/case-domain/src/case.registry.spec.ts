import { caseEventRegistry } from './case.registry';
import { CASE_EVENT_TYPES } from './case.events';
import { INTERCEPTION_EVENTS } from './interception/interception.events';
import { CASE_RULE_CODES } from './case-rule-violation';

describe('the case event registry', () => {
  it('knows every case and interception event at schema version 1', () => {
    expect(caseEventRegistry.types().sort()).toEqual([...CASE_EVENT_TYPES, ...Object.keys(INTERCEPTION_EVENTS)].sort());
    for (const type of caseEventRegistry.types()) expect(caseEventRegistry.currentVersion(type)).toBe(1);
  });

  it('refuses a malformed event before it is written, naming the problems', () => {
    expect(() => caseEventRegistry.validate('ReferralSent', { caseId: 'c', referralId: 'r' })).toThrow(/toUnitId is required/);
    expect(() =>
      caseEventRegistry.validate('VictimRegistered', {
        caseId: 'c', subjectRef: 'v', identity: 'x', sex: 'FEMALE', nationality: 'ID', ageBand: '18-24', isChild: false,
        registeredAt: '2026-02-10T01:00:00.000Z', birthDate: '1999-04-01',
      }),
    ).toThrow(/birthDate is not allowed/);
  });

  it('refuses an unknown event type', () => expect(() => caseEventRegistry.validate('CaseDeleted', {})).toThrow(expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' })));

  it('has unique rule codes', () => expect(new Set(CASE_RULE_CODES).size).toBe(CASE_RULE_CODES.length));
});
