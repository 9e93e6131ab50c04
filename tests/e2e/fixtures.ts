import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { resolve } from 'node:path';
import { ExtensionBrowser } from './extension-browser.ts';
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

/** What changes the browser itself: one browser per worker, so these are per file (`test.use`), never per test. */
interface WorkerFixtures {
  /** The unpacked extension to load (default: the e2e build). */
  extensionDir: string;
  /** Extra Chromium switches for a file (`test.use({ browserArgs: ['--lang=pt-BR'] })`). */
  browserArgs: string[];
  /** The worker's Chromium with the extension, reset before each test (extension-browser.ts). */
  extensionBrowser: ExtensionBrowser;
}

interface Fixtures extends WhmPageOptions {
  /** Per-file options for the simulator (`test.use({ simOptions: … })`). */
  simOptions: SimOptions;
  /** Whether openTokensPage first enables the simulator's origin, as the user would in the popup (default yes). */
  enableServer: boolean;
  sim: Simulator;
  /** The worker's browser, as a fresh launch leaves it: one blank tab, the extension's storage and alarms as just installed. */
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Logs in through WHM's login form and lands on Manage API Tokens. */
  openTokensPage: (user?: string, pass?: string) => Promise<Page>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  simOptions: [{ scenario: 'demo', now: DEMO_NOW }, { option: true }],
  whmPage: [{}, { option: true }],
  sim: async ({ simOptions, whmPage }, use) => {
    // A file's own simOptions win over the project's page choice.
    const sim = await startSimulator({ ...whmPage, ...simOptions });
    await use(sim);
    await sim.close();
  },
  extensionDir: [E2E_EXTENSION_DIR, { option: true, scope: 'worker' }],
  browserArgs: [[], { option: true, scope: 'worker' }],
  enableServer: [true, { option: true }],
  extensionBrowser: [
    async ({ extensionDir, browserArgs }, use) => {
      const browser = new ExtensionBrowser(extensionDir, browserArgs);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // Depends on serviceWorker, which resets the browser first.
  context: async ({ extensionBrowser, serviceWorker: _ }, use) => {
    await use(extensionBrowser.context);
    await extensionBrowser.closePages();
  },
  serviceWorker: async ({ extensionBrowser }, use) => {
    await use(await extensionBrowser.reset());
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

/** What a test body is given: the fixtures above. */
type Body = Parameters<typeof test>[2];

/**
 * A core flow (the banner, a Generate-form preset, the secure step): declared once, run on
 * WHM 11.120's page and again on AngularJS 1.8 and under the strict nonce CSP, each tagged
 * `@core`. In one project, not three: a project has workers of its own, and each worker
 * launched its own browser for the two or three tests it got (six more launches a run).
 */
export function coreTest(title: string, body: Body): void {
  test(title, { tag: '@core' }, body);
  for (const [variant, whmPage] of [
    ['on AngularJS 1.8', { angular: '1.8' }],
    ['under the strict CSP', { csp: true }],
  ] as const) {
    test.describe(variant, () => {
      test.use({ whmPage });
      test(title, { tag: '@core' }, body);
    });
  }
}

export { expect };
