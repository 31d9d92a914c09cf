import { deadlineRules, dueAfter, ruleSetFor, SERVICE_RULE } from './deadline-rules';

describe('deadline rules', () => {
  it.each([
    ['2025-12-31T10:00:00.000Z', 'KUHAP_1981'],
    ['2026-01-01T16:59:59.000Z', 'KUHAP_1981'],
    // 2 January 2026 00:00 WIB: the new KUHAP governs a stage begun from this moment.
    ['2026-01-01T17:00:00.000Z', 'KUHAP_2025'],
    ['2026-03-01T00:00:00.000+08:00', 'KUHAP_2025'],
  ])('a stage begun at %s runs under %s', (at, ruleSet) => expect(ruleSetFor(at)).toBe(ruleSet));

  it('names the legal basis of every clock', () => {
    for (const at of ['2025-06-01T00:00:00Z', '2026-06-01T00:00:00Z']) {
      const rules = deadlineRules(at);
      for (const rule of [rules.investigationNotice, rules.caseFileReview, rules.caseFileResubmission]) {
        expect(rule.legalBasis).toMatch(/KUHAP|20\/2025/);
        expect(rule.days).toBeGreaterThan(0);
      }
    }
  });

  it('counts days from the moment the stage began', () =>
    expect(dueAfter('2026-02-10T01:00:00.000Z', SERVICE_RULE)).toBe('2026-02-17T01:00:00.000Z'));
});
