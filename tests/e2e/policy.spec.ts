import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { addLocalDays, endOfDayUnix, toDateInput } from '../../utils/expiry.ts';
import { DEFAULT_POLICY } from '../../utils/policy/defaults.ts';
import { BUILT_IN_PRESETS } from '../../utils/presets.ts';
import { TEAM_POLICY_KEY } from '../../utils/policy/storage-keys.ts';
import { bannerCounts, expectedAudit } from './audit-helpers';
import { coreTest, expect, test } from './fixtures';

const NAMING = '^(ops|billing)-[a-z0-9-]+-\\d{8}$';

async function importPolicy(options: Page, name: string, policy: unknown) {
  await options.getByTestId('policy-import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(typeof policy === 'string' ? policy : JSON.stringify(policy)) });
}

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: /policy and settings/ })).toBeVisible();
}

async function openGenerateForm(page: Page) {
  await page.click('#generateToken');
  await expect(page.locator('#token_name')).toBeVisible();
  await expect(page.getByTestId('preset-picker')).toBeVisible();
}

coreTest('a preset sets exactly its ACLs, the expiry default is applied untouched, and WHM stores both', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await openGenerateForm(page);
  // The default is applied as the form opens: nobody touched the expiry controls.
  const defaultDate = toDateInput(addLocalDays(new Date(), DEFAULT_POLICY.expiry.defaultDays));
  await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(defaultDate);
  await expect(page.locator('#tokenExpires_expiry')).toBeChecked();

  const preset = BUILT_IN_PRESETS.find((p) => p.id === 'account-suspension')!;
  await page.fill('#token_name', 'ops-suspender-20261128');
  await page.getByTestId('preset-picker').locator(`[data-preset=${preset.id}]`).click();
  const checked = await page.locator('input[id^="acl-checkbox-"]:checked').evaluateAll((els) => els.map((el) => el.id.slice(13)).sort());
  expect(checked).toEqual([...preset.acls].sort());
  const days = Math.min(preset.expiryDays ?? DEFAULT_POLICY.expiry.defaultDays, DEFAULT_POLICY.expiry.maxDays);
  const date = toDateInput(addLocalDays(new Date(), days));
  await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(date);

  await page.click('#save_button');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  const stored = sim.state.tokens.find((t) => t.name === 'ops-suspender-20261128');
  expect(stored?.fullAccess).toBe(false);
  expect([...(stored?.acls ?? [])].sort()).toEqual([...preset.acls].sort());
  expect(stored?.expiresAt).toBe(endOfDayUnix(date));
});

test('in block mode an off-pattern name cannot be saved and the form says why', async ({ context, extensionId, openTokensPage, sim }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await importPolicy(options, 'acme.token-policy.json', { version: 1, name: 'Acme ops', enforcement: 'block', naming: { pattern: NAMING, hint: 'team-purpose-YYYYMMDD' } });
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');

  const page = await openTokensPage();
  await openGenerateForm(page);
  await page.getByTestId('preset-picker').locator('[data-preset=read-only-monitoring]').click();
  await page.fill('#token_name', 'MyScript');
  await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('name-check')).toContainText('team-purpose-YYYYMMDD');
  // One message, under the field; the panel by Save points at it instead of repeating it.
  await expect(page.getByTestId('name-check')).toHaveText('✗ Name does not follow the team convention: team-purpose-YYYYMMDD.');
  await expect(page.getByTestId('form-policy')).not.toContainText('team-purpose-YYYYMMDD');
  await expect(page.getByTestId('form-policy').locator('li[data-field=name]')).toHaveCount(1);
  const field = (await page.locator('#token_name').boundingBox())!;
  const message = (await page.getByTestId('name-check').boundingBox())!;
  expect(message.y, 'the message starts below the name field').toBeGreaterThanOrEqual(field.y + field.height - 1);
  expect(message.y - (field.y + field.height), 'and right under it').toBeLessThan(60);
  const before = sim.state.tokens.length;
  await page.click('#save_button', { force: true });
  await page.locator('#token_name').press('Enter');
  await expect(page.getByTestId('form-policy')).toHaveAttribute('data-blocked', 'true');
  await expect(page.getByTestId('form-policy')).toContainText(/Saving is held/);
  await expect(page.getByTestId('form-policy')).toContainText(/Acme ops/);
  await expect(page.locator('#tokenAdded_container')).toBeHidden();
  expect(sim.state.tokens.length).toBe(before);

  // Fixing the name releases Save.
  await page.fill('#token_name', 'ops-monitor-20261128');
  await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'true');
  await page.click('#save_button');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  expect(sim.state.tokens.some((t) => t.name === 'ops-monitor-20261128')).toBe(true);
});

test('a broken policy file is refused with every problem and its path; the old policy stays', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await importPolicy(options, 'good.token-policy.json', { version: 1, name: 'Good one', expiry: { defaultDays: 30 } });
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');

  await importPolicy(options, 'broken.token-policy.json', {
    version: 1,
    enforcment: 'block',
    expiry: { defaultDays: 400, maxDays: 365 },
    presets: [{ id: 'x', label: 'X', acls: ['list-acct'] }],
  });
  const status = options.getByTestId('policy-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  const paths = await status.locator('[data-path]').evaluateAll((els) => els.map((el) => el.getAttribute('data-path')));
  expect(paths).toEqual(expect.arrayContaining(['$.enforcment', '$.expiry.defaultDays', '$.presets[0].acls[0]']));
  await expect(status).toContainText(/not imported/);
  await expect(options.getByTestId('team-policy')).toContainText('Good one');
  await expect(options.locator('[data-testid=policy-source][data-field="expiry.defaultDays"]')).toHaveAttribute('data-source', 'team');
  await expect(options.locator('tr[data-field="expiry.defaultDays"] [data-testid=policy-value]')).toHaveText('30');

  // Not JSON at all.
  await importPolicy(options, 'notjson.token-policy.json', '{"version": 1,');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status.locator('[data-path="$"]')).toHaveCount(1);
});

test('importing a good policy changes the open tab’s naming count without a reload', async ({ context, extensionId, openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  await expect(banner.locator('[data-finding=naming]')).toHaveCount(0);

  const options = await context.newPage();
  await openOptions(options, extensionId);
  const policy = { version: 1, name: 'Acme ops', naming: { pattern: NAMING } };
  await importPolicy(options, 'acme.token-policy.json', policy);
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  // A later write to storage (the import's own, or a WHM tab saving its snapshot)
  // re-renders the page: it shows the new state and keeps the import's outcome on screen.
  await options.evaluate(async (key) => {
    const stored = (await chrome.storage.local.get(key))[key] as { file: Record<string, unknown> };
    await chrome.storage.local.set({ [key]: { ...stored, file: { ...stored.file, name: 'Acme ops, renamed' } } });
  }, TEAM_POLICY_KEY);
  await expect(options.getByTestId('team-policy')).toContainText('Acme ops, renamed');
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  await importPolicy(options, 'acme.token-policy.json', policy);
  await expect(options.getByTestId('team-policy')).not.toContainText('renamed');

  const expected = await expectedAudit(sim, page, { ...DEFAULT_POLICY, naming: { pattern: NAMING, template: null, hint: null }, name: 'Acme ops' });
  expect(expected.summary.counts.naming).toBeGreaterThan(0);
  await expect(banner.locator('[data-finding=naming]')).toHaveAttribute('data-count', String(expected.summary.counts.naming));
  expect(await bannerCounts(page)).toEqual(expected.summary.counts);
});

test('risky and forbidden privileges are flagged beside WHM’s boxes while checked', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await openGenerateForm(page);
  // WHM checks every box on Generate: the risky ones the reseller holds are flagged.
  const warning = (acl: string) => page.locator(`token-warden-acl-warning[data-acl="${acl}"]`);
  await expect(warning('passwd')).toHaveAttribute('data-level', 'risky');
  await expect(warning('create-user-session')).toHaveAttribute('data-level', 'risky');
  // Each says on hover what that privilege in particular lets a token do.
  await expect(warning('passwd').locator('[data-acl-warning]')).toHaveAttribute('title', /log in as that account/);
  await expect(warning('create-user-session').locator('[data-acl-warning]')).toHaveAttribute('title', /without its password\. A token with this can act outside the limits/);
  await page.getByTestId('preset-picker').locator('[data-preset=account-suspension]').click();
  await expect(warning('passwd')).toHaveCount(0);
  await page.locator('#acl-checkbox-passwd').check();
  await expect(warning('passwd')).toHaveAttribute('data-level', 'risky');
});

test('the name template helper slugifies and offers what the pattern allows', async ({ context, extensionId, openTokensPage }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await importPolicy(options, 'acme.token-policy.json', { version: 1, naming: { pattern: NAMING, template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' } });
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  const page = await openTokensPage();
  await openGenerateForm(page);
  const today = toDateInput(new Date()).replace(/-/g, '');
  await page.locator('[data-field=team]').fill('ops');
  await page.locator('[data-field=purpose]').fill('nightly backup');
  await page.getByTestId('use-name').click();
  await expect(page.locator('#token_name')).toHaveValue(`ops-nightly-backup-${today}`);
  await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'true');

  // The pattern's (ops|billing), offered for the field it belongs to; capitals and
  // symbols typed in a field become the convention's lower-case dashes.
  const choices = page.locator('[data-for=team][data-choice]');
  await expect(choices).toHaveText(['ops', 'billing']);
  await page.locator('[data-for=team][data-choice=billing]').click();
  await expect(page.locator('[data-for=team][data-choice=billing]')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('[data-field=purpose]').fill('  Invoice Sync!! (EU) ');
  await page.getByTestId('use-name').click();
  await expect(page.locator('#token_name')).toHaveValue(`billing-invoice-sync-eu-${today}`);
  await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'true');
  await expect(page.locator('[data-for=purpose][data-choice]')).toHaveCount(0);
  // The helper with its fields and the pattern's choices is new UI: no serious axe finding.
  const axe = await new AxeBuilder({ page }).include('token-warden-name-check').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a quiet Generate form: nothing flagged before typing, one message for a bad name, muted unavailable presets', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await openGenerateForm(page);
  const check = page.getByTestId('name-check');
  await expect(check).toHaveAttribute('data-state', 'quiet');
  await expect(check).toHaveText('');
  await expect(page.getByTestId('form-policy')).toHaveCount(0);

  await page.locator('#token_name').pressSequentially('my script!');
  await expect(check).toHaveAttribute('data-valid', 'false');
  await expect(check).toHaveText('✗ Name contains “ ” and “!”, which WHM refuses (allowed: A–Z a–z 0–9 _ -).');
  await expect(page.getByTestId('form-policy')).not.toContainText('WHM refuses');
  await page.fill('#token_name', '');
  await expect(check).toHaveText('✗ Name is empty.');
  await page.fill('#token_name', 'ops-quiet-20261128');
  await expect(check).toHaveAttribute('data-valid', 'true');

  // reseller1 does not hold `status`: that preset stays offered, muted, with the reason.
  const unavailable = page.getByTestId('preset-picker').locator('[data-missing]').first();
  await expect(unavailable).toContainText('Unavailable');
  const [r, g, b] = (await unavailable.evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number);
  expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(40); // grey, not red

  const axe = await new AxeBuilder({ page }).include('token-warden-presets').include('token-warden-name-check').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('on the Edit route the policy warns but never holds Save', async ({ context, extensionId, openTokensPage, sim }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await importPolicy(options, 'acme.token-policy.json', { version: 1, enforcement: 'block', naming: { pattern: NAMING } });
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  const page = await openTokensPage();
  await page.locator('tr.token-row[id="support-password-reset"] .edit-button').click();
  await expect(page.locator('#token_name')).toHaveValue('support-password-reset');
  await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('form-policy')).toHaveAttribute('data-blocked', 'false');
  await page.locator('#whitelistIps').fill('192.0.2.77');
  await page.click('#save_button');
  await expect.poll(() => sim.state.tokens.find((t) => t.name === 'support-password-reset')?.whitelistIps).toEqual(['192.0.2.77']);
});

test('your own settings are saved with their source, and refused with the path when wrong', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await options.locator('#field-expiry-warnDays').fill('30');
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  await expect(options.locator('[data-testid=policy-source][data-field="expiry.warnDays"]')).toHaveAttribute('data-source', 'user');
  await expect(options.locator('tr[data-field="expiry.warnDays"] [data-testid=policy-value]')).toHaveText('30');
  await options.locator('#field-expiry-warnDays').fill('9999');
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'error');
  await expect(options.locator('[data-path="$.expiry.warnDays"]')).toHaveCount(1);
  await expect(options.locator('tr[data-field="expiry.warnDays"] [data-testid=policy-value]')).toHaveText('30');
});

test('when a team maximum undercuts your default, the default gives way and the page says so', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await options.locator('#field-expiry-defaultDays').fill('90');
  await options.getByTestId('save-settings').click();
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  await expect(options.getByTestId('policy-notes')).toHaveCount(0);

  await importPolicy(options, 'cap.token-policy.json', { version: 1, expiry: { maxDays: 30 } });
  await expect(options.getByTestId('policy-status')).toHaveAttribute('data-state', 'ok');
  await expect(options.getByTestId('policy-notes')).toHaveText('Default expiry lowered from 90 to 30 days: the team policy sets a maximum of 30 days.');
  await expect(options.locator('tr[data-field="expiry.defaultDays"] [data-testid=policy-value]')).toHaveText('30');
});
