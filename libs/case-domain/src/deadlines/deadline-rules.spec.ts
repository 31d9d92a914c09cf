import { configured, deadlineRules, dueAfter, ruleSetFor, SERVICE_RULE } from './deadline-rules';

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

describe('configured day counts', () => {
  it('replaces the count and says so in the legal basis', () => {
    const rules = deadlineRules('2026-06-01T00:00:00Z', { SPDP: 3, CASE_FILE_REVIEW: 10 });
    expect(rules.investigationNotice.days).toBe(3);
    expect(rules.investigationNotice.legalBasis).toMatch(/^Law 20\/2025 .*\(3 days by configuration; the law says 7\)$/);
    expect(rules.caseFileReview.days).toBe(10);
    expect(rules.caseFileResubmission).toEqual(deadlineRules('2026-06-01T00:00:00Z').caseFileResubmission);
  });

  it('keeps the rule untouched when the configured count is the law’s', () =>
    expect(configured(SERVICE_RULE, 'SERVICE', { SERVICE: 7 })).toBe(SERVICE_RULE));
});
