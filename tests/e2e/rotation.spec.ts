import { expect, test } from './fixtures';
import { secureFrame } from './secret-helpers';

test('rotation end to end: replacement with the same ACLs and allowlist, old one revoked only after confirmation', async ({ context, openTokensPage, sim }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const oldName = 'ops-monitoring-20250815';
  const old = sim.state.tokens.find((t) => t.name === oldName)!;
  const before = sim.state.tokens.length;
  // WHM shows ten rows a page, newest first: find the old token with WHM's own search.
  await page.fill('#filterList_input', oldName);
  await expect(page.locator('tr.token-row')).toHaveCount(1);

  await page.locator(`[data-testid=rotate-token][data-token="${oldName}"]`).click();
  await expect(secureFrame(page).getByTestId('rotate-dialog')).toBeVisible();
  // Cancelling creates nothing.
  await secureFrame(page).getByTestId('rotate-cancel').click();
  expect(sim.state.tokens.length).toBe(before);

  await page.locator(`[data-testid=rotate-token][data-token="${oldName}"]`).click();
  await secureFrame(page).getByTestId('rotate-create').click();
  const panel = secureFrame(page).getByTestId('new-token-panel');
  await expect(panel).toBeVisible();
  const created = sim.state.tokens.find((t) => t.owner === 'reseller1' && t.name !== oldName && t.name.startsWith('ops-monitoring-20250815-r'));
  expect(created, 'the replacement exists in WHM').toBeTruthy();
  expect([...created!.acls].sort()).toEqual([...old.acls].sort());
  expect(created!.fullAccess).toBe(old.fullAccess);
  expect(created!.whitelistIps).toEqual(old.whitelistIps);
  expect(created!.expiresAt).not.toBeNull();
  // The old token is still there until the user confirms.
  expect(sim.state.tokens.some((t) => t.name === oldName)).toBe(true);

  await secureFrame(page).getByTestId('test-token').click();
  await expect(secureFrame(page).getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
  await secureFrame(page).getByTestId('copy-token').click();
  await expect(secureFrame(page).getByTestId('revoke-old')).toBeDisabled();
  await secureFrame(page).getByTestId('confirm-switched').check();
  await secureFrame(page).getByTestId('revoke-old').click();
  await expect(secureFrame(page).getByTestId('rotate-result')).toHaveAttribute('data-outcome', 'revoked');
  expect(sim.state.tokens.some((t) => t.name === oldName)).toBe(false);
  expect(sim.state.tokens.some((t) => t.name === created!.name)).toBe(true);

  // A copy is not a stored secret: the dialog closes only once the user says it is stored.
  await secureFrame(page).getByTestId('close-panel').click();
  await expect(secureFrame(page).getByTestId('leave-confirm')).toBeVisible();
  await secureFrame(page).getByTestId('mark-saved').click();
  await secureFrame(page).getByTestId('close-panel').click();
  await expect(secureFrame(page).getByTestId('rotate-dialog')).toHaveCount(0);
  await expect(panel).toHaveCount(0);
  await expect(page.locator(`tr.token-row[id="${oldName}"]`)).toHaveCount(0);
  await expect(page.locator(`tr.token-row[id="${created!.name}"]`)).toHaveCount(1);
});

test('a rotation from a banner finding, closed unsaved, asks before the secret is lost', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const line = banner.locator('li[data-finding=rotation-due]');
  await line.locator('summary').click();
  const name = await line.locator('[data-rotate]').first().getAttribute('data-rotate');
  await line.locator(`[data-rotate="${name}"]`).click();
  await secureFrame(page).getByTestId('rotate-create').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toBeVisible();
  await secureFrame(page).getByTestId('close-panel').click();
  await expect(secureFrame(page).getByTestId('leave-confirm')).toBeVisible();
  await secureFrame(page).getByTestId('leave-anyway').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toHaveCount(0);
  // Not revoked: the user never confirmed.
  expect(sim.state.tokens.some((t) => t.name === name)).toBe(true);
});
