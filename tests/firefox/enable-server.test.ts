import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENABLED_KEY } from '../../utils/servers.ts';
import { startSimulator, type Simulator } from '../../whm-sim/server.ts';
import { FIREFOX_PRODUCTION_DIR, launchFirefox, type Firefox } from './firefox.ts';
import { attr, banner, count, DEMO_NOW, logIn, POLL } from './whm.ts';

/**
 * The production build, which has no host access at all until the user enables a
 * server. Firefox's permission prompt is switched off by its pref, so the grant is given
 * by the click itself — which must be a real one: `permissions.request` needs a user gesture.
 */
let ff: Firefox;
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: DEMO_NOW });
  ff = await launchFirefox(FIREFOX_PRODUCTION_DIR, { 'extensions.webextOptionalPermissionPrompts': false });
  console.log(`Firefox figures (production build): browser launch ${ff.launchMs} ms, extension install ${ff.installMs} ms`);
});
afterAll(async () => {
  await ff?.close();
  await sim?.close();
});

const HOST = 'https://127.0.0.1/*';

it('enabling a server in the popup grants its host by a real click, and the banner follows', async () => {
  const { page: whm } = await logIn(ff, sim);
  await whm.waitForSelector('tr.token-row');
  const hasHost = () => ff.inExtension((origins) => chrome.permissions.contains({ origins }), [HOST]);
  expect(await hasHost()).toBe(false);
  expect(await ff.inExtension(() => chrome.scripting.getRegisteredContentScripts(), null)).toEqual([]);
  expect(await count(whm, 'pierce/token-warden-banner')).toBe(0);

  // The person clicks Token Warden's toolbar button on WHM's tab; the popup, opened here
  // as a tab for that tab (as the Chromium tests open it), says the server is off.
  await whm.bringToFront();
  const tabId = await ff.clickToolbarButton();
  const popup = await ff.extensionPage(`/popup.html?tab=${tabId}`);
  await expect.poll(() => attr(popup, '[data-testid=popup-status]', 'data-state'), POLL).toBe('disabled');
  expect(await popup.$eval('[data-testid=popup-status]', (el) => el.textContent)).toContain(new URL(sim.origin).host);

  // Without a gesture Firefox refuses, prompt or no prompt.
  await expect(popup.evaluate((origins) => chrome.permissions.request({ origins }), [HOST])).rejects.toThrow(/user input/i);
  expect(await hasHost()).toBe(false);

  await popup.locator('[data-testid=enable-server]').click();
  await expect.poll(() => attr(popup, '[data-testid=popup-status]', 'data-state'), POLL).toBe('enabled');
  expect(await hasHost()).toBe(true);
  expect(await ff.inExtension(async (key) => (await chrome.storage.local.get(key))[key], ENABLED_KEY)).toEqual([sim.origin]);
  await expect.poll(() => ff.inExtension(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []), null), POLL).toContain('https://127.0.0.1/cpsess*/scripts*/apitokens*');

  await whm.bringToFront();
  await whm.reload();
  await whm.waitForSelector(`${banner}[data-state=attention]`, { timeout: 15_000 });
  expect(await attr(whm, banner, 'data-total')).toBe(String(sim.state.tokens.filter((t) => t.owner === 'reseller1').length));
});
