import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../whm-sim/server.ts';
import { DEMO_NOW, expect, test } from './fixtures';

async function expectNoSeriousAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const registeredMatches = (serviceWorker: import('@playwright/test').Worker) =>
  serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []));

test('the popup shows the last audit, and disabling a server removes its content script until enabled again', async ({ context, extensionId, openTokensPage, serviceWorker }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  expect(await registeredMatches(serviceWorker)).toContain('https://127.0.0.1/cpsess*/scripts*/apitokens*');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const tabId = await popup.evaluate(async () => (await chrome.tabs.query({ url: 'https://127.0.0.1/*' }))[0]?.id);
  expect(tabId).toBeTruthy();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-state', 'enabled');
  const attention = await page.getByTestId('audit-banner').getAttribute('data-attention');
  await expect(popup.getByTestId('server-summary')).toHaveAttribute('data-attention', attention!);
  // The tab is Manage API Tokens already: the popup does not send the user there.
  await expect(popup.getByTestId('popup-status')).not.toContainText('Manage API Tokens');
  await expect(popup.getByTestId('popup-status')).toContainText('this page');
  await expectNoSeriousAxeViolations(popup);

  await popup.getByTestId('disable-server').click();
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-state', 'disabled');
  await expect.poll(() => registeredMatches(serviceWorker)).not.toContain('https://127.0.0.1/cpsess*/scripts*/apitokens*');
  await page.reload();
  await expect(page.locator('#tokenTable')).toBeVisible();
  // Asserts that something does not happen, so a bounded wait: a registered script (run at
  // document_start) mounts the banner within moments of WHM's table; give it a second.
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('audit-banner')).toHaveCount(0);

  // Enabling again (already granted, so the browser does not need to ask).
  await popup.reload();
  await popup.getByTestId('enable-server').click();
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-state', 'enabled');
  await expect.poll(() => registeredMatches(serviceWorker)).toContain('https://127.0.0.1/cpsess*/scripts*/apitokens*');
  await page.reload();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
});

test('away from WHM the popup lists the audited servers; the snapshot holds metadata only', async ({ context, extensionId, openTokensPage, serviceWorker, sim }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-status')).toHaveAttribute('data-state', 'not-whm');
  await expect(popup.locator(`[data-server="${sim.origin}"]`)).toContainText('127.0.0.1');
  await expect(popup.getByText(/live WHM session/)).toBeVisible();
  await expectNoSeriousAxeViolations(popup);
  // The popup's link to the options page.
  const [optionsTab] = await Promise.all([context.waitForEvent('page'), popup.getByTestId('open-options').click()]);
  await expect(optionsTab).toHaveURL(`chrome-extension://${extensionId}/options.html`);
  await optionsTab.close();

  const snapshot = await serviceWorker.evaluate(async (origin) => ((await chrome.storage.local.get('tw:snapshots'))['tw:snapshots'] as Record<string, unknown>)[origin], sim.origin);
  const tokens = (snapshot as { tokens: Array<Record<string, unknown>> }).tokens;
  expect(tokens.length).toBe(sim.state.tokens.filter((t) => t.owner === 'reseller1').length);
  for (const t of tokens) expect(Object.keys(t).sort()).toEqual(['acls', 'createTime', 'expiresAt', 'findings', 'name']);

  // Options › Servers: removing the server deletes what was kept about it.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator(`tr[data-server="${sim.origin}"]`)).toBeVisible();
  // The Servers view sits in the page's one column, not beside or below it.
  const column = await options.locator('main.tw-container').boundingBox();
  const servers = await options.getByTestId('servers-view').boundingBox();
  expect(servers!.x).toBeGreaterThanOrEqual(column!.x);
  expect(servers!.x + servers!.width).toBeLessThanOrEqual(column!.x + column!.width);
  await expectNoSeriousAxeViolations(options);
  await options.locator(`tr[data-server="${sim.origin}"] [data-testid=remove-server]`).click();
  await expect(options.locator(`tr[data-server="${sim.origin}"]`)).toHaveCount(0);
  const after = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('tw:snapshots'))['tw:snapshots']);
  expect(after).toEqual({});
});

test('another port of an enabled host gets neither the page script nor a background call', async ({ context, openTokensPage, serviceWorker, sim }) => {
  // The enabled server, as the user enabled it…
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  // …and another service on another port of the same host, with a path that looks like WHM's.
  const other = await startSimulator({ scenario: 'demo', now: DEMO_NOW });
  try {
    expect(new URL(other.origin).hostname).toBe(new URL(sim.origin).hostname);
    const second = await context.newPage();
    await second.goto(other.loginUrl);
    await second.fill('input[name=user]', 'reseller1');
    await second.fill('input[name=pass]', 'resellerpass');
    await Promise.all([second.waitForURL(/\/cpsess\d{10}\/scripts\d*\/apitokens\/home/), second.click('[type=submit]')]);
    await expect(second.locator('tr.token-row').first()).toBeVisible();
    // Nothing of ours may appear or call: a bounded wait, as long as the enabled origin's
    // banner takes to show at worst on this machine, for anything that would.
    await second.waitForTimeout(1_500);
    await expect(second.locator('token-warden-banner, token-warden-findings, token-warden-rotate-button')).toHaveCount(0);
    // WHM's own page listed its tokens once; nothing of ours asked for anything.
    expect(other.requests.filter((r) => r.fn === 'api_token_list')).toHaveLength(1);
    expect(other.requests.filter((r) => r.fn !== 'api_token_list' && r.fn !== 'myprivs')).toEqual([]);
    // And nothing of it was kept as a snapshot.
    const snapshots = await serviceWorker.evaluate(async () => Object.keys(((await chrome.storage.local.get('tw:snapshots'))['tw:snapshots'] as object | undefined) ?? {}));
    expect(snapshots).not.toContain(other.origin);
  } finally {
    await other.close();
  }
});
