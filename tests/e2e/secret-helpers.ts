import type { FrameLocator, Page, Worker } from '@playwright/test';
import { expect } from './fixtures';

/** Our framed extension page (the secure step, a rotation, a revoke confirmation): every panel test id lives inside it. */
export function secureFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-testid=secure-frame]');
}

/** Creates a token through WHM's own Generate form and returns its secret (read from WHM's callout). */
export async function createViaWhm(page: Page, options: { name: string; preset?: string; ips?: string }): Promise<string> {
  await page.click('#generateToken');
  await expect(page.getByTestId('preset-picker')).toBeVisible();
  await page.fill('#token_name', options.name);
  await page.getByTestId('preset-picker').locator(`[data-preset=${options.preset ?? 'read-only-monitoring'}]`).click();
  if (options.ips) await page.fill('#whitelistIps', options.ips);
  await page.click('#save_button');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  // WHM slides its notice in over 0.75 s. Playwright judges an element inside a frame
  // stable by its place in the frame, not the page, so a click during the slide misses.
  await expect(page.locator('#tokenAdded_container')).not.toHaveClass(/ng-hide-remove|ng-animate/);
  // Our panel, in our frame (or, in builds before the frames, in WHM's page).
  await expect.poll(async () => (await secureFrame(page).getByTestId('new-token-panel').count()) + (await page.getByTestId('new-token-panel').count())).toBeGreaterThan(0);
  const secret = (await page.locator('#tokenAdded_container code').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[0-9A-Z]{32}$/);
  return secret;
}

/** Sets the user's own policy values (as the options page would). */
export async function setUserSettings(serviceWorker: Worker, settings: Record<string, unknown>): Promise<void> {
  await serviceWorker.evaluate((value) => chrome.storage.local.set({ 'tw:userSettings': value }), settings);
}

/** What the options page's "Allow pushes to …" stores: the one exact Vault origin pushes may go to. */
export async function approveVault(serviceWorker: Worker, origin: string): Promise<void> {
  await serviceWorker.evaluate((value) => chrome.storage.local.set({ 'tw:vaultOrigin': value }), origin);
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
