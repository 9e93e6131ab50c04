/**
 * Bench section 3: when the audit banner reaches its final state, against when WHM's
 * table rendered, in the same page loads — warm, after the service worker was stopped,
 * and on the first page after a browser start.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumExecutable } from '../chromium-path.ts';
import { extensionServiceWorker, launchWithExtension } from '../launch-chromium.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { enableServer } from './enable-server.ts';
import { median, ms } from './stats.ts';

/** In the page's own world: when WHM's first token row appears, and when our banner (an open shadow root) reaches its final state. */
const MARKS_SCRIPT = `
  const marks = (window.__twMarks = {});
  function checkBanner(host) {
    const state = host.shadowRoot.querySelector('[data-testid=audit-banner]')?.getAttribute('data-state');
    if (marks.banner === undefined && state && state !== 'loading') marks.banner = performance.now();
  }
  new MutationObserver(() => {
    if (marks.table === undefined && document.querySelector('tr.token-row')) marks.table = performance.now();
    const host = document.querySelector('token-warden-banner');
    if (host && host.shadowRoot && !host.dataset.twWatched) {
      host.dataset.twWatched = '1';
      new MutationObserver(() => checkBanner(host)).observe(host.shadowRoot, { subtree: true, childList: true, attributes: true });
      checkBanner(host);
    }
  }).observe(document, { subtree: true, childList: true });
`;

interface Marks {
  table: number;
  banner: number;
}

/** The marks of the page's current load, once both are in. */
async function marksOf(page: Page): Promise<Marks> {
  const marks = () => page.evaluate(() => (window as unknown as { __twMarks: Partial<Marks> }).__twMarks);
  try {
    await page.waitForFunction(() => {
      const m = (window as unknown as { __twMarks: Partial<Marks> }).__twMarks;
      return m.table !== undefined && m.banner !== undefined;
    }, undefined, { timeout: 30_000 });
  } catch (error) {
    throw new Error(`no final banner and table within 30 s on ${page.url()}: marks ${JSON.stringify(await marks())}, banners ${await page.locator('token-warden-banner').count()}`, { cause: error });
  }
  return (await marks()) as Marks;
}

/** A new tab on the simulator's Manage API Tokens page, logged in, with the marks script; the marks of that first load. */
async function openTokensPage(context: BrowserContext, loginUrl: string): Promise<{ page: Page; first: Marks }> {
  const page = await context.newPage();
  // (A string, not a function: tsx would wrap inner functions in helpers that do not
  // exist in the page.)
  await page.addInitScript({ content: MARKS_SCRIPT });
  await page.goto(loginUrl);
  await page.fill('input[name=user]', 'reseller1');
  await page.fill('input[name=pass]', 'resellerpass');
  await Promise.all([page.waitForURL(/apitokens\/home/), page.click('[type=submit]')]);
  return { page, first: await marksOf(page) };
}

/**
 * Stops the extension's service worker the way Chrome does after 30 s idle: CDP's
 * ServiceWorker.stopAllWorkers, from a session on one of the extension's own pages (a
 * session on a web page or on the browser does not reach extension workers). The page is
 * the offscreen clipboard document, which sends nothing and so never wakes the worker.
 */
async function workerStopper(context: BrowserContext, extensionOrigin: string): Promise<() => Promise<boolean>> {
  const page = await context.newPage();
  await page.goto(`${extensionOrigin}/offscreen-clipboard.html`);
  const cdp = await context.newCDPSession(page);
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(extensionOrigin)) status.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  /** Stops the worker; true when it was seen running first (the page load before woke it). */
  return async () => {
    const wasRunning = [...status.values()].includes('running');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const deadline = Date.now() + 10_000;
    while ([...status.values()].some((s) => s !== 'stopped')) {
      if (Date.now() > deadline) throw new Error('the service worker did not stop');
      await new Promise((r) => setTimeout(r, 20));
    }
    return wasRunning;
  };
}

/**
 * The browser started again on `profile`, with the extension installed as a user has it.
 * A relaunch with --load-extension would reinstall it (runtime.onInstalled "install",
 * dynamic content scripts dropped), which no real browser start does; so the profile is
 * told the extension is an unpacked one (location 4, developer mode), which Chromium keeps
 * across starts, and the browser starts without the flag.
 */
async function restartBrowser(profile: string): Promise<BrowserContext> {
  const file = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(file, 'utf8')) as { extensions: { settings: Record<string, { location?: number }>; ui?: object } };
  for (const setting of Object.values(prefs.extensions.settings)) if (setting.location === 8) setting.location = 4;
  prefs.extensions.ui = { ...prefs.extensions.ui, developer_mode: true };
  writeFileSync(file, JSON.stringify(prefs));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless: true,
    ignoreHTTPSErrors: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--headless=new', '--ignore-certificate-errors', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** `profile`: an empty directory of ours, kept across the browser restarts of the "first page" figure. */
export async function benchBanner(sim: Simulator, extensionDir: string, profile: string): Promise<void> {
  let context = await launchWithExtension(extensionDir, { headless: true, userDataDir: profile });
  try {
    const worker = await extensionServiceWorker(context);
    // (URL.origin is "null" for chrome-extension: URLs in Node.)
    const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
    await enableServer(worker, sim.origin);

    // (c) warm: reloads while the worker runs (it just answered the previous load). The
    // first load, right after the install, is not one of them.
    const { page } = await openTokensPage(context, sim.loginUrl);
    const warm: Marks[] = [];
    for (let i = 0; i < 7; i++) {
      await page.reload();
      warm.push(await marksOf(page));
    }
    const rows = await page.locator('tr.token-row').count();
    const total = await page.getByTestId('audit-banner').getAttribute('data-total');

    // (a) the worker stopped before each load, as after 30 s idle.
    const stopWorker = await workerStopper(context, extensionOrigin);
    const stopped: Marks[] = [];
    let seenRunning = 0;
    for (let i = 0; i < 7; i++) {
      if (await stopWorker()) seenRunning++;
      await page.reload();
      stopped.push(await marksOf(page));
    }

    // (b) the first page after the browser starts, on the same profile.
    const fresh: Marks[] = [];
    for (let i = 0; i < 4; i++) {
      await context.close();
      context = await restartBrowser(profile);
      fresh.push((await openTokensPage(context, sim.loginUrl)).first);
    }

    const lag = (loads: Marks[]) => loads.map((m) => m.banner - m.table);
    const line = (label: string, loads: Marks[], target: string) => {
      const l = lag(loads);
      console.log(`   ${label} median ${ms(median(l))}, worst ${ms(Math.max(...l))} (target ${target}); per load: ${l.map((x) => x.toFixed(0)).join(', ')}`);
    };
    const all = [...warm, ...stopped, ...fresh];
    console.log(`3. large-1k (${total} tokens, WHM shows ${rows} rows a page), the banner's final state − WHM's table rendered (negative = banner first):`);
    console.log(`   baseline, WHM's table rendered ${ms(median(all.map((m) => m.table)))} after navigation start (median of all ${all.length} loads)`);
    line(`warm (${warm.length} loads):                    `, warm, '≤ 0 ms');
    line(`after the worker was stopped (${stopped.length}):     `, stopped, '≤ 50 ms');
    console.log(`      (the worker was running before ${seenRunning} of the ${stopped.length} stops, and stopped before each load)`);
    line(`first page after a browser start (${fresh.length}):`, fresh, '≤ 500 ms');
  } finally {
    await context.close();
  }
}
