import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { nodeEd25519Verify, nodeSha256, verifyBundle, verifyReport } from '@tppo/transparency';
import { eventually } from './support/eventually';
import { type ApiHarness, startApi } from './support/api-harness';
import { ADULT, OPEN_CASE } from './support/sample-bodies';

type Auth = { Authorization: string };
const crypto = { sha256: nodeSha256, ed25519Verify: nodeEd25519Verify };
const DAY = 86_400_000;
// One moment for every date, so that the days over come out whole.
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const VICTIM_NAME = 'Maria Goreti Tenggat';

/** The offline CLI, as an auditor runs it on a saved file. */
const verifyCli = (file: string, key: string): Promise<{ code: number; stdout: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(__dirname, '../apps/coordination-api/src/cli/verify-evidence.ts'), file, '--key', key], { cwd: join(__dirname, '..') }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });

describe('the undue-delay report: every statutory clock, who had to act and how late, verifiable offline', () => {
  let api: ApiHarness;
  let police: Auth;
  let ministry: Auth;
  let caseId: string;
  let verifierKey: string;

  const post = async (as: Auth, path: string, body: object, status = 200) => {
    const res = await api.http.post(path).set(as).set('Idempotency-Key', randomUUID()).send(body);
    if (res.status !== status) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    police = await api.as('polres-nunukan');
    ministry = await api.as('kemenpppa');
    // Built from past dates: the SPDP went out 3 days after its 7 days, and the prosecutor's 14-day review has run 3 days and more over.
    caseId = (await post(police, '/cases', { ...OPEN_CASE, occurredAt: daysAgo(29) }, 201)).id;
    await post(police, `/cases/${caseId}/victims`, { ...ADULT, identity: { fullName: VICTIM_NAME } }, 201);
    await post(police, `/cases/${caseId}/investigation`, { warrantNumber: 'Sprin.Sidik/21/2026', occurredAt: daysAgo(28) });
    await post(police, `/cases/${caseId}/investigation/notice`, { noticeNumber: 'SPDP/21/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true, occurredAt: daysAgo(18) });
    await post(police, `/cases/${caseId}/case-file`, { caseFileNumber: 'BP/21/2026', prosecutorUnitId: 'kejari-nunukan', occurredAt: daysAgo(17) });
    verifierKey = (await api.http.get('/transparency/key').expect(200)).body.verifierKey;
  }, 60_000);
  afterAll(async () => api.close());

  it("puts the case's clocks, recomputed from signed facts, into the evidence bundle, and the verifier recomputes them", async () => {
    const bundle = (await api.http.get(`/cases/${caseId}/evidence`).set(ministry).expect(200)).body;
    const of = (kind: string) => bundle.clocks.find((clock: { kind: string }) => clock.kind === kind);
    expect(of('SPDP')).toMatchObject({ status: 'STOPPED', outcome: 'LATE', ruleSet: 'KUHAP_2025', responsibleUnitId: 'polres-nunukan', daysOverdue: 3, breaches: 1 });
    expect(of('SPDP').legalBasis).toMatch(/Law 20\/2025/);
    // Due 3 days before NOW and still running a few seconds later: part of a day counts, so its 4th day over.
    expect(of('CASE_FILE_REVIEW')).toMatchObject({ status: 'RUNNING', overdue: true, daysOverdue: 4, responsibleUnitId: 'kejari-nunukan' });
    // The same clocks as the clocks read model shows the police, once it has projected the case.
    await eventually(async () => {
      const viewed = (await api.http.get(`/cases/${caseId}/clocks`).set(police).expect(200)).body.items as { kind: string; dueAt: string; outcome?: string }[];
      expect(viewed.find((clock) => clock.kind === 'SPDP')).toMatchObject({ dueAt: of('SPDP').dueAt, outcome: 'LATE' });
    }, { what: "the clocks read model's SPDP clock" });

    expect(verifyBundle(bundle, verifierKey, crypto)).toMatchObject({ ok: true, breaches: 2 });
    const moved = structuredClone(bundle);
    moved.clocks.find((clock: { kind: string }) => clock.kind === 'SPDP').dueAt = daysAgo(10);
    expect(verifyBundle(moved, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'CLOCKS_MISMATCH', clockId: `${caseId}/SPDP` });
    const dropped = structuredClone(bundle);
    dropped.clocks = dropped.clocks.filter((clock: { kind: string }) => clock.kind !== 'CASE_FILE_REVIEW');
    expect(verifyBundle(dropped, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'CLOCKS_MISMATCH', clockId: `${caseId}/CASE_FILE_REVIEW` });
    // The facts are signed with the leaf: an edited due date in them breaks the event's proof.
    const forged = structuredClone(bundle);
    const opened = forged.events.find((event: { header: { type: string } }) => event.header.type === 'InvestigationOpened');
    opened.header.facts = opened.header.facts.map(([name, value]: [string, string]) => [name, name === 'noticeDueBy' ? daysAgo(1) : value]);
    expect(verifyBundle(forged, verifierKey, crypto)).toMatchObject({ ok: false, fault: 'INCLUSION_PROOF_FAILED', eventId: opened.header.eventId });
  });

  it('gives a report as JSON that carries its bundle and verifies offline, stage by stage', async () => {
    const report = (await api.http.get(`/cases/${caseId}/undue-delay-report`).set(ministry).expect(200)).body;
    expect(report).toMatchObject({ format: 'tppo-undue-delay-report/1', caseId, summary: { clocks: 3, breached: 2, mostDaysOverdue: 4 }, jurisdiction: { grounds: ['NATIONAL'] } });
    expect(report.stages.find((stage: { kind: string }) => stage.kind === 'SPDP')).toMatchObject({ stage: 'Pemberitahuan dimulainya penyidikan (SPDP)', responsibleUnitName: expect.stringContaining('Nunukan'), outcome: 'LATE', daysOverdue: 3 });
    expect(JSON.stringify(report)).not.toContain(VICTIM_NAME);
    expect(verifyReport(report, verifierKey, crypto)).toMatchObject({ ok: true, caseId });

    const file = join(tmpdir(), `report-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(report));
    const ok = await verifyCli(file, verifierKey);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^VERIFIED: case /);
    expect(ok.stdout).toMatch(/Clocks recomputed from the signed events: 3, 2 breached/);
    expect(ok.stdout).toMatch(/SPDP \(KUHAP_2025\) polres-nunukan: .* LATE, 3 days over/);

    // A printed report whose days were lowered no longer matches the signed events.
    const softened = structuredClone(report);
    softened.stages.find((stage: { kind: string }) => stage.kind === 'SPDP').daysOverdue = 0;
    writeFileSync(file, JSON.stringify(softened));
    const failed = await verifyCli(file, verifierKey);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`FAILED REPORT_MISMATCH at clock ${caseId}/SPDP: stage ${caseId}/SPDP: its daysOverdue differs`);
  }, 30_000);

  it('prints the report as a self-contained page, in Bahasa Indonesia, with the checkpoint and how to verify it', async () => {
    const res = await api.http.get(`/cases/${caseId}/undue-delay-report/print`).set(ministry).expect(200);
    expect(res.type).toBe('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<html lang="id">');
    expect(res.text).toContain('Pemberitahuan dimulainya penyidikan (SPDP)');
    expect(res.text).toContain('Terlambat');
    expect(res.text).toContain('Masih berjalan, lewat tenggat');
    expect(res.text).toContain(`npm run -s verify-evidence -- laporan.json --key "${verifierKey}"`);
    expect(res.text).toMatch(/tppo\.local\/coordination-log\n\d+\n/);
    expect(res.text).not.toContain('<script');
    expect(res.text).not.toContain(VICTIM_NAME);
  });

  it('records every request for the report in the case access log, and a unit outside the case gets nothing', async () => {
    expect((await api.http.get(`/cases/${caseId}/undue-delay-report`).set(await api.as('polresta-kupang-kota'))).status).toBe(404);
    const log = (await api.http.get(`/cases/${caseId}/access-log`).set(ministry).expect(200)).body.items as { purpose: string; outcome: string; unitId: string }[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'UNDUE_DELAY_REPORT', outcome: 'GRANTED', unitId: 'kemenpppa' }),
        expect.objectContaining({ purpose: 'UNDUE_DELAY_REPORT_PRINT', outcome: 'GRANTED', unitId: 'kemenpppa' }),
        expect.objectContaining({ purpose: 'UNDUE_DELAY_REPORT', outcome: 'NOT_FOUND', unitId: 'polresta-kupang-kota' }),
      ]),
    );
  });
});
