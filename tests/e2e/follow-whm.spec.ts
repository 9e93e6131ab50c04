import type { Page } from '@playwright/test';
import { TEAM_POLICY_KEY } from '../../utils/policy/storage-keys.ts';
import { bannerCounts, expectedAudit, expectedBadges, rowBadges } from './audit-helpers';
import { DEMO_NOW, expect, test } from './fixtures';
import { createViaWhm, markSavedThenConfirm, secureFrame } from './secret-helpers';

/**
 * WHM 11.120's page, as the simulator now plays it (whm.md §4): its Refresh toggles an
 * always-present loading row, and its own Revoke removes rows locally without listing
 * again. The banner and the badges must follow both, without a page reload.
 */

async function bannerMatchesWhm(page: Page, sim: Parameters<typeof expectedAudit>[0]): Promise<void> {
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', /attention|ok/);
  const expected = await expectedAudit(sim, page);
  await expect(banner).toHaveAttribute('data-total', String(expected.summary.total));
  await expect.poll(() => bannerCounts(page)).toEqual(expected.summary.counts);
  const rows = await page.locator('tr.token-row').evaluateAll((els) => els.map((el) => el.id));
  await expect.poll(() => rowBadges(page)).toEqual(expectedBadges(expected, rows));
}

/** A marker in the page's own JavaScript world: gone if the page reloads. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { twMarker: number }).twMarker = 42));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { twMarker?: number }).twMarker === 42);

test('after WHM’s own Refresh, a token revoked behind the page’s back leaves the banner', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const before = Number(await banner.getAttribute('data-total'));
  await expect(banner.locator('[data-finding=expired]')).toHaveAttribute('data-count', '2');
  await markPage(page);

  // Another admin (or a script) revokes an expired token; WHM's page does not know yet.
  sim.state.tokens = sim.state.tokens.filter((t) => t.name !== 'MyOldToken');
  await page.click('#gearMenu');
  await page.click('#refreshList');
  await expect(banner).toHaveAttribute('data-total', String(before - 1));
  await expect(banner.locator('[data-finding=expired]')).toHaveAttribute('data-count', '1');
  await bannerMatchesWhm(page, sim);
  expect(await stillSamePage(page)).toBe(true);
});

test('after WHM’s own row Revoke, the banner and the badges follow without a reload', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  await expect.poll(() => rowBadges(page).then((b) => Object.values(b).every((rules) => rules[0] !== '<no badges>'))).toBe(true);
  const before = Number(await banner.getAttribute('data-total'));
  await markPage(page);

  const firstRow = page.locator('tr.token-row').first();
  const name = (await firstRow.getAttribute('id'))!;
  const listsBefore = sim.requests.filter((r) => r.fn === 'api_token_list').length;
  await firstRow.locator('[id^=revoke_key_]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator(`tr.token-row[id="${name}"]`)).toHaveCount(0);
  expect(sim.state.tokens.some((t) => t.name === name)).toBe(false);

  await expect(banner).toHaveAttribute('data-total', String(before - 1));
  await bannerMatchesWhm(page, sim);
  // WHM itself did not list again; only our one audit did.
  expect(sim.requests.filter((r) => r.fn === 'api_token_list').length - listsBefore).toBeLessThanOrEqual(2);
  expect(await stillSamePage(page)).toBe(true);
});

test('after the gear menu’s “Revoke selected”, the banner and the badges follow without a reload', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const before = Number(await banner.getAttribute('data-total'));
  await markPage(page);

  const rows = page.locator('tr.token-row');
  const names = [(await rows.nth(0).getAttribute('id'))!, (await rows.nth(2).getAttribute('id'))!];
  for (const name of names) await page.locator(`tr.token-row[id="${name}"] td.checkbox-column input`).click();
  await page.click('#gearMenu');
  await page.click('#revokeSelectedTokens');
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const name of names) await expect(page.locator(`tr.token-row[id="${name}"]`)).toHaveCount(0);

  await expect(banner).toHaveAttribute('data-total', String(before - 2));
  await bannerMatchesWhm(page, sim);
  expect(await stillSamePage(page)).toBe(true);
});

test('as root, every preset is available and the risky badges say why', async ({ openTokensPage }) => {
  const page = await openTokensPage('root', 'rootpass');
  await page.click('#generateToken');
  const picker = page.getByTestId('preset-picker');
  await expect(picker).toBeVisible();
  await expect(picker.locator('[data-preset]').first()).toBeVisible();
  await expect(picker.locator('[data-preset][data-unavailable]')).toHaveCount(0);
  // Root's form starts with every box checked except `all`; the warned ones get a badge.
  await expect(page.locator('#acl-checkbox-passwd')).toBeChecked();
  await expect(page.locator('#acl-checkbox-all')).not.toBeChecked();
  const badge = page.locator('token-warden-acl-warning[data-acl=passwd] [data-acl-warning]');
  await expect(badge).toHaveAttribute('data-acl-warning', 'risky');
  await expect(badge).toHaveAttribute('title', /password/i);
});

test.describe('a WHM without api_token_get_details', () => {
  test('the token test still reports a working token as ok, and an allowlisted one as ip-restricted', async ({ openTokensPage, sim, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
    sim.setFault('api_token_get_details', 'unknown-app');
    const page = await openTokensPage();
    await createViaWhm(page, { name: 'ops-no-details-20261128' });
    await secureFrame(page).getByTestId('test-token').click();
    await expect(secureFrame(page).getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
    // The panel still knows the token's privileges, from WHM's list.
    await expect(secureFrame(page).getByTestId('panel-acls')).toContainText('list-accts');
    await markSavedThenConfirm(page);

    await createViaWhm(page, { name: 'ops-no-details-ip-20261128', ips: '192.0.2.0/24' });
    await secureFrame(page).getByTestId('test-token').click();
    await expect(secureFrame(page).getByTestId('test-result')).toHaveAttribute('data-result', 'ip-restricted');
    expect(sim.requests.some((r) => r.fn === 'api_token_get_details')).toBe(true);
  });
});

test('a referrer-check refusal is its own message, not “session lost”', async ({ openTokensPage, sim }) => {
  sim.setFault('api_token_list', 'referrer');
  const page = await openTokensPage();
  const error = page.getByTestId('audit-error');
  await expect(error).toHaveAttribute('data-kind', 'whm');
  await expect(error).toContainText(/referrer/i);
  await expect(error).not.toContainText(/log in/i);
});

test.describe('held privileges WHM sends but does not draw', () => {
  test.use({
    simOptions: {
      now: DEMO_NOW,
      scenario: {
        users: [{ user: 'reseller1', pass: 'resellerpass', acls: ['list-accts', 'suspend-acct', 'manage-api-tokens', 'plugin-backup-admin'] }],
        tokens: [{ owner: 'reseller1', name: 'ops-plugin-old', acls: ['list-accts', 'plugin-backup-admin'], expiresInDays: 30 }],
      },
    },
  });

  test('count in the form’s policy check, and block mode holds Save for them', async ({ openTokensPage, serviceWorker, sim }) => {
    await serviceWorker.evaluate(
      ([key, file]) => chrome.storage.local.set({ [key]: { file, fileName: 'plugins.token-policy.json', importedAt: 1 } }),
      [TEAM_POLICY_KEY, { version: 1, enforcement: 'block', privileges: { forbidden: ['all', 'plugin:plugin-backup-admin'] } }] as const,
    );
    const page = await openTokensPage();
    await page.click('#generateToken');
    await expect(page.getByTestId('preset-picker')).toBeVisible();
    await expect(page.locator('#acl-checkbox-list-accts')).toBeVisible();
    await expect(page.locator('#acl-checkbox-plugin-backup-admin')).toHaveCount(0);
    await page.fill('#token_name', 'ops-plugin-20261128');
    await page.getByTestId('preset-picker').locator('[data-preset=read-only-monitoring]').click();
    const panel = page.getByTestId('form-policy');
    await expect(panel).toHaveAttribute('data-blocked', 'true');
    await expect(panel).toContainText('plugin-backup-admin');
    await page.click('#save_button');
    await expect(page.locator('#tokenAdded_container')).toBeHidden();
    expect(sim.state.tokens.some((t) => t.name === 'ops-plugin-20261128')).toBe(false);
  });

  test('on Edit, the token’s own undrawn privileges are checked too', async ({ openTokensPage, serviceWorker }) => {
    await serviceWorker.evaluate(
      ([key, file]) => chrome.storage.local.set({ [key]: { file, fileName: 'plugins.token-policy.json', importedAt: 1 } }),
      [TEAM_POLICY_KEY, { version: 1, enforcement: 'block', privileges: { forbidden: ['all', 'plugin:plugin-backup-admin'] } }] as const,
    );
    const page = await openTokensPage();
    await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
    await page.locator('tr.token-row[id="ops-plugin-old"] [id^=edit_key_]').click();
    await expect(page.locator('#acl-checkbox-list-accts')).toBeChecked();
    const panel = page.getByTestId('form-policy');
    await expect(panel).toContainText('plugin-backup-admin');
    // Edit only warns: WHM's own Save is not held.
    await expect(panel).toHaveAttribute('data-blocked', 'false');
  });
});

test('WHM sends the allowlist Token Warden checked, even when Save is clicked by a script', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await page.click('#generateToken');
  await expect(page.getByTestId('preset-picker')).toBeVisible();
  await page.fill('#token_name', 'ops-ip-lag-20261128');
  await page.getByTestId('preset-picker').locator('[data-preset=read-only-monitoring]').click();
  // Text typed without a blur, then WHM's Save clicked at once (as Enter in a field does):
  // WHM's own model would still be 250 ms behind.
  await page.evaluate(() => {
    const area = document.querySelector<HTMLTextAreaElement>('#whitelistIps')!;
    area.value = '192.0.2.7';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector<HTMLButtonElement>('#save_button')!.click();
  });
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  expect(sim.state.tokens.find((t) => t.name === 'ops-ip-lag-20261128')?.whitelistIps).toEqual(['192.0.2.7']);
});
