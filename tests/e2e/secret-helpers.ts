import type { Page, Worker } from '@playwright/test';
import { expect } from './fixtures';

/** Creates a token through WHM's own Generate form and returns its secret (read from WHM's callout). */
export async function createViaWhm(page: Page, options: { name: string; preset?: string; ips?: string }): Promise<string> {
  await page.click('#generateToken');
  await expect(page.getByTestId('preset-picker')).toBeVisible();
  await page.fill('#token_name', options.name);
  await page.getByTestId('preset-picker').locator(`[data-preset=${options.preset ?? 'read-only-monitoring'}]`).click();
  if (options.ips) await page.fill('#whitelistIps', options.ips);
  await page.click('#save_button');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  await expect(page.getByTestId('new-token-panel')).toBeVisible();
  const secret = (await page.locator('#tokenAdded_container code').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[0-9A-Z]{32}$/);
  return secret;
}

/** Sets the user's own policy values (as the options page would). */
export async function setUserSettings(serviceWorker: Worker, settings: Record<string, unknown>): Promise<void> {
  await serviceWorker.evaluate((value) => chrome.storage.local.set({ 'tw:userSettings': value }), settings);
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
