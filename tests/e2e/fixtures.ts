import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { resolve } from 'node:path';
import { extensionServiceWorker, launchWithExtension } from '../../scripts/launch-chromium.ts';
import { startSimulator, type SimOptions, type Simulator } from '../../whm-sim/server.ts';

/** The e2e build: the production build plus pre-granted 127.0.0.1/localhost (wxt.config.ts). */
export const E2E_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

/** The demo's frozen clock, so audit numbers are the same on every run. */
export const DEMO_NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;

/** Project-level choice of WHM's page (playwright.config.ts `use: { whmPage: … }`). */
export interface WhmPageOptions {
  /** The simulator page's AngularJS version and CSP, merged under `simOptions`; default: 1.4, no CSP (WHM 11.120). */
  whmPage: Pick<SimOptions, 'angular' | 'csp'>;
}

interface Fixtures extends WhmPageOptions {
  /** Per-file options for the simulator (`test.use({ simOptions: … })`). */
  simOptions: SimOptions;
  /** The unpacked extension to load (default: the e2e build). */
  extensionDir: string;
  /** Extra Chromium switches for a file (`test.use({ browserArgs: ['--lang=pt-BR'] })`). */
  browserArgs: string[];
  /** Whether openTokensPage first enables the simulator's origin, as the user would in the popup (default yes). */
  enableServer: boolean;
  sim: Simulator;
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Logs in through WHM's login form and lands on Manage API Tokens. */
  openTokensPage: (user?: string, pass?: string) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  simOptions: [{ scenario: 'demo', now: DEMO_NOW }, { option: true }],
  whmPage: [{}, { option: true }],
  sim: async ({ simOptions, whmPage }, use) => {
    // A file's own simOptions win over the project's page choice.
    const sim = await startSimulator({ ...whmPage, ...simOptions });
    await use(sim);
    await sim.close();
  },
  extensionDir: [E2E_EXTENSION_DIR, { option: true }],
  browserArgs: [[], { option: true }],
  enableServer: [true, { option: true }],
  context: async ({ extensionDir, browserArgs }, use) => {
    const context = await launchWithExtension(extensionDir, { headless: true, args: browserArgs });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    await use(await extensionServiceWorker(context));
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openTokensPage: async ({ context, sim, serviceWorker, enableServer }, use) => {
    // The worker registers the content script for the pre-granted origins at start-up;
    // wait for that so the first page load already gets it.
    // Servers are enabled by exact origin (utils/servers.ts): enable the simulator's, as
    // the popup would, once the background's own start-up migration has run.
    if (enableServer) {
      await expect.poll(() => serviceWorker.evaluate(async () => Array.isArray((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers']))).toBe(true);
      await serviceWorker.evaluate(async (origin) => {
        const list = ((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers'] as string[]) ?? [];
        await chrome.storage.local.set({ 'tw:enabledServers': [...new Set([...list, origin])] });
      }, sim.origin);
    }
    await expect
      .poll(() => serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
      .toBeGreaterThan(0);
    await use(async (user = 'reseller1', pass = 'resellerpass') => {
      const page = await context.newPage();
      await page.goto(sim.loginUrl);
      await page.fill('input[name=user]', user);
      await page.fill('input[name=pass]', pass);
      await Promise.all([page.waitForURL(/\/cpsess\d{10}\/scripts\d*\/apitokens\/home/), page.click('[type=submit]')]);
      return page;
    });
  },
});

export { expect };
