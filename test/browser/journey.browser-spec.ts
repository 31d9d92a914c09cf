/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import type { Page } from 'puppeteer-core';
import { cspViolations, type ConsoleHarness, screenshot, seriousViolations, signIn, SCREENSHOTS, startConsole, text } from './support/console-browser';

const daysAgo = (days: number): Date => new Date(Date.now() - days * 86_400_000);
/** A date as one types it into Chromium's date field (its en-US order: month, day, year). */
const typedDate = (date: Date): string =>
  `${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getDate()).padStart(2, '0')}${date.getFullYear()}`;

/** Identity strings typed into the console; none may ever reach the ministry's screens. */
const VICTIM_NAME = 'Siti Aminah Rahmawati';

/**
 * The Nunukan referral, in the browser as people do it: the police open the case with a victim
 * and refer it; the UPTD PPA's desk, already open, shows it without a reload; the UPTD accepts and
 * takes over the lead; the ministry reads the case's swimlanes.
 */
jest.setTimeout(120_000);

describe('the console: a referral from Polres Nunukan to UPTD PPA Nunukan, seen by the ministry', () => {
  let harness: ConsoleHarness;
  let police: Page;
  let uptd: Page;
  let caseId: string;
  const screens: string[] = [];
  const a11y = async (page: Page, name: string) => {
    screens.push(await screenshot(page, name));
    expect({ screen: name, violations: await seriousViolations(page) }).toEqual({ screen: name, violations: [] });
    expect(cspViolations(page)).toEqual([]);
  };

  beforeAll(async () => {
    harness = await startConsole();
  });
  afterAll(async () => {
    process.stdout.write(`console screenshots: ${SCREENSHOTS} (${screens.length})\n`);
    await harness?.close();
  });

  it('signs the police in and shows the sign-in screen without a violation', async () => {
    police = await harness.page();
    await police.goto(`${harness.base}/console/`, { waitUntil: 'networkidle0' });
    await police.waitForSelector('select#unit');
    expect(await text(police, 'h1')).toBe('Masuk ke konsol');
    await a11y(police, '01-sign-in');
    await signIn(harness, police, 'polres-nunukan');
    await police.waitForSelector('#open-case');
  });

  it('keeps the UPTD PPA desk open in a second browser', async () => {
    uptd = await harness.page();
    await signIn(harness, uptd, 'uptd-ppa-nunukan');
    await uptd.waitForSelector('[data-live="on"]');
    expect(await uptd.$$('[data-testid=inbox-item]')).toHaveLength(0);
    await a11y(uptd, '02-uptd-desk-empty');
  });

  it('opens a case with a victim and refers it to the UPTD PPA', async () => {
    await police.type('#open-case input[name=fullName]', VICTIM_NAME);
    await police.type('#open-case input[name=birthDate]', '01042010');
    // Recorded late: the victim reached the port 25 days ago, when there was no signal there.
    await police.type('#open-case input[name=occurredOn]', typedDate(daysAgo(25)));
    await police.click('#open-case button[type=submit]');
    await police.waitForSelector('[data-testid=case-page]');
    caseId = (await police.$eval('[data-testid=case-page]', (el) => el.getAttribute('data-case-id')))!;
    await police.waitForSelector('.swimlanes[data-drawn=true]');
    // The investigation began 20 days ago and the SPDP went to the prosecutor only 5 days ago: a
    // breach, recorded now from past dates (through the API, as the investigator's own system would).
    const investigator = await harness.api.as('polres-nunukan');
    await harness.api.http.post(`/cases/${caseId}/investigation`).set(investigator).send({ warrantNumber: 'Sprin.Sidik/12/2026', occurredAt: daysAgo(20).toISOString() }).expect(200);
    await harness.api.http
      .post(`/cases/${caseId}/investigation/notice`)
      .set(investigator)
      .send({ noticeNumber: 'SPDP/12/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true, occurredAt: daysAgo(5).toISOString() })
      .expect(200);
    await police.reload();
    await police.waitForSelector('.swimlanes[data-drawn=true]');
    await police.select('[data-testid=refer-form] select[name=toUnitId]', 'uptd-ppa-nunukan');
    await police.select('[data-testid=refer-form] select[name=legalBasis]', 'CHILD_PROTECTION_EMERGENCY');
    await police.waitForSelector('[data-testid=refer-form] textarea[name=justification]');
    await police.type('[data-testid=refer-form] textarea[name=justification]', 'Anak tanpa pendamping, wali belum ada');
    await police.click('[data-testid=refer-form] button[type=submit]');
    // Police, the prosecutor the SPDP went to, and now the UPTD PPA.
    await police.waitForFunction(() => document.querySelectorAll('[data-testid=lanes] li').length === 3);
    await a11y(police, '03-police-case-page');
  });

  it('shows the referral on the open UPTD desk without a reload, and the UPTD accepts it', async () => {
    const row = await uptd.waitForSelector(`[data-testid=inbox-item][data-case-id="${caseId}"][data-kind=REFERRAL]`, { timeout: 10_000 });
    expect(row).not.toBeNull();
    expect(await text(uptd, '[data-testid=inbox-item]')).toContain('Polres Nunukan');
    await a11y(uptd, '04-uptd-desk-referral');
    await uptd.click('[data-testid=inbox-item] button');
    await uptd.waitForSelector('.notice');
    await uptd.waitForSelector(`[data-testid=my-case] a[href="#/cases/${caseId}"]`);
  });

  it('hands the lead to the UPTD, which takes it over from its desk', async () => {
    await police.reload({ waitUntil: 'networkidle0' });
    await police.waitForSelector('[data-testid=handoff-form]');
    await police.select('[data-testid=handoff-form] select[name=toUnitId]', 'uptd-ppa-nunukan');
    await police.type('[data-testid=handoff-form] textarea[name=reason]', 'Perlindungan anak beralih ke UPTD PPA');
    await police.select('[data-testid=handoff-form] select[name=legalBasis]', 'CHILD_PROTECTION_EMERGENCY');
    await police.waitForSelector('[data-testid=handoff-form] textarea[name=justification]');
    await police.type('[data-testid=handoff-form] textarea[name=justification]', 'Anak tanpa wali');
    await police.click('[data-testid=handoff-form] button[type=submit]');
    await uptd.waitForSelector(`[data-testid=inbox-item][data-case-id="${caseId}"][data-kind=LEAD_HANDOFF]`, { timeout: 10_000 });
    await uptd.click('[data-testid=inbox-item][data-kind=LEAD_HANDOFF] button');
    await uptd.waitForSelector('.notice');
    await uptd.goto(`${harness.base}/console/#/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await uptd.waitForSelector('.swimlanes[data-drawn=true]');
    await uptd.waitForFunction(() => document.querySelector('[data-testid=lead-unit]')?.textContent?.includes('UPTD'));
    await a11y(uptd, '05-uptd-case-page');
  });

  it('shows the ministry the two lanes, the lead band moving and the verified chain, with no identity', async () => {
    const ministry = await harness.page();
    await signIn(harness, ministry, 'kemenpppa');
    await ministry.waitForSelector(`[data-testid=oversight-case][data-case-id="${caseId}"]`);
    await a11y(ministry, '06-ministry-oversight');
    await ministry.click(`[data-testid=oversight-case][data-case-id="${caseId}"] a`);
    await ministry.waitForSelector('.swimlanes[data-drawn=true]');
    const lanes = await ministry.$$eval('[data-testid=lanes] li', (items) => items.map((li) => li.getAttribute('data-unit')));
    expect(lanes).toEqual(['polres-nunukan', 'uptd-ppa-nunukan', 'kejari-nunukan']);
    const lead = await ministry.$$eval('[data-testid=lead-periods] li', (items) => items.map((li) => li.getAttribute('data-unit')));
    expect(lead).toEqual(['polres-nunukan', 'uptd-ppa-nunukan']);
    expect(await ministry.$eval('.swimlanes', (el) => el.getAttribute('data-lead-segments'))).toBe('2');
    expect(await text(ministry, '[data-testid=chain]')).toContain('Utuh');
    // The browser fetched the case's evidence bundle and checked it against the log's signed checkpoint.
    await ministry.waitForSelector('[data-testid=evidence][data-verified=true]', { timeout: 10_000 });
    const evidence = (await harness.api.http.get(`/cases/${caseId}/evidence`).set(await harness.api.as('kemenpppa')).expect(200)).body as { events: unknown[] };
    expect(evidence.events.length).toBeGreaterThan(0);
    expect(await text(ministry, '[data-testid=evidence]')).toContain(`${evidence.events.length} kejadian`);
    expect(await ministry.$eval('[data-testid=evidence-download]', (a) => ({ download: a.getAttribute('download'), blob: a.getAttribute('href')?.startsWith('blob:') }))).toEqual({ download: `bukti-${caseId}.json`, blob: true });
    // A mark of the chart opens the side panel with what the timeline discloses.
    await ministry.click('.text-version details summary');
    await ministry.click('.text-version .events button ::-p-text(Rujukan dikirim)');
    expect(await text(ministry, '[data-testid=event-panel]')).toContain('Rujukan dikirim');
    await a11y(ministry, '07-ministry-case-page');
    const html = await ministry.content();
    expect(html).not.toContain(VICTIM_NAME);
    expect(html).not.toContain('Siti');
    // One breached clock, made from past dates: the SPDP sent 15 days after the investigation began.
    await ministry.waitForFunction(() => document.querySelectorAll('[data-testid=clock-bars] li[data-breached=true]').length > 0);
    const clocks = await ministry.$$eval('[data-testid=clock-bars] li', (items) => items.map((li) => ({ breached: li.getAttribute('data-breached'), text: li.textContent ?? '' })));
    expect(clocks.filter((c) => c.breached === 'true')).toEqual([{ breached: 'true', text: expect.stringContaining('SPDP') }]);

    // Statistics: one victim is under the 11-person threshold, so the cell is withheld, never 0.
    await ministry.goto(`${harness.base}/console/#/statistics`, { waitUntil: 'networkidle0' });
    await ministry.waitForSelector('#by-province [data-suppressed=true]');
    expect(await text(ministry, '#by-province [data-suppressed=true]')).toBe('dirahasiakan');
    expect(await text(ministry, '[data-testid=ntt-rank]')).toContain('NTT');
    await a11y(ministry, '09-ministry-statistics');
    expect(await ministry.content()).not.toContain(VICTIM_NAME);
  });

  it('shows a unit never referred to the case the "not found" screen', async () => {
    const outsider = await harness.page();
    await signIn(harness, outsider, 'uptd-ppa-sumba-barat');
    await outsider.goto(`${harness.base}/console/#/cases/${caseId}`, { waitUntil: 'networkidle0' });
    await outsider.waitForSelector('[data-testid=not-found]');
    expect(await outsider.content()).not.toContain(VICTIM_NAME);
    await a11y(outsider, '08-outsider-not-found');
  });
});
