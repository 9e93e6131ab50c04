import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { coreTest, expect, test } from './fixtures';
import { bannerCounts, expectedAudit, expectedBadges, rowBadges } from './audit-helpers';
import { searchWhm, secureFrame } from './secret-helpers';
import { rulesBySeverity, ruleLevel, type AuditRule } from '../../utils/audit/audit-tokens.ts';
import { fixesFor } from '../../utils/audit/fixes.ts';

/** A row's badge for one rule (Playwright's CSS reaches into the open shadow root). */
const badge = (page: Page, name: string, rule: AuditRule) =>
  page.locator(`[data-testid=token-findings][data-token="${name}"] [data-finding=${rule}]`);

coreTest('every rule count, the attention count and each row’s badges match the audit engine', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  // Expiry is judged by WHM's clock (its Date header), here the simulator's frozen one.
  await expect(banner).toHaveAttribute('data-now', String(sim.now()));
  const expected = await expectedAudit(sim, page);
  await expect(banner).toHaveAttribute('data-total', String(expected.summary.total));
  await expect(banner).toHaveAttribute('data-attention', String(expected.summary.attention));
  expect(await bannerCounts(page)).toEqual(expected.summary.counts);
  // The demo is built to trip the rules a reseller can: check it does.
  expect(Object.keys(expected.summary.counts).sort()).toEqual(
    ['any-ip', 'expired', 'expiring-soon', 'full-access', 'never-expires', 'risky-privileges', 'rotation-due'].sort(),
  );

  const rows = await page.locator('tr.token-row').evaluateAll((els) => els.map((el) => el.id));
  await expect.poll(() => rowBadges(page)).toEqual(expectedBadges(expected, rows));
});

test('severity: lines ordered critical first, every finding with its level in colour and in words', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const expected = await expectedAudit(sim, page);
  const lines = await banner.locator('li[data-finding]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-finding'), el.getAttribute('data-level')]));
  const order = rulesBySeverity(false).filter((rule) => expected.summary.counts[rule]);
  expect(lines).toEqual(order.map((rule) => [rule, ruleLevel(rule, false)]));
  expect(lines.slice(0, 2)).toEqual([['expired', 'critical'], ['full-access', 'critical']]);
  await expect(banner.locator('li[data-finding=expired] summary')).toContainText(/^Critical/);
  await expect(banner.locator('li[data-finding=any-ip] summary')).toContainText(/^Info/);

  // Badges say what is true of the token, at WHM's clock, with the level in words.
  await page.selectOption('#topPageSize_select', '20');
  await expect(badge(page, 'billing-whmcs-sync-20250301', 'expired')).toHaveText('Critical: Expired 3 days ago');
  await expect(badge(page, 'billing-whmcs-sync-20250301', 'expired')).toHaveAttribute('data-level', 'critical');
  await expect(badge(page, 'ops-backup-check-20261030', 'expiring-soon')).toHaveText('Warning: Expires in 12 h');
  await expect(badge(page, 'ops-monitoring-20250815', 'rotation-due')).toHaveText('Warning: 470 days old');
  await expect(badge(page, 'ops-monitoring-20250815', 'never-expires')).toHaveText('Warning: Never expires');
  await expect(badge(page, 'support-password-reset', 'risky-privileges')).toHaveText('Warning: passwd');
  await expect(badge(page, 'test', 'full-access')).toHaveText('Critical: Full access');
  await expect(badge(page, 'test', 'any-ip')).toHaveText('Info: Any IP');
  // Distinct colours per level.
  const colour = (name: string, rule: AuditRule) => badge(page, name, rule).evaluate((el) => getComputedStyle(el).backgroundColor);
  const colours = new Set([await colour('test', 'full-access'), await colour('test', 'never-expires'), await colour('test', 'any-ip')]);
  expect(colours.size).toBe(3);
  // The word "Rotate" is the button's, never a badge's.
  const texts = await page.locator('[data-testid=token-findings] [data-finding]').allTextContents();
  expect(texts.filter((text) => /rotat/i.test(text))).toEqual([]);
  for (const [name, findings] of expected.tokens.map((t) => [t.token.name, t.findings] as const).slice(0, 5)) {
    for (const f of findings) await expect(badge(page, name, f.rule)).toHaveAttribute('data-level', f.level);
  }
});

test('an opened line shows each token’s specifics and its fixes', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const token = (rule: AuditRule, name: string) => banner.locator(`li[data-finding=${rule}] li.tw-token`, { has: page.locator(`[data-choose="${name}"]`) });

  const rotation = banner.locator('li[data-finding=rotation-due]');
  // Drawn only once opened.
  await expect(rotation.locator('[data-choose]')).toHaveCount(0);
  await rotation.locator('summary').click();
  await expect(token('rotation-due', 'ops-monitoring-20250815')).toContainText(/Created .*2025.* \(470 days old\)/);
  await banner.locator('li[data-finding=expired] summary').click();
  await expect(token('expired', 'billing-whmcs-sync-20250301')).toContainText(/Expired .*2026.* \(3 days ago\)/);
  await banner.locator('li[data-finding=risky-privileges] summary').click();
  await expect(token('risky-privileges', 'support-password-reset')).toContainText('Grants passwd');
  await expect(token('risky-privileges', 'ops-reseller-limits-20260601')).toContainText(/Grants .*edit-account.*limit-bandwidth/);

  // One button per fix the rule offers, per token, and nothing else.
  for (const rule of ['rotation-due', 'expired', 'risky-privileges'] as const) {
    const names = await banner.locator(`li[data-finding=${rule}] [data-choose]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-choose')!));
    for (const name of names) {
      const kinds = await token(rule, name).locator('[data-fix]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-fix'), el.getAttribute('data-token')]));
      expect(kinds).toEqual(fixesFor(rule).map((kind) => [kind, name]));
    }
  }
  await expect(token('rotation-due', 'ops-monitoring-20250815').locator('[data-fix=rotate]')).toHaveText('Rotate…');

  // A token's own Revoke… confirms that token alone.
  await token('expired', 'MyOldToken').locator('[data-fix=revoke]').click();
  await expect(secureFrame(page).getByTestId('revoke-confirm')).toBeVisible();
  const listed = await secureFrame(page).locator('[data-confirm]').evaluateAll((els) => els.map((el) => el.getAttribute('data-confirm')));
  expect(listed).toEqual(['MyOldToken']);
  await secureFrame(page).getByTestId('cancel-revoke').click();
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
});

test('badges stay right after sort, search, paging and a refresh', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const expected = await expectedAudit(sim, page);
  // The rows and their badges read together, until they agree: WHM filters 250 ms after
  // typing and re-renders after a sort, so rows read once may be gone a moment later.
  const check = () =>
    expect(async () => {
      const shown = await rowBadges(page);
      expect(Object.keys(shown).length).toBeGreaterThan(0);
      expect(shown).toEqual(expectedBadges(expected, Object.keys(shown)));
    }).toPass({ timeout: 10_000 });
  await page.click('#sortByName');
  await check();
  await page.click('#sortByExpires');
  await check();
  await searchWhm(page, 'ops');
  await check();
  await page.fill('#filterList_input', '');
  await page.selectOption('#topPageSize_select', '10');
  await page.locator('#topPager').getByText('2', { exact: true }).click();
  await check();
  await page.click('#gearMenu');
  await page.click('#refreshList');
  await check();
  // Back from WHM's own form: the view is re-created, so are the badges.
  await page.click('#generateToken');
  await page.click('#cancel_generate_button');
  await check();
});

test('Revoke expired removes exactly the expired tokens after a confirmation naming each', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const expected = await expectedAudit(sim, page);
  const expiredNames = expected.tokens.filter((t) => t.findings.some((f) => f.rule === 'expired')).map((t) => t.token.name).sort();
  expect(expiredNames.length).toBeGreaterThan(0);
  const before = sim.state.tokens.filter((t) => t.owner === 'reseller1').map((t) => t.name);

  await page.getByTestId('revoke-expired').click();
  const dialog = secureFrame(page).getByTestId('revoke-confirm');
  await expect(dialog).toBeVisible();
  const listed = await dialog.locator('[data-confirm]').evaluateAll((els) => els.map((el) => el.getAttribute('data-confirm')!));
  expect(listed.sort()).toEqual(expiredNames);
  await expect(dialog).toContainText(/parent node/);
  // Cancelling changes nothing.
  await secureFrame(page).getByTestId('cancel-revoke').click();
  expect(sim.state.tokens.filter((t) => t.owner === 'reseller1').map((t) => t.name)).toEqual(before);

  await page.getByTestId('revoke-expired').click();
  await secureFrame(page).getByTestId('confirm-revoke').click();
  const result = secureFrame(page).getByTestId('revoke-result');
  await expect(result).toHaveAttribute('data-revoked', String(expiredNames.length));
  await expect(result).toHaveAttribute('data-failed', '0');
  const after = sim.state.tokens.filter((t) => t.owner === 'reseller1').map((t) => t.name);
  expect(after.sort()).toEqual(before.filter((n) => !expiredNames.includes(n)).sort());
  // The banner and WHM's own table follow.
  await expect(banner.locator('[data-finding=expired]')).toHaveCount(0);
  await expect(banner).toHaveAttribute('data-total', String(after.length));
  for (const name of expiredNames) await expect(page.locator(`tr.token-row[id="${name}"]`)).toHaveCount(0);
});

test('revoking a chosen set: one can be unticked in the confirmation', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const line = page.locator('li[data-finding=never-expires]');
  await line.locator('summary').click();
  const names = await line.locator('[data-choose]').evaluateAll((els) => els.map((el) => el.getAttribute('data-choose')!));
  expect(names.length).toBeGreaterThanOrEqual(2);
  await line.locator(`[data-choose="${names[0]}"]`).check();
  await line.locator(`[data-choose="${names[1]}"]`).check();
  await page.getByTestId('revoke-chosen-never-expires').click();
  await secureFrame(page).locator(`[data-confirm="${names[1]}"]`).uncheck();
  await secureFrame(page).getByTestId('confirm-revoke').click();
  await expect(secureFrame(page).getByTestId('revoke-result')).toHaveAttribute('data-revoked', '1');
  const left = sim.state.tokens.map((t) => t.name);
  expect(left).not.toContain(names[0]);
  expect(left).toContain(names[1]);
  // The revoke is done: the one kept in the confirmation is not still chosen for the next.
  await expect(line.locator(`[data-choose="${names[1]}"]`)).not.toBeChecked();
  await expect(page.getByTestId('revoke-chosen-never-expires')).toBeDisabled();
});

test('a token name with markup stays inert text', async ({ openTokensPage, sim }) => {
  // A hostile or broken server: a name WHM itself would never allow.
  const evil = '<img src=x onerror="window.__pwned=1">';
  sim.state.tokens.push({ ...sim.state.tokens.find((t) => t.owner === 'reseller1')!, name: evil, expiresAt: 1, whitelistIps: null });
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const expired = banner.locator('li[data-finding=expired]');
  await expired.locator('summary').click();
  await expect(expired.locator('label.tw-name', { hasText: evil })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const images = await page.evaluate(() => document.querySelector('token-warden-banner')?.shadowRoot?.querySelectorAll('img').length);
  expect(images).toBe(0);
});

test('the banner is a labelled region, keyboard-operable, with no serious axe violations', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  await expect(page.getByRole('region', { name: /Token Warden/ })).toBeVisible();

  // Keyboard: Tab into the first finding, open it with Enter, reach the revoke button.
  const firstSummary = banner.locator('li[data-finding] summary').first();
  await firstSummary.focus();
  await page.keyboard.press('Enter');
  await expect(banner.locator('li[data-finding] details').first()).toHaveAttribute('open', '');
  await banner.getByTestId('revoke-expired').focus();
  await page.keyboard.press('Enter');
  await expect(secureFrame(page).getByTestId('revoke-confirm')).toBeVisible();
  // The confirmation is our framed page: axe checks inside that frame.
  const axeWithDialog = await new AxeBuilder({ page }).include({ fromFrames: [{ fromShadowDom: ['token-warden-frame', 'iframe[data-testid=secure-frame]'] }, 'body'] }).analyze();
  // Focus is in the dialog: Escape there closes it, and focus comes back to the button.
  await expect(secureFrame(page).getByTestId('confirm-revoke')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
  await expect(banner.getByTestId('revoke-expired')).toBeFocused();

  // An opened line with its fixes, and the row badges, are part of what axe checks.
  await expect(banner.locator('li[data-finding] details').first().locator('[data-fix]').first()).toBeVisible();
  await expect(page.locator('[data-testid=token-findings] [data-level=critical]').first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('token-warden-banner').include('token-warden-findings').analyze();
  const serious = [...axe.violations, ...axeWithDialog.violations].filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(axe.passes.length).toBeGreaterThan(0);
});

test('the audit report exports as CSV and JSON, without secrets', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const expected = await expectedAudit(sim, page);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^token-audit-127\.0\.0\.1-\d{8}\.csv$/);
  const csvText = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(csvText.split('\r\n')[0]).toBe('server,name,created,expires,acls,whitelist_ips,findings');
  expect(csvText.trimEnd().split('\r\n')).toHaveLength(expected.summary.total + 1);
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report-json').click()]);
  const report = JSON.parse(await (await json.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(report.summary).toEqual(expected.summary);
  expect(JSON.stringify(report)).not.toMatch(/"(token|secret)"\s*:/);
});

test('after WHM’s own revoke the banner audits again', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const total = Number(await banner.getAttribute('data-total'));
  await page.locator('tr.token-row[id="test"] .revoke-button').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('tr.token-row[id="test"]')).toHaveCount(0);
  await expect(banner).toHaveAttribute('data-total', String(total - 1));
  expect(sim.state.tokens.some((t) => t.name === 'test')).toBe(false);
});
