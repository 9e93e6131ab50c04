import type { BrowserContext, Page, Worker } from '@playwright/test';
import { resolve } from 'node:path';
import { extensionServiceWorker, launchWithExtension } from './launch-chromium.ts';
import { startSimulator, type Simulator } from '../whm-sim/server.ts';

/**
 * The demo as a newcomer sees it, shared by `npm start` and `npm run screenshots`: the
 * simulator, Chromium with the e2e build, and the simulator's server enabled as the
 * popup's "Enable Token Warden" would (the e2e build pre-grants the host, but a server
 * is only ever enabled by its exact origin, `tw:enabledServers` in utils/servers.ts).
 */
export interface DemoBrowser {
  sim: Simulator;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close: () => Promise<void>;
}

export const E2E_BUILD = resolve(import.meta.dirname, '../.output/chrome-mv3-e2e');

export async function openDemoBrowser(options: { scenario: string; port?: number; headless: boolean }): Promise<DemoBrowser> {
  const sim = await startSimulator({ scenario: options.scenario, port: options.port });
  const context = await launchWithExtension(E2E_BUILD, { headless: options.headless });
  const worker = await extensionServiceWorker(context);
  // The install handler writes an empty list first; adding ours before it ran would be overwritten.
  await until(() => worker.evaluate(async () => Array.isArray((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers'])), 'the extension to start');
  await worker.evaluate(async (origin) => {
    const list = ((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers'] as string[]) ?? [];
    await chrome.storage.local.set({ 'tw:enabledServers': [...new Set([...list, origin])] });
  }, sim.origin);
  await until(async () => (await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) > 0, 'the page script to be registered');
  return {
    sim,
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close().catch(() => undefined);
      await sim.close();
    },
  };
}

/** Logs in through WHM's login form and lands on Manage API Tokens. */
export async function logInToTokensPage(page: Page, sim: Simulator, user = 'reseller1', pass = 'resellerpass'): Promise<void> {
  await page.goto(sim.loginUrl);
  await page.fill('input[name=user]', user);
  await page.fill('input[name=pass]', pass);
  await Promise.all([page.waitForURL(/\/apitokens\/home/), page.click('[type=submit]')]);
}

/** What the audit banner says once it has finished loading, as one line for a terminal. */
export async function bannerSummary(page: Page): Promise<{ state: string | null; line: string; text: string }> {
  const banner = page.getByTestId('audit-banner');
  await banner.and(page.locator(':not([data-state=loading])')).waitFor({ timeout: 30_000 });
  const state = await banner.getAttribute('data-state');
  const total = await banner.getAttribute('data-total');
  const attention = await banner.getAttribute('data-attention');
  const findings = await page.locator('[data-testid=audit-banner] [data-finding]').evaluateAll((els) =>
    els.map((el) => `${el.getAttribute('data-finding')}=${el.getAttribute('data-count')}`),
  );
  return {
    state,
    line: `state=${state} total=${total ?? '-'} attention=${attention ?? '-'}${findings.length ? ` findings: ${findings.join(' ')}` : ''}`,
    text: (await banner.innerText()).replace(/\s+/g, ' ').trim(),
  };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}
