/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the browser.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'puppeteer-core';
import { cspViolations, type ConsoleHarness, screenshot, seriousViolations, startConsole, text } from './support/console-browser';

/**
 * The console's sign-in with production settings: OpenID Connect authorization code with PKCE
 * against a real OpenID provider (panva's oidc-provider, in its own process on 127.0.0.1), whose
 * keys the API trusts through JWKS_URL. The provider's account name is the unit.
 */
jest.setTimeout(120_000);

const CLIENT_ID = 'tppo-console';
const AUDIENCE = 'tppo-coordination-api';
const RESOURCE = 'urn:tppo:coordination-api';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const startProvider = async (redirectUri: string): Promise<{ issuer: string; process: ChildProcess }> => {
  const child = spawn(process.execPath, [join(__dirname, '../support/oidc-provider.mjs')], {
    env: { ...process.env, OIDC_CLIENT_ID: CLIENT_ID, OIDC_REDIRECT_URI: redirectUri, OIDC_RESOURCE: RESOURCE, OIDC_AUDIENCE: AUDIENCE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start in 20 s: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
  });
  return { issuer: (JSON.parse(line) as { issuer: string }).issuer, process: child };
};

/** Only this machine: the provider's development pages ask for web fonts, which are refused here. */
const loopbackOnly = async (page: Page): Promise<void> => {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    void (host === '127.0.0.1' || request.url().startsWith('data:') ? request.continue() : request.abort());
  });
};

describe('the console signs in at the identity provider (authorization code with PKCE)', () => {
  let harness: ConsoleHarness;
  let provider: { issuer: string; process: ChildProcess };

  beforeAll(async () => {
    const port = await freePort();
    provider = await startProvider(`http://127.0.0.1:${port}/console/`);
    harness = await startConsole(
      {
        JWKS_URL: `${provider.issuer}/jwks`,
        JWT_ISSUER: provider.issuer,
        JWT_AUDIENCE: AUDIENCE,
        JWT_ALGORITHMS: 'ES256',
        CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
        CONSOLE_OIDC_RESOURCE: RESOURCE,
      },
      { port },
    );
  });
  afterAll(async () => {
    await harness?.close();
    provider?.process.kill('SIGTERM');
  });

  const atProvider = async (page: Page): Promise<void> => {
    await page.goto(`${harness.base}/console/`);
    await page.waitForSelector('[data-testid=oidc-sign-in]:not([disabled])');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=oidc-sign-in]')]);
    expect({ url: page.url(), body: page.url().includes("/interaction/") ? "" : await text(page, "body") }).toEqual({ url: expect.stringMatching(`^${provider.issuer}/interaction/`), body: "" });
    await page.waitForSelector('input[name=login]');
  };

  it('offers no local choice of a unit, only the agency account, on a screen without a violation', async () => {
    const page = await harness.page();
    await loopbackOnly(page);
    await page.goto(`${harness.base}/console/`);
    await page.waitForSelector('[data-testid=oidc-sign-in]');
    expect(await page.$('select#unit')).toBeNull();
    expect(await text(page, 'h1')).toBe('Masuk ke konsol');
    await screenshot(page, '10-sign-in-identity-provider');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await harness.api.http.get('/local-auth/units')).status).toBe(404);
    expect((await harness.api.http.get('/sign-in').expect(200)).body).toEqual({
      local: false,
      oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scope: 'openid', resource: RESOURCE },
    });
  });

  it("signs the UPTD PPA in at the provider, comes back to its desk, and works with the provider's token", async () => {
    const page = await harness.page();
    await loopbackOnly(page);
    await atProvider(page);
    // The provider received a PKCE challenge (S256), never the verifier.
    await page.type('input[name=login]', 'uptd-ppa-nunukan');
    await page.type('input[name=password]', 'any password');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await page.waitForSelector('button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await page.waitForSelector('.top nav');
    expect(page.url()).toBe(`${harness.base}/console/#/`);
    expect(await text(page, '.top')).toContain('UPTD PPA');
    await page.waitForSelector('[data-live="on"]');
    await screenshot(page, '11-desk-after-identity-provider');
    expect(cspViolations(page)).toEqual([]);
    // The session holds the provider's access token (an ES256 JWT for this API), and the API takes it.
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('tppo.session') ?? '{}') as { token?: string }).token ?? '');
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { alg: string; typ: string };
    expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect((await harness.api.http.get('/units/mine').set('Authorization', `Bearer ${token}`).expect(200)).body.id).toBe('uptd-ppa-nunukan');
    expect((await harness.api.http.get('/my-cases').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });

  it('says so when the person cancels at the provider, and signs nobody in', async () => {
    const page = await harness.page();
    await loopbackOnly(page);
    await atProvider(page);
    await Promise.all([page.waitForNavigation(), page.click('a[href$="/abort"]')]);
    await page.waitForSelector('[data-code=OIDC_DENIED]');
    expect(await text(page, '[data-code=OIDC_DENIED]')).toContain('dibatalkan');
    expect(page.url()).not.toContain('state=');
    expect(await page.evaluate(() => sessionStorage.getItem('tppo.session'))).toBeNull();
    await screenshot(page, '12-sign-in-cancelled');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a code brought back to a tab that never started the sign-in (a forged or replayed callback)', async () => {
    const page = await harness.page();
    await loopbackOnly(page);
    await page.goto(`${harness.base}/console/?code=stolen-code&state=guessed&iss=${encodeURIComponent(provider.issuer)}`);
    await page.waitForSelector('[data-code=OIDC_STALE]');
    expect(await page.evaluate(() => sessionStorage.getItem('tppo.session'))).toBeNull();
  });
});
