import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { secureFrame } from './secret-helpers';

/**
 * Issue 13, item 4: after a revoke the banner line's choice is empty (nothing stale is
 * offered for the next "Revoke chosen"), and each outcome says "revoked" or "already
 * gone" as a fresh list from WHM shows it.
 */

async function openLine(page: Page, rule: string) {
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const line = banner.locator(`li[data-finding=${rule}]`);
  await line.locator('summary').click();
  await expect(line.locator('[data-choose]').first()).toBeVisible();
  return line;
}

async function revokeChosen(page: Page, rule: string) {
  await page.getByTestId(`revoke-chosen-${rule}`).click();
  await secureFrame(page).getByTestId('confirm-revoke').click();
  const result = secureFrame(page).getByTestId('revoke-result');
  await expect(result).toBeVisible();
  return result;
}

test('after revoking two chosen tokens the line’s choice is empty, in every line that listed them', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const never = await openLine(page, 'never-expires');
  const anyIp = await openLine(page, 'any-ip');
  const chosen = ['test', 'billing-provisioning-20260310'];
  for (const name of chosen) await never.locator(`[data-choose="${name}"]`).check();
  // The same token chosen in another line too.
  await anyIp.locator('[data-choose="test"]').check();
  await expect(page.getByTestId('revoke-chosen-never-expires')).toHaveText('Revoke chosen (2)…');
  await expect(page.getByTestId('revoke-chosen-any-ip')).toHaveText('Revoke chosen (1)…');

  const result = await revokeChosen(page, 'never-expires');
  await expect(result).toHaveAttribute('data-revoked', '2');
  await expect(result).toHaveAttribute('data-gone', '0');
  for (const name of chosen) await expect(result.locator(`li[data-token="${name}"]`)).toHaveAttribute('data-outcome', 'revoked');
  expect(sim.state.tokens.filter((t) => chosen.includes(t.name))).toEqual([]);
  await result.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);

  // The line still lists its other token, with nothing chosen.
  await expect(never).toHaveAttribute('data-count', '1');
  await expect(never.locator('[data-choose]')).toHaveCount(1);
  await expect(never.locator('[data-choose]:checked')).toHaveCount(0);
  await expect(page.getByTestId('revoke-chosen-never-expires')).toHaveText('Revoke chosen (0)…');
  await expect(page.getByTestId('revoke-chosen-never-expires')).toBeDisabled();
  // And the other line let go of the token it no longer lists.
  await expect(anyIp.locator('[data-choose="test"]')).toHaveCount(0);
  await expect(page.getByTestId('revoke-chosen-any-ip')).toHaveText('Revoke chosen (0)…');
  await expect(page.getByTestId('revoke-chosen-any-ip')).toBeDisabled();
});

test('a chosen token revoked elsewhere meanwhile is reported “already gone”, not revoked', async ({ context, openTokensPage, sim }) => {
  const page = await openTokensPage();
  const risky = await openLine(page, 'risky-privileges');
  const gone = 'support-password-reset';
  const other = 'ops-token-admin-20260901';
  await risky.locator(`[data-choose="${gone}"]`).check();
  await risky.locator(`[data-choose="${other}"]`).check();

  // A colleague revokes it in WHM's own page, in another tab; this page does not know.
  const second = await context.newPage();
  await second.goto(page.url());
  await second.selectOption('#topPageSize_select', '20');
  await second.locator(`tr.token-row[id="${gone}"] .revoke-button`).click();
  await second.getByRole('button', { name: 'Continue' }).click();
  await expect(second.locator(`tr.token-row[id="${gone}"]`)).toHaveCount(0);
  expect(sim.state.tokens.some((t) => t.name === gone)).toBe(false);
  await second.close();
  await expect(risky.locator(`[data-choose="${gone}"]`)).toBeChecked();

  const result = await revokeChosen(page, 'risky-privileges');
  await expect(result).toHaveAttribute('data-revoked', '1');
  await expect(result).toHaveAttribute('data-gone', '1');
  await expect(result).toHaveAttribute('data-failed', '0');
  await expect(result.locator(`li[data-token="${gone}"]`)).toHaveAttribute('data-outcome', 'already-gone');
  await expect(result.locator(`li[data-token="${gone}"]`)).toHaveText(`${gone}: already gone`);
  await expect(result.locator(`li[data-token="${other}"]`)).toHaveText(`${other}: revoked`);
  await expect(result).toContainText('1 token was already gone');
  expect(sim.state.tokens.some((t) => t.name === other)).toBe(false);
});
