// The simulator's Generate / Edit form (AngularJS): what a real user does reaches the
// json-api exactly; what a script changes without events does not (reference/whm.md §4).
// Runs on AngularJS 1.4 (project `sim`) and 1.8 (project `sim-1.8`).
import type { Page } from '@playwright/test';
import { CATALOG_ACL_NAMES } from './acl-catalog.ts';
import { expect, test } from './page/spec-fixtures.ts';
import {
  endOfDaySeconds,
  localDay,
  loginThroughForm,
  recordApiCalls,
  rowSelector,
  waitForTable,
  watchPageProblems,
  yyyyMmDd,
} from './page/spec-helpers.ts';
import type { Scenario, Simulator } from './server.ts';
import { hashSecret } from './state.ts';

// The real clock, so the page's "today" and the simulator's agree whichever clock the page uses.
const NOW = Math.floor(Date.now() / 1000);

function storedToken(sim: Simulator, owner: string, name: string) {
  return sim.state.tokens.find((t) => t.owner === owner && t.name === name);
}

async function openGenerate(page: Page): Promise<void> {
  await page.locator('#generateToken').click();
  await expect(page).toHaveURL(/\/scripts7\/apitokens\/edit$/);
  await expect(page.locator('input[id^="acl-checkbox-"]').first()).toBeVisible();
}

/** The ACL names of the boxes matching `selector` (e.g. `:checked`). */
function boxes(page: Page, selector = ''): Promise<string[]> {
  return page.locator(`input[id^="acl-checkbox-"]${selector}`).evaluateAll((els) => els.map((e) => e.id.replace(/^acl-checkbox-/, '')));
}

/** `acl-N` values of a request body, in order. */
function aclParams(body: URLSearchParams): string[] {
  return [...body.entries()].filter(([k]) => /^acl-\d+$/.test(k)).map(([, v]) => v);
}

test('generate: root draws the whole catalogue, all checked but `all`; clicks and a typed date reach WHM', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  const checkProblems = watchPageProblems(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);
  await expect(page.locator('h2', { hasText: 'Generate API Token' })).toBeVisible();

  // The "token added" notice is there from the start: hidden, with an empty <code>.
  const added = page.locator('#tokenAdded_container');
  await expect(added).toHaveCount(1);
  await expect(added).toBeHidden();
  await expect(added).toHaveClass(/\brow\b/);
  await expect(added).toHaveClass(/\bitem-added-notice\b/);
  await expect(added.locator('.callout.callout-success code')).toHaveText('');

  // myprivs says `all: 1`: every box of the catalogue, every one checked except `all`.
  expect((await boxes(page)).sort()).toEqual([...CATALOG_ACL_NAMES].sort());
  expect(await boxes(page, ':not(:checked)')).toEqual(['all']);
  await expect(page.locator('text=Other Privileges')).toHaveCount(0);
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
  const partial = page.locator('#acl-subcategory-accountmanagement_standard-checkbox');
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

  // Watch the notice's slide-in (ngAnimate's ng-hide-remove, 0.75 s).
  await added.evaluate((el) => {
    const slide: { start?: number; end?: number } = {};
    (window as unknown as { __slide: typeof slide }).__slide = slide;
    new MutationObserver(() => {
      const sliding = el.classList.contains('ng-hide-remove');
      if (sliding && slide.start === undefined) slide.start = performance.now();
      if (!sliding && slide.start !== undefined && slide.end === undefined) slide.end = performance.now();
    }).observe(el, { attributes: true, attributeFilter: ['class'] });
  });
  await expect(page.locator('#save_button')).toBeEnabled();
  await page.locator('#save_button').click();

  await expect(added).toBeVisible();
  await expect(added.locator('.callout.callout-success')).toBeVisible();
  await expect(added).toContainText(`You successfully created the API token “${name}”.`);
  await expect(added).toContainText('Copy the following token to a safe place:');
  // The form is hidden, not removed.
  await expect(page.locator('#token_form_container')).toBeHidden();
  await expect(page.locator('#token_name')).toHaveCount(1);
  await expect(added.locator('button')).toHaveCount(1); // no copy button
  await expect(added.locator('code')).toHaveAttribute('ng-bind', /token/);
  await expect(added.locator('code')).toHaveText(/^[0-9A-Z]{32}$/);
  const secret = (await added.locator('code').textContent())?.trim() ?? '';
  await expect
    .poll(() => page.evaluate(() => { const s = (window as unknown as { __slide: { start?: number; end?: number } }).__slide; return s.end === undefined || s.start === undefined ? -1 : s.end - s.start; }))
    .toBeGreaterThanOrEqual(700);
  await expect(page.locator('[growl] .alert-success')).toHaveCount(0); // no success growl

  const token = storedToken(sim, 'root', name);
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

test('a checkbox changed by a script without events is not what gets sent; checking `all` checks everything', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);
  await page.locator('#token_name').fill('scripted-change');

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

  const token = storedToken(sim, 'root', 'scripted-change');
  expect(token?.fullAccess).toBe(false);
  expect(token?.acls).toContain('list-accts');
  expect([...(token?.acls ?? [])].sort()).toEqual(CATALOG_ACL_NAMES.filter((a) => a !== 'all').sort());
  expect(token?.expiresAt).toBeNull();
  // `expires_at` is always sent: 0 for never.
  expect(calls.find((c) => c.fn === 'api_token_create')?.body.get('expires_at')).toBe('0');

  // A new form: unchecking one box and checking `all` checks every box again.
  await page.locator('#confirm_added_token').click();
  await waitForTable(page);
  await openGenerate(page);
  await page.locator('#acl-checkbox-passwd').uncheck();
  await page.locator('#acl-checkbox-all').check();
  await expect(page.locator('input[id^="acl-checkbox-"]:not(:checked)')).toHaveCount(0);
  await page.locator('#acl-checkbox-passwd').uncheck();
  await expect(page.locator('#acl-checkbox-all')).not.toBeChecked();
});

test('a reseller sees exactly the privileges it holds, and never `all`', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  await openGenerate(page);
  const held = sim.state.users.find((u) => u.user === 'reseller1')?.acls ?? [];
  await expect(page.locator('input[id^="acl-checkbox-"]')).toHaveCount(held.length);
  expect((await boxes(page)).sort()).toEqual([...held].sort());
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
  expect(storedToken(sim, 'reseller1', 'reseller-empty')?.acls).toEqual(['list-accts']);
});

test('held privileges without a box are not drawn but are sent, on Generate and on Edit', async ({ page, startSim }) => {
  const scenario: Scenario = {
    users: [{ user: 'reseller1', pass: 'resellerpass', acls: ['list-accts', 'suspend-acct', 'manage-api-tokens', 'plugin-backup-admin'] }],
    tokens: [],
  };
  const sim = await startSim({ scenario, now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  await openGenerate(page);
  expect((await boxes(page)).sort()).toEqual(['list-accts', 'manage-api-tokens', 'suspend-acct']);
  await expect(page.locator('#acl-checkbox-plugin-backup-admin')).toHaveCount(0);
  await expect(page.locator('text=Other Privileges')).toHaveCount(0);

  await page.locator('#token_name').fill('ops-plugin-20261128');
  await page.locator('#acl-checkbox-suspend-acct').uncheck();
  await page.locator('#save_button').click();
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  const create = calls.find((c) => c.fn === 'api_token_create');
  expect(aclParams(create?.body ?? new URLSearchParams()).sort()).toEqual(['list-accts', 'manage-api-tokens', 'plugin-backup-admin']);
  expect([...(storedToken(sim, 'reseller1', 'ops-plugin-20261128')?.acls ?? [])].sort()).toEqual(['list-accts', 'manage-api-tokens', 'plugin-backup-admin']);

  // Edit: boxes from the token's ACL map keys (catalogue ones only); the undrawn 1 is sent again.
  await page.locator('#confirm_added_token').click();
  await waitForTable(page);
  await page.locator(rowSelector('ops-plugin-20261128')).getByRole('button', { name: 'Edit' }).click();
  await expect(page.locator('#token_name')).toHaveValue('ops-plugin-20261128');
  expect((await boxes(page)).sort()).toEqual(['list-accts', 'manage-api-tokens', 'suspend-acct']);
  expect((await boxes(page, ':checked')).sort()).toEqual(['list-accts', 'manage-api-tokens']);
  await page.locator('#token_name').fill('ops-plugin-20261129');
  await page.locator('#save_button').click();
  await expect(page).toHaveURL(/\/apitokens\/home$/);
  const update = calls.find((c) => c.fn === 'api_token_update');
  expect(aclParams(update?.body ?? new URLSearchParams()).sort()).toEqual(['list-accts', 'manage-api-tokens', 'plugin-backup-admin']);
});

test('name and date validation; server errors show WHM’s reason and Save comes back', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);

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

  // The calendar button opens UI Bootstrap's popup.
  await page.locator('#expiresDate_datePicker_btn').click();
  const popup = page.locator('#expiresDate .uib-datepicker-popup');
  await expect(popup).toBeVisible();
  await page.locator('#expiresDate_datePicker_btn').click();
  await expect(popup).toBeHidden();

  // Back to "never": the date block goes away and the form is valid again.
  await page.locator('#tokenExpires_noExpiry').check();
  await expect(page.locator('#expiresDate')).toHaveCount(0);

  // The server's refusal is shown with its reason; Save is enabled again.
  const existing = sim.state.tokens.find((t) => t.owner === 'root');
  expect(existing).toBeDefined();
  await nameInput.fill(existing?.name ?? '');
  await page.locator('#save_button').click();
  await expect(page.locator('[growl] .alert-danger')).toContainText(
    `A conflicting API token with the name “${existing?.name}” already exists.`,
  );
  await expect(page.locator('#tokenAdded_container')).toBeHidden();
  await expect(page.locator('#token_form_container')).toBeVisible();
  await expect(page.locator('#save_button')).toBeEnabled();
});

test('expiry: true/false radios, the date block only after choosing a date, reset to one year each time', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);
  await expect(page.locator('#tokenExpires_noExpiry')).toHaveAttribute('ng-value', 'false');
  await expect(page.locator('#tokenExpires_expiry')).toHaveAttribute('ng-value', 'true');
  await expect(page.locator('#expiresDate')).toHaveCount(0);

  const oneYear = localDay(NOW, 0);
  oneYear.setFullYear(oneYear.getFullYear() + 1);
  await page.locator('#tokenExpires_expiry').click();
  const picker = page.locator('date-picker#expiresDate[name="expiresAt"] > div.date-picker-directive > p.input-group');
  await expect(picker.locator('input#expiresDate_datePicker_input')).toHaveValue(yyyyMmDd(oneYear));
  await expect(picker.locator('button#expiresDate_datePicker_btn')).toBeVisible();
  await page.locator('#expiresDate_datePicker_input').fill(yyyyMmDd(localDay(NOW, 30)));

  await page.locator('#tokenExpires_noExpiry').click();
  await expect(page.locator('#expiresDate')).toHaveCount(0);
  await page.locator('#tokenExpires_expiry').click();
  await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(yyyyMmDd(oneYear));
});

test('edit: boxes from the list already loaded (no new request), the complete new state, expiry moved to the end of the shown day', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  const original = sim.state.tokens.find((t) => t.owner === 'reseller1' && !t.fullAccess && t.expiresAt !== null && t.expiresAt > NOW);
  expect(original, 'the demo scenario has a reseller token with an explicit ACL list and a future expiry').toBeDefined();
  if (!original) return;
  const before = { ...original, acls: [...original.acls] };
  await expect(page.locator(rowSelector(before.name))).toBeVisible();

  // The reseller loses a privilege after the list was loaded: Edit still draws the map it has.
  const reseller = sim.state.users.find((u) => u.user === 'reseller1')!;
  const heldAtLoad = [...reseller.acls];
  const dropped = heldAtLoad.find((a) => !before.acls.includes(a) && a !== 'list-accts')!;
  reseller.acls = reseller.acls.filter((a) => a !== dropped);
  calls.length = 0;

  await page.locator(rowSelector(before.name)).getByRole('button', { name: 'Edit' }).click();
  await expect(page).toHaveURL(new RegExp(`/scripts7/apitokens/edit/${before.name}$`));
  await expect(page.locator('h2', { hasText: `Edit API Token: ${before.name}` })).toBeVisible();
  await expect(page.locator('#token_name')).toHaveValue(before.name);
  await expect(page.locator('#tokenExpires_expiry')).toBeChecked();
  const shownDay = new Date((before.expiresAt ?? 0) * 1000);
  await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(yyyyMmDd(shownDay));
  expect((await boxes(page)).sort()).toEqual([...heldAtLoad].sort());
  expect((await boxes(page, ':checked')).sort()).toEqual([...before.acls].sort());
  await expect(page.locator('#tokenAdded_container')).toBeHidden();
  expect(calls.map((c) => c.fn)).toEqual([]);
  await expect(page.locator('#save_button')).toBeDisabled(); // pristine

  const renamed = `${before.name.slice(0, 40)}-v2`;
  await page.locator('#token_name').fill(renamed);
  await page.locator('#whitelistIps').fill('');
  const extra = reseller.acls.find((a) => !before.acls.includes(a));
  expect(extra).toBeDefined();
  await page.locator(`#acl-checkbox-${extra}`).check();
  await page.locator('#save_button').click();

  await expect(page).toHaveURL(/\/scripts7\/apitokens\/home$/);
  await expect(page.locator(rowSelector(renamed))).toBeVisible();
  const after = storedToken(sim, 'reseller1', renamed);
  expect(after).toBeDefined();
  expect(storedToken(sim, 'reseller1', before.name)).toBeUndefined();
  expect([...(after?.acls ?? [])].sort()).toEqual([...before.acls, extra].sort());
  // The untouched day is sent as its end: WHM moves the expiry on every save.
  const shownMidnight = new Date(shownDay.getTime());
  shownMidnight.setHours(0, 0, 0, 0);
  expect(after?.expiresAt).toBe(endOfDaySeconds(shownMidnight));
  expect(after?.expiresAt).not.toBe(before.expiresAt);
  expect(after?.whitelistIps).toBeNull();
  expect(after?.secretHash).toBe(before.secretHash);
  const update = calls.find((c) => c.fn === 'api_token_update');
  expect(update?.body.get('whitelist_ip')).toBe('any');
});

test('edit opened directly on edit/<name> loads the list itself', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'reseller1', 'resellerpass');
  const calls = recordApiCalls(page);
  await page.goto(page.url().replace(/home$/, 'edit/ops-ssl-renewal-20261015'));
  await expect(page.locator('#token_name')).toHaveValue('ops-ssl-renewal-20261015');
  expect(calls.map((c) => c.fn)).toContain('api_token_list');
  const held = sim.state.users.find((u) => u.user === 'reseller1')?.acls ?? [];
  expect((await boxes(page)).sort()).toEqual([...held].sort());
});

test('IP allowlist: the model follows 250 ms after typing stops, at once on blur or paste', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');

  /** Types IPs with a script, optionally fires `then`, and clicks Save in the same task. */
  const createWith = async (name: string, then: 'nothing' | 'blur' | 'paste') => {
    await openGenerate(page);
    await page.locator('#token_name').fill(name);
    await page.evaluate((event) => {
      const area = document.querySelector<HTMLTextAreaElement>('#whitelistIps')!;
      area.value = '192.0.2.10';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      if (event !== 'nothing') area.dispatchEvent(new Event(event));
      document.querySelector<HTMLButtonElement>('#save_button')!.click();
    }, then);
    await expect(page.locator('#tokenAdded_container')).toBeVisible();
    await page.locator('#confirm_added_token').click();
    await waitForTable(page);
    return storedToken(sim, 'root', name)?.whitelistIps;
  };
  // Save clicked within the 250 ms: WHM sends the allowlist it had, i.e. none.
  expect(await createWith('ips-too-soon', 'nothing')).toBeNull();
  expect(await createWith('ips-after-blur', 'blur')).toEqual(['192.0.2.10']);
  expect(await createWith('ips-after-paste', 'paste')).toEqual(['192.0.2.10']);

  // The textarea's model commits (ng-dirty) no sooner than 250 ms after the last input.
  await openGenerate(page);
  const elapsed = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const area = document.querySelector<HTMLTextAreaElement>('#whitelistIps')!;
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (area.classList.contains('ng-dirty')) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        }).observe(area, { attributes: true, attributeFilter: ['class'] });
        area.value = '192.0.2.11';
        area.dispatchEvent(new Event('input', { bubbles: true }));
      }),
  );
  expect(elapsed).toBeGreaterThanOrEqual(240);
});

test('Save: a click-handled button with a spinner; no submit handler; Enter clicks Save', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);
  const save = page.locator('button#save_button.btn.btn-primary');
  await expect(save).toHaveAttribute('ng-click', /save/);
  await expect(page.locator('#token_form_container form')).not.toHaveAttribute('ng-submit');
  await expect(page.locator('[ng-submit]')).toHaveCount(0);
  await expect(page.locator('button#cancel_generate_button')).toBeVisible();

  // While WHM thinks: disabled, with a spinner; re-enabled when the action ends.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.pathname.endsWith('/json-api/api_token_create'), async (route) => {
    await held;
    await route.continue();
  });
  await page.locator('#token_name').fill('spinner-check');
  await save.click();
  await expect(save).toBeDisabled();
  await expect(save.locator('.spinning')).toBeVisible();
  release();
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  await expect(save.locator('.spinning')).toBeHidden();
  await page.locator('#confirm_added_token').click();
  await waitForTable(page);

  // Enter in the name field: the browser clicks Save (one click event), nothing else submits.
  await openGenerate(page);
  await save.evaluate((el) => {
    (window as unknown as { __saveClicks: number }).__saveClicks = 0;
    el.addEventListener('click', () => (window as unknown as { __saveClicks: number }).__saveClicks++);
  });
  await page.locator('#token_name').fill('enter-key-check');
  await page.locator('#token_name').press('Enter');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __saveClicks: number }).__saveClicks)).toBe(1);
  expect(storedToken(sim, 'root', 'enter-key-check')).toBeDefined();
  await expect(page).toHaveURL(/\/apitokens\/edit$/); // no page submission
});

test('privilege warnings stay hidden until the warning icon is clicked', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: 'demo', now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await openGenerate(page);
  const warning = page.locator('#acl-warning-cpanel-api');
  await expect(warning).toHaveCount(1);
  await expect(warning).toBeHidden();
  await page.locator('#acl-checkbox-cpanel-api').locator('xpath=ancestor::li[1]').locator('.acl-warning-toggle').click();
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('restrictions');
  await expect(page.locator('#acl-checkbox-cpanel-api')).toBeChecked(); // the icon is not the box
});
