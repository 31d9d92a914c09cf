/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { type ApiHarness, startApi } from '../../support/api-harness';

/** Debian's Chromium (.ci/run installs it); puppeteer's own browser download cannot work here. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Where the screens are saved; .ci/run prints this folder. */
export const SCREENSHOTS = resolve(process.env['CONSOLE_SCREENSHOTS'] ?? 'test-output/console-screens');
export const CONSOLE_DIR = resolve(__dirname, '../../../dist/console');

export interface ConsoleHarness {
  readonly api: ApiHarness;
  readonly browser: Browser;
  readonly base: string;
  /** A fresh browser context (its own sessionStorage): one per person at work. */
  readonly page: () => Promise<Page>;
  readonly close: () => Promise<void>;
}

/** The real API (in this process, fresh data folder) serving the built console, and a headless Chromium. */
export const startConsole = async (env: Record<string, string> = {}, { port = 0 }: { readonly port?: number } = {}): Promise<ConsoleHarness> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const api = await startApi({ CONSOLE_DIR, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_REPORTS_PER_MINUTE: '0', ...env });
  await api.app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  const pages: Page[] = [];
  return {
    api,
    browser,
    base,
    page: async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1366, height: 900 });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
      });
      (page as Page & { cspViolations: string[] }).cspViolations = violations;
      pages.push(page);
      return page;
    },
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
};

export const cspViolations = (page: Page): string[] => (page as Page & { cspViolations?: string[] }).cspViolations ?? [];

export const signIn = async (harness: Pick<ConsoleHarness, 'base'>, page: Page, unitId: string): Promise<void> => {
  await page.goto(`${harness.base}/console/`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('select#unit');
  await page.select('select#unit', unitId);
  await Promise.all([page.waitForSelector('.top nav'), page.click('button[type=submit]')]);
};

export const screenshot = async (page: Page, name: string): Promise<string> => {
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file as `${string}.png`, fullPage: true });
  return file;
};

/** axe-core in the page (through the DevTools protocol, which the page's CSP does not govern). */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.evaluate(axe.source);
  const result = (await page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run;
    return run(document, { resultTypes: ['violations'] });
  })) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
};

export const text = (page: Page, selector: string): Promise<string> => page.$eval(selector, (el) => (el as HTMLElement).innerText);
