/**
 * `npm run screenshots`: the pictures in README.md, taken from the real extension on the
 * simulator's demo scenario, so they show what the code does today.
 *
 *   docs/screenshots/banner.png        the audit banner with its "never expire" line opened
 *   docs/screenshots/fix-dialog.png    the confirmation of "Set an expiry" on one token
 *   docs/screenshots/options.png       the options page with examples/team.token-policy.json imported
 *                                      and one setting of the user's own
 *   docs/screenshots/popup.png         the toolbar popup on the Manage API Tokens tab
 *
 * Headless, so it runs without a display. TW_SKIP_BUILD=1 reuses .output/chrome-mv3-e2e.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureChromium } from './ensure-chromium.ts';
import { bannerSummary, logInToTokensPage, openDemoBrowser } from './demo-browser.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'docs/screenshots');
const EXAMPLE_POLICY = resolve(root, 'examples/team.token-policy.json');

ensureChromium();
if (process.env.TW_SKIP_BUILD !== '1') execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit', cwd: root });
mkdirSync(outDir, { recursive: true });

const demo = await openDemoBrowser({ scenario: 'demo', headless: true });
const saved = (name: string) => {
  console.log(`  docs/screenshots/${name}`);
  return resolve(outDir, name);
};
try {
  const page = demo.context.pages()[0] ?? (await demo.context.newPage());
  await logInToTokensPage(page, demo.sim);
  console.log(`Banner: ${(await bannerSummary(page)).line}`);
  await bannerWithLineOpened(page);
  await fixDialog(page);
  await optionsPage(page);
  await popup(page);
} finally {
  await demo.close();
}

async function bannerWithLineOpened(page: Page): Promise<void> {
  const banner = page.getByTestId('audit-banner');
  // The "never expire" line, because its fix (Set an expiry) is the next picture.
  await banner.locator('[data-finding=never-expires] summary').click();
  await page.waitForTimeout(300);
  await banner.screenshot({ path: saved('banner.png') });
}

async function fixDialog(page: Page): Promise<void> {
  const fix = page.getByTestId('audit-banner').locator('[data-fix=set-expiry]').first();
  if ((await fix.count()) === 0) {
    console.log('  (skipped fix-dialog.png: no [data-fix=set-expiry] button in the opened banner line yet)');
    return;
  }
  await fix.click();
  const frame = page.frameLocator('iframe[data-testid=secure-frame]');
  const shown = await frame
    .getByTestId('fix-dialog')
    .waitFor({ timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) {
    console.log('  (skipped fix-dialog.png: the set-expiry button opened no [data-testid=fix-dialog] in the secure frame)');
    return;
  }
  await page.waitForTimeout(300);
  await page.screenshot({ path: saved('fix-dialog.png') });
  // Nothing is changed: the picture is of the question, not the answer.
  const cancel = frame.getByRole('button', { name: /cancel/i });
  if (await cancel.count()) await cancel.first().click();
}

async function optionsPage(whm: Page): Promise<void> {
  const options = await demo.context.newPage();
  await options.goto(`chrome-extension://${demo.extensionId}/options.html`);
  // One setting of the user's own, so the picture shows that badge beside the team file's.
  await options.locator('#field-vault-mount').fill('kv');
  await options.getByTestId('save-settings').click();
  await options.locator('[data-testid=policy-status][data-state=ok]').waitFor();
  await options.getByTestId('policy-import').setInputFiles(EXAMPLE_POLICY);
  // The example only tightens the defaults, so it imports without a question.
  await options.getByTestId('policy-status').filter({ hasText: 'team.token-policy.json' }).waitFor();
  await options.screenshot({ path: saved('options.png'), fullPage: true });
  await options.close();
  await whm.bringToFront();
}

async function popup(whm: Page): Promise<void> {
  const popupPage = await demo.context.newPage();
  // A toolbar popup is about 360 px wide; `?tab=` names the WHM tab it is about.
  await popupPage.setViewportSize({ width: 360, height: 600 });
  await popupPage.goto(`chrome-extension://${demo.extensionId}/popup.html`);
  const url = whm.url();
  const tabId = await popupPage.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  await popupPage.goto(`chrome-extension://${demo.extensionId}/popup.html?tab=${tabId}`);
  await popupPage.getByTestId('popup-status').waitFor();
  // The popup's own box, as the browser shows it under the toolbar button.
  await popupPage.locator('.tw-popup').screenshot({ path: saved('popup.png') });
  await popupPage.close();
}
