import { expect, test } from './fixtures';
import { dialogFrame, focusedInFrame, focusedInPage, listedTokens, searchWhm, secureFrame, seriousAxeInDialog, setTeamPolicy, tabRound, without } from './secret-helpers';

const TEAM = { version: 1, enforcement: 'block', naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' } };

test('rotation end to end: replacement with the same ACLs and allowlist, old one revoked only after confirmation', async ({ context, openTokensPage, sim }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const oldName = 'ops-monitoring-20250815';
  const old = sim.state.tokens.find((t) => t.name === oldName)!;
  const before = sim.state.tokens.length;
  // WHM shows ten rows a page, newest first: find the old token with WHM's own search.
  await searchWhm(page, oldName);
  await expect(page.locator('tr.token-row')).toHaveCount(1);

  await page.locator(`[data-testid=rotate-token][data-token="${oldName}"]`).click();
  await expect(secureFrame(page).getByTestId('rotate-dialog')).toBeVisible();
  // Cancelling creates nothing.
  await secureFrame(page).getByTestId('rotate-cancel').click();
  expect(sim.state.tokens.length).toBe(before);

  await page.locator(`[data-testid=rotate-token][data-token="${oldName}"]`).click();
  // The trailing date moves to today (the demo's clock), rather than a suffix stacking up.
  await expect(secureFrame(page).getByTestId('rotate-name')).toHaveValue('ops-monitoring-20261128');
  await secureFrame(page).getByTestId('rotate-create').click();
  const panel = secureFrame(page).getByTestId('new-token-panel');
  await expect(panel).toBeVisible();
  const created = sim.state.tokens.find((t) => t.owner === 'reseller1' && t.name === 'ops-monitoring-20261128');
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
  await searchWhm(page, created!.name);
  await expect(page.locator(`tr.token-row[id="${created!.name}"]`)).toHaveCount(1);
});

test('a rotation from a banner finding, closed unsaved, asks before the secret is lost', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const line = banner.locator('li[data-finding=rotation-due]');
  await line.locator('summary').click();
  const name = await line.locator('[data-fix=rotate]').first().getAttribute('data-token');
  await line.locator(`[data-fix=rotate][data-token="${name}"]`).click();
  await secureFrame(page).getByTestId('rotate-create').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toBeVisible();
  await secureFrame(page).getByTestId('close-panel').click();
  await expect(secureFrame(page).getByTestId('leave-confirm')).toBeVisible();
  await secureFrame(page).getByTestId('leave-anyway').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toHaveCount(0);
  // Not revoked: the user never confirmed.
  expect(sim.state.tokens.some((t) => t.name === name)).toBe(true);
});

test('block mode with a naming pattern: a full-access token’s rotation gets a preset’s privileges and a conforming name', async ({ openTokensPage, serviceWorker, sim }) => {
  await setTeamPolicy(serviceWorker, TEAM);
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const before = await listedTokens(sim);
  await searchWhm(page, 'test');
  await page.locator('[data-testid=rotate-token][data-token="test"]').click();
  const dialog = secureFrame(page).getByTestId('rotate-dialog');
  await expect(dialog).toBeVisible();
  // `test` breaks the pattern; its replacement does not.
  const name = dialog.getByTestId('rotate-name');
  await expect(name).toHaveValue('ops-test-20261128');
  await expect(dialog.getByTestId('rotate-name-check')).toHaveAttribute('data-valid', 'true');
  // Full access is never copied silently: nothing is chosen, so nothing can be created yet.
  await expect(dialog.getByTestId('rotate-risk')).toBeVisible();
  await expect(dialog.getByTestId('rotate-create')).toBeDisabled();
  await dialog.locator('[data-keep]').check();
  await expect(dialog).toContainText('full access again');

  // A name off the pattern is refused before anything is created.
  await name.fill('test-r20261128');
  await expect(dialog.getByTestId('rotate-name-check')).toHaveAttribute('data-valid', 'false');
  await expect(dialog.getByTestId('rotate-create')).toBeDisabled();
  await name.fill('ops-test-renewed-20261128');
  await dialog.locator('[data-preset=dns-management]').check();
  await dialog.getByTestId('rotate-expiry').fill('2027-01-31');
  expect(await seriousAxeInDialog(page)).toEqual([]);
  await dialog.getByTestId('rotate-create').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toBeVisible();

  const after = await listedTokens(sim);
  const replacement = after['ops-test-renewed-20261128'] as { acls: Record<string, number>; expires_at: number; whitelist_ips?: string[] } | undefined;
  expect(replacement, 'the replacement exists in WHM').toBeTruthy();
  expect(Object.keys(replacement!.acls).filter((acl) => replacement!.acls[acl]).sort()).toEqual(['create-dns', 'edit-dns', 'kill-dns', 'manage-dns-records']);
  expect(new Date(replacement!.expires_at * 1000).toDateString()).toBe(new Date(2027, 0, 31).toDateString());
  expect(replacement!.whitelist_ips).toBeUndefined();
  // Nothing else changed, and the old token stays until the user confirms.
  expect(without(after, 'ops-test-renewed-20261128')).toEqual(before);
  await secureFrame(page).getByTestId('confirm-switched').check();
  await secureFrame(page).getByTestId('revoke-old').click();
  await expect(secureFrame(page).getByTestId('rotate-result')).toHaveAttribute('data-outcome', 'revoked');
  expect(without(await listedTokens(sim), 'ops-test-renewed-20261128')).toEqual(without(before, 'test'));
});

test('the rotation dialog is a real modal: focus moves in, Tab stays inside, Escape closes, focus returns', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  await searchWhm(page, 'ops-monitoring-20250815');
  const opener = page.locator('[data-testid=rotate-token][data-token="ops-monitoring-20250815"]');
  await opener.click();
  await expect(secureFrame(page).getByTestId('rotate-dialog')).toBeVisible();
  const frame = await dialogFrame(page);
  await expect.poll(() => focusedInFrame(frame)).toBe('rotate-name');

  // Once round with Tab, and back with Shift+Tab: never out of the frame, into WHM's page.
  const round = await tabRound(page, frame);
  expect(round).toContain('rotate-create');
  expect(round.at(-2)).toBe('rotate-cancel');

  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
  await expect.poll(() => focusedInPage(page)).toBe('rotate-token|ops-monitoring-20250815');
});
