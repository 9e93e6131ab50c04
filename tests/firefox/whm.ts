import type { Frame, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { USER_SETTINGS_KEY } from '../../utils/policy/storage-keys.ts';
import { ENABLED_KEY } from '../../utils/servers.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { EXTENSION_ORIGIN, until, type Firefox } from './firefox.ts';

/**
 * WHM's page in Firefox, the way a person uses it, with the test hooks of design.md.
 * Puppeteer's `pierce/` selectors reach into our open shadow roots; WHM's own
 * elements are plain CSS.
 */

/** The demo's frozen clock (the same as the Chromium e2e fixtures'), so audit numbers are stable. */
export const DEMO_NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;

/** For `expect.poll`: what Playwright's `expect` waits by default, polled often. */
export const POLL = { timeout: 10_000, interval: 100 };

/** Enables the simulator's exact origin as the popup would, once the background's install-time setup has run. */
export async function enableServer(ff: Firefox, origin: string): Promise<void> {
  await until(() => ff.inExtension(async (key) => Array.isArray((await chrome.storage.local.get(key))[key]), ENABLED_KEY), 'the enabled-servers list');
  await ff.inExtension(async ({ key, origin }) => {
    const list = ((await chrome.storage.local.get(key))[key] as string[] | undefined) ?? [];
    await chrome.storage.local.set({ [key]: [...new Set([...list, origin])] });
  }, { key: ENABLED_KEY, origin });
  // The content script is registered per enabled origin; the first load must already get it.
  await until(() => ff.inExtension(async () => (await chrome.scripting.getRegisteredContentScripts()).length > 0, null), 'the content script registration');
}

/** Logs in through WHM's form; resolves on Manage API Tokens with the moment the form was sent. */
export async function logIn(ff: Firefox, sim: Simulator, user = 'reseller1', pass = 'resellerpass'): Promise<{ page: Page; submittedAt: number }> {
  const page = await ff.browser.newPage();
  await page.goto(sim.loginUrl);
  await page.type('input[name=user]', user);
  await page.type('input[name=pass]', pass);
  const submittedAt = Date.now();
  await Promise.all([page.waitForNavigation(), page.click('[type=submit]')]);
  expect(page.url()).toMatch(/\/cpsess\d{10}\/scripts\d*\/apitokens\/home/);
  return { page, submittedAt };
}

/** An attribute of the first element `selector` finds (null when absent): read, for `expect.poll`. */
export async function attr(target: Page | Frame, selector: string, name: string): Promise<string | null> {
  const el = await target.$(selector);
  if (!el) return null;
  try {
    return await el.evaluate((e, n) => e.getAttribute(n), name);
  } finally {
    await el.dispose();
  }
}

export async function text(target: Page | Frame, selector: string): Promise<string | null> {
  const el = await target.$(selector);
  if (!el) return null;
  try {
    return await el.evaluate((e) => e.textContent);
  } finally {
    await el.dispose();
  }
}

export const count = async (target: Page | Frame, selector: string): Promise<number> => (await target.$$(selector)).length;

export const banner = 'pierce/[data-testid=audit-banner]';

/** Per-rule counts the banner shows, from its `[data-finding][data-count]` lines. */
export async function bannerCounts(page: Page): Promise<Record<string, number>> {
  const lines = await page.$$(`${banner} li[data-finding]`);
  const entries = await Promise.all(lines.map((line) => line.evaluate((el) => [el.getAttribute('data-finding')!, Number(el.getAttribute('data-count'))] as const)));
  return Object.fromEntries(entries);
}

/**
 * Our framed extension page. Puppeteer over BiDi reports a moz-extension:// frame's
 * address as about:blank (its navigation events are not reported), so the frame is the
 * child whose own `location` says it is ours.
 */
export async function secureFrame(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  await until(async () => {
    for (const frame of page.frames().slice().reverse()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href === `${EXTENSION_ORIGIN}/secure-frame.html` && (await frame.$('[data-testid]'))) {
        found = frame;
        return true;
      }
    }
    return false;
  }, 'our secure frame');
  return found!;
}

/** Creates a token through WHM's own Generate form and returns its secret (read from WHM's callout). */
export async function createViaWhm(page: Page, options: { name: string; preset?: string; ips?: string }): Promise<{ secret: string; frame: Frame }> {
  await page.locator('#generateToken').click();
  await page.waitForSelector('pierce/[data-testid=preset-picker] [data-preset]');
  await page.locator('#token_name').fill(options.name);
  await page.locator(`pierce/[data-testid=preset-picker] [data-preset=${options.preset ?? 'read-only-monitoring'}]`).click();
  if (options.ips) await page.locator('#whitelistIps').fill(options.ips);
  await page.locator('#save_button').click();
  await page.waitForSelector('#tokenAdded_container code', { visible: true });
  // WHM slides its notice in over 0.75 s; a click during the slide lands where the button was.
  await until(async () => !(await page.$('#tokenAdded_container.ng-animate, #tokenAdded_container.ng-hide-remove')), 'WHM’s notice to settle');
  const frame = await secureFrame(page);
  await frame.waitForSelector('[data-testid=new-token-panel]');
  const secret = (await text(page, '#tokenAdded_container code'))?.trim() ?? '';
  expect(secret).toMatch(/^[0-9A-Z]{32}$/);
  return { secret, frame };
}

/** Sets the user's own policy values (as the options page would). */
export async function setUserSettings(ff: Firefox, settings: Record<string, unknown>): Promise<void> {
  await ff.inExtension(([key, value]) => chrome.storage.local.set({ [key]: value }), [USER_SETTINGS_KEY, settings] as const);
}
