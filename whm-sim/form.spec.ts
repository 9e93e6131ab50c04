// The simulator's Generate / Edit form (AngularJS): what a real user does reaches the
// json-api exactly; what a script changes without events does not (reference/whm.md §4).
import { expect, test } from '@playwright/test';
import { CATALOG_ACL_NAMES } from './acl-catalog.ts';
import {
  endOfDaySeconds,
  localDay,
  loginThroughForm,
  rowSelector,
  watchPageProblems,
  yyyyMmDd,
} from './page/spec-helpers.ts';
import { startSimulator, type Simulator } from './server.ts';
import { hashSecret } from './state.ts';

// The real clock, so the page's "today" and the simulator's agree whichever clock the page uses.
const NOW = Math.floor(Date.now() / 1000);

let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW });
});

test.afterEach(async () => {
  await sim.close();
});

function storedToken(owner: string, name: string) {
  return sim.state.tokens.find((t) => t.owner === owner && t.name === name);
}

test('generate: real clicks pick the privileges and typed date that WHM receives', async ({ page }) => {
  const checkProblems = watchPageProblems(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await page.locator('#generateToken').click();
  await expect(page).toHaveURL(/\/scripts7\/apitokens\/edit$/);
  await expect(page.locator('h2', { hasText: 'Generate API Token' })).toBeVisible();

  // Create starts with every held privilege checked (root: the whole catalogue + all).
  const aclBoxes = page.locator('input[id^="acl-checkbox-"]');
  await expect(aclBoxes).toHaveCount(CATALOG_ACL_NAMES.length);
  await expect(page.locator('input[id^="acl-checkbox-"]:not(:checked)')).toHaveCount(0);
  await expect(page.locator('#acl-checkbox-all')).toBeChecked();
  await expect(page.locator('#acl-warning-cpanel-api')).toBeVisible();
  await expect(page.locator('#save_button')).toBeDisabled(); // pristine
  await expect(page.locator('#tokenExpires_noExpiry')).toBeChecked();
  await expect(page.locator('#expiresDate')).toHaveCount(0); // ng-if: no date block yet

  const name = 'ci-deploy-20261201';
  await page.locator('#token_name').fill(name);

  // Uncheck everything through the tri-state subcategory boxes, then pick a few ACLs.
  for (const box of await page.locator('input[id^="acl-subcategory-"]').all()) await box.uncheck();
  await expect(page.locator('input[id^="acl-checkbox-"]:checked')).toHaveCount(0);
  await expect(page.locator('#atLeastOneACLError')).toBeVisible();
  await expect(page.locator('#save_button')).toBeDisabled();

  const chosen = ['create-acct', 'list-accts', 'suspend-acct'];
  for (const acl of chosen) await page.locator(`#acl-checkbox-${acl}`).check();
  await expect(page.locator('#atLeastOneACLError')).toHaveCount(0);
  const partial = page.locator('#acl-subcategory-account-management-checkbox');
  expect(await partial.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
  await expect(page.locator('#acl-subcategory-account-information-checkbox')).not.toBeChecked();
  expect(
    await page.locator('#acl-subcategory-account-information-checkbox').evaluate((el) => (el as HTMLInputElement).indeterminate),
  ).toBe(true);

  // "Specify an expiration date" shows the date block with one year from today…
  await page.locator('#tokenExpires_expiry').check();
  const input = page.locator('#expiresDate_datePicker_input');
  const oneYear = localDay(NOW, 0);
  oneYear.setFullYear(oneYear.getFullYear() + 1);
  await expect(input).toHaveValue(yyyyMmDd(oneYear));
  await expect(page.locator('#expiresDate_datePicker_btn')).toBeVisible();
  // …and typing a date updates the model.
  const day = localDay(NOW, 30);
  await input.fill(yyyyMmDd(day));

  await page.locator('#whitelistIps').fill('192.0.2.10, 198.51.100.0/24\n2001:db8::/32');

  await expect(page.locator('#save_button')).toBeEnabled();
  await page.locator('#save_button').click();

  const added = page.locator('#tokenAdded_container');
  await expect(added).toBeVisible();
  await expect(added).toHaveClass(/callout/);
  await expect(added).toHaveClass(/callout-success/);
  await expect(added).toContainText(`You successfully created the API token “${name}”.`);
  await expect(added).toContainText('Copy the following token to a safe place:');
  await expect(page.locator('#tokenForm_container')).toBeHidden();
  await expect(added.locator('button')).toHaveCount(1); // no copy button
  const secret = (await added.locator('code').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[0-9A-Z]{32}$/);

  const token = storedToken('root', name);
  expect(token).toBeDefined();
  expect(token?.fullAccess).toBe(false);
  expect([...(token?.acls ?? [])].sort()).toEqual(chosen);
  expect(token?.expiresAt).toBe(endOfDaySeconds(day));
  expect(token?.whitelistIps).toHaveLength(3);
  expect(token?.secretHash).toBe(hashSecret(secret));

  await page.locator('#confirm_added_token').click();
  await expect(page).toHaveURL(/\/scripts7\/apitokens\/home$/);
  await expect(page.locator(rowSelector(name))).toBeVisible();
  await expect(page.locator('#tokenAdded_container')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  checkProblems();
});

test('a checkbox changed by a script without events is not what gets sent', async ({ page }) => {
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await page.locator('#generateToken').click();
  await page.locator('#token_name').fill('scripted-change');
  // Drop `all` with a real click so the token keeps an explicit ACL list.
  await page.locator('#acl-checkbox-all').uncheck();

  // Scripted changes AngularJS never hears about.
  await page.locator('#acl-checkbox-list-accts').evaluate((el) => {
    (el as HTMLInputElement).checked = false;
  });
  await page.locator('#tokenExpires_expiry').evaluate((el) => {
    (el as HTMLInputElement).checked = true;
  });
  await expect(page.locator('#acl-checkbox-list-accts')).not.toBeChecked();
  await expect(page.locator('#expiresDate')).toHaveCount(0);

  await page.locator('#save_button').click();
  await expect(page.locator('#tokenAdded_container code')).toHaveText(/^[0-9A-Z]{32}$/);

  const token = storedToken('root', 'scripted-change');
  expect(token?.fullAccess).toBe(false);
  expect(token?.acls).toContain('list-accts');
  expect([...(token?.acls ?? [])].sort()).toEqual(CATALOG_ACL_NAMES.filter((a) => a !== 'all').sort());
  expect(token?.expiresAt).toBeNull();
});

test('a reseller sees exactly the privileges it holds, and never `all`', async ({ page }) => {
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  await page.locator('#generateToken').click();
  const held = sim.state.users.find((u) => u.user === 'reseller1')?.acls ?? [];
  await expect(page.locator('input[id^="acl-checkbox-"]')).toHaveCount(held.length);
  const shown = await page
    .locator('input[id^="acl-checkbox-"]')
    .evaluateAll((els) => els.map((e) => e.id.replace(/^acl-checkbox-/, '')));
  expect(shown.sort()).toEqual([...held].sort());
  await expect(page.locator('#acl-checkbox-all')).toHaveCount(0);
  await expect(page.locator('input[id^="acl-checkbox-"]:not(:checked)')).toHaveCount(0);

  // Unchecking every box with real clicks leaves nothing to save.
  for (const acl of held) await page.locator(`#acl-checkbox-${acl}`).uncheck();
  await page.locator('#token_name').fill('reseller-empty');
  await expect(page.locator('#atLeastOneACLError')).toBeVisible();
  await expect(page.locator('#save_button')).toBeDisabled();
  await page.locator('#acl-checkbox-list-accts').check();
  await page.locator('#save_button').click();
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  expect(storedToken('reseller1', 'reseller-empty')?.acls).toEqual(['list-accts']);
});

test('name and date validation; server errors show WHM’s reason', async ({ page }) => {
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await page.locator('#generateToken').click();

  const nameInput = page.locator('#token_name');
  await nameInput.fill('bad name!');
  await expect(page.locator('#token_name_errors')).toBeVisible();
  await expect(page.locator('#token_name_errors')).toContainText('a-z A-Z 0-9 _ -');
  await expect(page.locator('#save_button')).toBeDisabled();
  await nameInput.fill('x'.repeat(51));
  await expect(page.locator('#token_name_errors')).toBeVisible();
  await nameInput.fill('');
  await expect(page.locator('#token_name_errors')).toContainText('You must enter a name');
  await nameInput.fill('valid_name-1');
  await expect(page.locator('#token_name_errors')).toBeHidden();
  await expect(page.locator('#save_button')).toBeEnabled();

  await page.locator('#tokenExpires_expiry').check();
  const input = page.locator('#expiresDate_datePicker_input');
  await input.fill(yyyyMmDd(localDay(NOW, -1)));
  await expect(page.locator('#expiresAt_errors')).toContainText('must be in the future');
  await expect(page.locator('#save_button')).toBeDisabled();
  await input.fill('not a date');
  await expect(page.locator('#save_button')).toBeDisabled();
  await input.fill(yyyyMmDd(localDay(NOW, 0))); // today still has time left
  await expect(page.locator('#save_button')).toBeEnabled();

  // The calendar button opens UI Bootstrap's popup on the chosen month.
  await page.locator('#expiresDate_datePicker_btn').click();
  const popup = page.locator('#expiresDate .uib-datepicker-popup');
  await expect(popup).toBeVisible();
  await page.locator('#expiresDate_datePicker_btn').click();
  await expect(popup).toBeHidden();

  // Back to "never": the date block goes away and the form is valid again.
  await page.locator('#tokenExpires_noExpiry').check();
  await expect(page.locator('#expiresDate')).toHaveCount(0);

  // The server's refusal is shown with its reason.
  const existing = sim.state.tokens.find((t) => t.owner === 'root');
  expect(existing).toBeDefined();
  await nameInput.fill(existing?.name ?? '');
  await page.locator('#save_button').click();
  await expect(page.locator('[growl] .alert-danger')).toContainText(
    `A conflicting API token with the name “${existing?.name}” already exists.`,
  );
  await expect(page.locator('#tokenAdded_container')).toHaveCount(0);
  await expect(page.locator('#tokenForm_container')).toBeVisible();
});

test('edit: loads the token, sends the complete new state with api_token_update', async ({ page }) => {
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  const original = sim.state.tokens.find((t) => t.owner === 'reseller1' && !t.fullAccess && t.expiresAt !== null && t.expiresAt > NOW);
  expect(original, 'the demo scenario has a reseller token with an explicit ACL list and a future expiry').toBeDefined();
  if (!original) return;
  const before = { ...original, acls: [...original.acls] };

  await page.locator(rowSelector(before.name)).getByRole('button', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`/scripts7/apitokens/edit/${before.name}$`));
  await expect(page.locator('h2', { hasText: `Edit API Token: ${before.name}` })).toBeVisible();
  await expect(page.locator('#token_name')).toHaveValue(before.name);
  await expect(page.locator('#tokenExpires_expiry')).toBeChecked();
  await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(yyyyMmDd(new Date((before.expiresAt ?? 0) * 1000)));
  const checked = await page
    .locator('input[id^="acl-checkbox-"]:checked')
    .evaluateAll((els) => els.map((e) => e.id.replace(/^acl-checkbox-/, '')));
  expect(checked.sort()).toEqual([...before.acls].sort());
  await expect(page.locator('#save_button')).toBeDisabled(); // pristine

  const renamed = `${before.name.slice(0, 40)}-v2`;
  await page.locator('#token_name').fill(renamed);
  await page.locator('#whitelistIps').fill('');
  const extra = (sim.state.users.find((u) => u.user === 'reseller1')?.acls ?? []).find((a) => !before.acls.includes(a));
  expect(extra).toBeDefined();
  await page.locator(`#acl-checkbox-${extra}`).check();
  await page.locator('#save_button').click();

  await expect(page).toHaveURL(/\/scripts7\/apitokens\/home$/);
  await expect(page.locator(rowSelector(renamed))).toBeVisible();
  const after = storedToken('reseller1', renamed);
  expect(after).toBeDefined();
  expect(storedToken('reseller1', before.name)).toBeUndefined();
  expect([...(after?.acls ?? [])].sort()).toEqual([...before.acls, extra].sort());
  expect(after?.expiresAt).toBe(before.expiresAt); // untouched day keeps the exact instant
  expect(after?.whitelistIps).toBeNull();
  expect(after?.secretHash).toBe(before.secretHash);
});
