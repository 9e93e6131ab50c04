import type { Page } from '@playwright/test';
import { defaultExpiryDate, endOfDayUnix } from '../../utils/expiry.ts';
import { DEFAULT_POLICY } from '../../utils/policy/defaults.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { DEMO_NOW, expect, test } from './fixtures';
import { dialogFrame, focusedInFrame, focusedInPage, listedTokens, searchWhm, secureFrame, seriousAxeInDialog, setTeamPolicy, tabRound, without } from './secret-helpers';

/**
 * Fixes in place (design.md's Contract: `[data-fix][data-token]` in an opened banner
 * line, `[data-testid=fix-dialog]`, `fix-confirm`, `fix-result[data-ok]`). Each test reads
 * the simulator's list through WHM's API with a session of its own, before and after:
 * the chosen token changed exactly as confirmed, and every other token not at all.
 */
type Listed = Record<string, Record<string, unknown>>;

/** The simulator's list as it is now, then a click on the fix button of `name` in the opened line of `rule`. */
async function openFix(page: Page, sim: Simulator, rule: string, kind: string, name: string) {
  const before: Listed = await listedTokens(sim);
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const line = banner.locator(`li[data-finding=${rule}]`);
  if (!(await line.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await line.locator('summary').click();
  await line.locator(`[data-fix=${kind}][data-token="${name}"]`).click();
  return { before, dialog: fixDialog(page) };
}

function fixDialog(page: Page) {
  return secureFrame(page).getByTestId('fix-dialog');
}

/** Checks the set-up dialog with axe, confirms, expects success, closes; then the simulator's list. */
async function confirmFix(page: Page, sim: Simulator): Promise<Listed> {
  expect(await seriousAxeInDialog(page)).toEqual([]);
  await fixDialog(page).getByTestId('fix-confirm').click();
  await expect(secureFrame(page).getByTestId('fix-result')).toHaveAttribute('data-ok', 'true');
  await secureFrame(page).getByTestId('fix-close').click();
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
  return listedTokens(sim);
}

const granted = (entry: Record<string, unknown>) => Object.entries(entry.acls as Record<string, number>).filter(([, on]) => on).map(([acl]) => acl).sort();

test('set an expiry: the policy’s default day, named in the confirmation; nothing else changes', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const name = 'ops-monitoring-20250815';
  const day = defaultExpiryDate(new Date(DEMO_NOW * 1000), DEFAULT_POLICY.expiry);

  // A real modal: the keyboard goes in, Escape closes it, the keyboard comes back to the button.
  const { before, dialog } = await openFix(page, sim, 'never-expires', 'set-expiry', name);
  await expect(dialog.getByTestId('fix-expiry')).toHaveValue(day);
  const frame = await dialogFrame(page);
  await expect.poll(() => focusedInFrame(frame)).toBe('fix-expiry');
  expect(await tabRound(page, frame)).toEqual(['fix-confirm', 'fix-cancel', 'fix-expiry']);
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
  await expect.poll(() => focusedInPage(page)).toBe(`set-expiry|${name}`);
  expect(await listedTokens(sim)).toEqual(before);

  await openFix(page, sim, 'never-expires', 'set-expiry', name);
  await expect(dialog.getByTestId('fix-summary')).toContainText(`Set “${name}” to expire on ${day} (the policy’s default of 90 days). The token keeps working until then.`);
  const after = await confirmFix(page, sim);
  expect(after[name]).toEqual({ ...before[name], expires_at: endOfDayUnix(day) });
  expect(without(after, name)).toEqual(without(before, name));
});

test('rename to the convention: suggested from the template, checked live, and only that token renamed', async ({ openTokensPage, serviceWorker, sim }) => {
  await setTeamPolicy(serviceWorker, { version: 1, naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' } });
  const page = await openTokensPage();
  const { before, dialog } = await openFix(page, sim, 'naming', 'rename', 'test');
  const field = dialog.getByTestId('fix-name');
  // `test` was made two days before the demo's clock: the template's date is that day.
  await expect(field).toHaveValue('ops-test-20261126');
  await expect(dialog.getByTestId('fix-name-check')).toHaveAttribute('data-valid', 'true');
  await expect(dialog.getByTestId('fix-summary')).toContainText('they authenticate with its secret');
  for (const bad of ['test-2', 'Test token', 'ops-monitoring-20250815']) {
    await field.fill(bad);
    await expect(dialog.getByTestId('fix-name-check'), bad).toHaveAttribute('data-valid', 'false');
    await expect(dialog.getByTestId('fix-confirm')).toBeDisabled();
  }
  await field.fill('ops-test-renamed-20261128');
  await expect(dialog.getByTestId('fix-summary')).toContainText('Rename “test” to “ops-test-renamed-20261128”.');
  const after = await confirmFix(page, sim);
  expect(after).not.toHaveProperty('test');
  expect(after['ops-test-renamed-20261128']).toEqual({ ...before.test, name: 'ops-test-renamed-20261128' });
  expect(without(after, 'ops-test-renamed-20261128')).toEqual(without(before, 'test'));
});

test('restrict privileges: a preset the user can grant replaces the risky ones; scripts needing more are warned of', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const name = 'billing-provisioning-20260310';
  const { before, dialog } = await openFix(page, sim, 'risky-privileges', 'restrict', name);
  // read-only-monitoring needs `status`, which reseller1 does not hold.
  await expect(dialog.locator('[data-preset=read-only-monitoring]')).toBeDisabled();
  await dialog.locator('[data-preset=billing-provisioning]').check();
  await expect(dialog.getByTestId('fix-summary')).toContainText('cpanel-api');
  await expect(dialog.getByTestId('fix-summary')).toContainText('scripts that need those will fail');
  const after = await confirmFix(page, sim);
  expect(granted(after[name]!)).toEqual(['acct-summary', 'create-acct', 'kill-acct', 'list-accts', 'list-pkgs', 'show-bandwidth', 'suspend-acct', 'upgrade-account']);
  expect({ ...after[name], acls: null }).toEqual({ ...before[name], acls: null });
  expect(without(after, name)).toEqual(without(before, name));
});

test('restrict privileges from a full-access finding: the token keeps only the preset’s', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const { before, dialog } = await openFix(page, sim, 'full-access', 'restrict', 'test');
  await dialog.locator('[data-preset=billing-provisioning]').check();
  await expect(dialog.getByTestId('fix-summary')).toContainText('It loses full access');
  const after = await confirmFix(page, sim);
  expect(granted(after.test!)).toEqual(['acct-summary', 'create-acct', 'kill-acct', 'list-accts', 'list-pkgs', 'show-bandwidth', 'suspend-acct', 'upgrade-account']);
  expect({ ...after.test, acls: null }).toEqual({ ...before.test, acls: null });
  expect(without(after, 'test')).toEqual(without(before, 'test'));
});

test('rotating a risky token (not full access) asks about its privileges first, and a preset replaces them', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const old = 'support-password-reset';
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const before: Listed = await listedTokens(sim);
  // From its row (a risky finding offers Restrict; Rotate is beside every token).
  await searchWhm(page, old);
  await page.locator(`[data-testid=rotate-token][data-token="${old}"]`).click();
  const dialog = secureFrame(page).getByTestId('rotate-dialog');
  // `passwd` is risky: never copied without a word. The dialog says so, and starts from a
  // preset, not from a copy of the old privileges.
  await expect(dialog.getByTestId('rotate-risk')).toBeVisible();
  await expect(dialog.getByTestId('rotate-risk')).toContainText('passwd');
  await expect(dialog.locator('[data-keep]')).not.toBeChecked();
  await expect(dialog.locator('[data-preset]:checked')).toHaveCount(1);
  await dialog.locator('[data-preset=account-suspension]').check();
  expect(await seriousAxeInDialog(page)).toEqual([]);
  const replacement = await dialog.getByTestId('rotate-name').inputValue();
  await dialog.getByTestId('rotate-create').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toBeVisible();
  const rotated: Listed = await listedTokens(sim);
  expect(granted(rotated[replacement]!)).not.toContain('passwd');
  expect(without(rotated, replacement)).toEqual(before);
});

test('add an IP allowlist: addresses and ranges checked as typed, stored as WHM normalises them', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const name = 'ops-token-admin-20260901';
  const { before, dialog } = await openFix(page, sim, 'any-ip', 'allowlist', name);
  const ips = dialog.getByTestId('fix-ips');
  await expect(dialog.getByTestId('fix-confirm')).toBeDisabled();
  await ips.fill('192.0.2.10, 198.51.100.0/24\n2001:db8::/48 nope');
  await expect(dialog.getByTestId('fix-ips-check')).toContainText('nope');
  await expect(dialog.getByTestId('fix-confirm')).toBeDisabled();
  await ips.fill('192.0.2.10, 198.51.100.0/24\n2001:db8::/48');
  await expect(dialog.getByTestId('fix-summary')).toContainText('as if the token did not exist');
  const after = await confirmFix(page, sim);
  expect(after[name]).toEqual({ ...before[name], whitelist_ips: ['192.0.2.10', '198.51.100.0/24', '2001:0db8:0000:0000:0000:0000:0000:0000/48'] });
  expect(without(after, name)).toEqual(without(before, name));
});

test('revoke from a finding: the revoke confirmation for that one token, and only it is gone', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const { before } = await openFix(page, sim, 'expired', 'revoke', 'MyOldToken');
  const confirm = secureFrame(page).getByTestId('revoke-confirm');
  await expect(confirm.locator('[data-confirm]')).toHaveCount(1);
  await expect(confirm.locator('[data-confirm="MyOldToken"]')).toBeChecked();
  await secureFrame(page).getByTestId('confirm-revoke').click();
  await expect(secureFrame(page).getByTestId('revoke-result')).toHaveAttribute('data-revoked', '1');
  // The outcome is new UI too: it reads as well as the confirmation did.
  expect(await seriousAxeInDialog(page)).toEqual([]);
  expect(await listedTokens(sim)).toEqual(without(before, 'MyOldToken'));
});

test('rotate from a finding: the rotation dialog for that token; only its replacement is added', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const old = 'ops-monitoring-20250815';
  const { before } = await openFix(page, sim, 'rotation-due', 'rotate', old);
  const dialog = secureFrame(page).getByTestId('rotate-dialog');
  await expect(dialog.getByTestId('rotate-name')).toHaveValue('ops-monitoring-20261128');
  // A token with neither full access nor a risky privilege is copied as it is: no question.
  await expect(dialog.getByTestId('rotate-risk')).toHaveCount(0);
  expect(await seriousAxeInDialog(page)).toEqual([]);
  await dialog.getByTestId('rotate-create').click();
  await expect(secureFrame(page).getByTestId('new-token-panel')).toBeVisible();
  const rotated: Listed = await listedTokens(sim);
  expect(granted(rotated['ops-monitoring-20261128']!)).toEqual(granted(before[old]!));
  expect(rotated['ops-monitoring-20261128']!.whitelist_ips).toEqual(before[old]!.whitelist_ips);
  expect(without(rotated, 'ops-monitoring-20261128')).toEqual(before);
});

test('block mode: a fix the policy forbids cannot be confirmed', async ({ openTokensPage, serviceWorker, sim }) => {
  await setTeamPolicy(serviceWorker, { version: 1, enforcement: 'block', expiry: { maxDays: 30 }, privileges: { forbidden: ['all', 'cpanel-api'] } });
  const page = await openTokensPage();
  const { before, dialog } = await openFix(page, sim, 'never-expires', 'set-expiry', 'ops-monitoring-20250815');
  // The default (90 days) is capped at the maximum; a later day is refused.
  await expect(dialog.getByTestId('fix-expiry')).toHaveValue(defaultExpiryDate(new Date(DEMO_NOW * 1000), { defaultDays: 90, maxDays: 30 }));
  await dialog.getByTestId('fix-expiry').fill('2027-06-30');
  await expect(dialog.getByTestId('fix-expiry-check')).toHaveAttribute('data-valid', 'false');
  await expect(dialog.getByTestId('fix-confirm')).toBeDisabled();
  await dialog.getByTestId('fix-cancel').click();
  expect(await listedTokens(sim)).toEqual(before);
});
