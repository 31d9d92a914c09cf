/**
 * The console's figures (npm run bench:console): the gzipped JS+CSS the case page loads, the time
 * from navigation to a fully drawn timeline of a 500-event, 12-unit case (headless Chromium, 20
 * runs), and from a referral POST to its row on the addressee's open desk. Prints one JSON line last.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { CASE_PARTICIPANT_AGENCY_TYPES, DATA_CATEGORIES, SHARING_PURPOSES } from '@tppo/case-domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CONSOLE_DIR, signIn } from '../test/browser/support/console-browser';
import { buildServer, startServer } from '../test/support/server-process';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const EVENTS = 500;
const UNITS = ['uptd-ppa-nunukan', 'rsud-nunukan', 'dinsos-nunukan', 'kejari-nunukan', 'pn-nunukan', 'lpsk-ri', 'kemen-p2mi', 'imigrasi-nunukan', 'p4mi-nunukan', 'rptc-tarakan', 'konsulat-ri-tawau'];

const p95 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! * 10) / 10;
};

const main = async (): Promise<void> => {
  const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const bundleKbGzip = Math.round(assets.reduce((sum, a) => sum + gzipSync(readFileSync(join(CONSOLE_DIR, a)), { level: 9 }).length, 0) / 102.4) / 10;

  // The built server in its own process (as npm start runs it), so the browser and the bench do not share its CPU turn.
  buildServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'tppo-console-bench-'));
  const server = await startServer({ NODE_ENV: 'development', DATA_DIR: dataDir, CONSOLE_DIR, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REPORTS_PER_MINUTE: '0' });
  const base = server.url;
  process.once('exit', () => server.child.kill('SIGKILL'));
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  const page = async () => {
    const p = await (await browser.createBrowserContext()).newPage();
    await p.setViewport({ width: 1366, height: 900 });
    return p;
  };
  const as = async (unitId: string) => {
    const res = await fetch(`${base}/local-auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unitId }) });
    return { Authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
  };
  const units = UNITS;
  const police = await as('polres-nunukan');
  const post = async (who: { Authorization: string }, path: string, body: object) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...who, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, body: JSON.stringify(body) });
    const answer = (await res.json()) as { id: string; resourceId?: string };
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const dueBy = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
  const caseId = (await post(police, '/cases', { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] })).id;
  const victim = (await post(police, `/cases/${caseId}/victims`, { identity: { fullName: 'Bench Victim' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1999-01-01' })).resourceId!;
  await post(police, `/cases/${caseId}/consents`, { subjectRef: victim, givenBy: 'VICTIM', recipientAgencyTypes: CASE_PARTICIPANT_AGENCY_TYPES, recipientUnitIds: [], purposes: SHARING_PURPOSES, dataCategories: DATA_CATEGORIES });
  let events = 3;
  for (const unit of units) {
    const referral = (await post(police, `/cases/${caseId}/referrals`, { toUnitId: unit, purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: dueBy() })).resourceId!;
    await post(await as(unit), `/cases/${caseId}/referrals/${referral}/acceptance`, {});
    events += 2;
  }
  const levels = ['LOW', 'MEDIUM', 'HIGH'];
  for (let i = 0; events < EVENTS; i += 1, events += 1) await post(police, `/cases/${caseId}/victims/${victim}/risk-assessments`, { level: levels[i % 3], factors: ['DEBT_TO_RECRUITER'] });

  // The ministry's case page, navigated to afresh each run.
  const ministry = await page();
  await signIn({ base }, ministry, 'kemenpppa');
  const render: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await ministry.goto('about:blank');
    await ministry.goto(`${base}/console/#/cases/${caseId}`);
    await ministry.waitForSelector(`.swimlanes[data-drawn=true][data-marks="${EVENTS}"]`, { timeout: 30_000 });
    render.push(await ministry.evaluate(() => performance.getEntriesByName('timeline-drawn').at(-1)!.startTime));
  }

  // The UPTD's desk stays open; each run the police refer a new case to it.
  const desk = await page();
  await signIn({ base }, desk, 'uptd-ppa-nunukan');
  await desk.waitForSelector('[data-live="on"]');
  const updates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const id = (await post(police, '/cases', { regionCode: '65.03', source: 'ARRIVAL', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] })).id;
    const started = performance.now();
    await post(police, `/cases/${id}/referrals`, { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: dueBy(), legalBasis: 'VITAL_INTEREST', justification: 'bench' });
    await desk.waitForSelector(`[data-testid=inbox-item][data-case-id="${id}"]`, { timeout: 10_000 });
    updates.push(performance.now() - started);
  }
  await browser.close();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  process.stderr.write(`timeline ms: ${render.map((r) => Math.round(r)).join(' ')}\ndesk ms: ${updates.map((r) => Math.round(r)).join(' ')}\n`);
  process.stdout.write(`${JSON.stringify({ bundleKbGzip, timelineRenderMsP95: p95(render), desksUpdateMsP95: p95(updates) })}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:console failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
