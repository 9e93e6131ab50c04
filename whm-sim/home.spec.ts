// The simulator's token table (AngularJS home view) and page shell (reference/whm.md §4).
import { expect, test, type Page } from '@playwright/test';
import { loginThroughForm, rowNames, rowSelector, waitForTable, watchPageProblems } from './page/spec-helpers.ts';
import { startSimulator, type Scenario, type Simulator } from './server.ts';

const NOW = Date.parse('2025-06-15T12:00:00Z') / 1000;

const users: Scenario['users'] = [
  { user: 'root', pass: 'rootpass', root: true },
  { user: 'reseller1', pass: 'resellerpass', acls: ['list-accts', 'create-acct', 'manage-api-tokens'] },
];

/** Created newest → oldest: never-token, edge-24h, 7-later, soon-token, expired-token. */
const clockScenario: Scenario = {
  users,
  tokens: [
    { owner: 'root', name: 'expired-token', createdDaysAgo: 40, expiresInDays: -2 },
    { owner: 'root', name: 'soon-token', createdDaysAgo: 20, expiresInDays: 0.5, whitelistIps: ['192.0.2.1', '198.51.100.0/24'] },
    { owner: 'root', name: '7-later', createdDaysAgo: 10, expiresInDays: 30, acls: ['list-accts'] },
    { owner: 'root', name: 'edge-24h', createdDaysAgo: 5, expiresInDays: 1 },
    { owner: 'root', name: 'never-token', createdDaysAgo: 1 },
    { owner: 'reseller1', name: 'reseller-only', createdDaysAgo: 2 },
  ],
};

let sim: Simulator;

async function start(scenario: Scenario | string): Promise<void> {
  sim = await startSimulator({ scenario, now: NOW });
}

test.afterEach(async () => {
  await sim?.close();
});

function rootTokenNames(): string[] {
  return sim.state.tokens.filter((t) => t.owner === 'root').map((t) => t.name);
}

async function openGear(page: Page): Promise<void> {
  await page.locator('#gearMenuToggle').click();
  await expect(page.locator('#gearMenu .dropdown-menu')).toBeVisible();
}

test('page shell: title, session facts and containers', async ({ page }) => {
  await start(clockScenario);
  const checkProblems = watchPageProblems(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');

  await expect(page).toHaveTitle(/^WHM \[whm01\] Manage API Tokens - \d+\.\d+/);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'origin');
  const vars = page.locator('cp-root-variables');
  await expect(vars).toHaveAttribute('user', 'root');
  await expect(vars).toHaveAttribute('directory-prefix', /^\/cpsess\d{10}$/);
  await expect(vars).toHaveAttribute('host-name', 'whm01');
  await expect(vars).toHaveAttribute('version', /^\d+\.\d+/);
  await expect(vars).toHaveAttribute('server-time', String(NOW));
  expect(await page.evaluate(() => (window as unknown as { COMMON: { userName: string } }).COMMON.userName)).toBe('root');
  expect(await page.evaluate(() => typeof (window as unknown as { angular?: { version: { full: string } } }).angular?.version.full)).toBe('string');
  expect(await page.evaluate(() => (window as unknown as { angular: { version: { full: string } } }).angular.version.full)).toMatch(/^1\.8\./);

  const master = page.locator('#masterContainer[data-app-key="api_tokens"]');
  await expect(master).toBeVisible();
  await expect(master.locator('#content > p.description')).toBeVisible();
  await expect(master.locator('#content [ng-view]')).toHaveCount(1);
  await expect(master.locator('#content [growl]')).toHaveCount(1);
  await expect(page.locator('#childAccountsExistWarning')).toContainText(
    'Do not delete API tokens a parent node uses to communicate with this server.',
  );
  await expect(page.locator('#notAllowedWarning')).toHaveCount(0);
  await expect(page.locator('#tableShowHideContainer h2')).toHaveText('API Tokens');
  await expect(page.locator('#filterList')).toHaveAttribute('placeholder', 'Search by name');
  await expect(page.locator('button#generateToken')).toHaveText(/Generate Token/);
  await expect(page.locator('table#tokenTable.table.table-striped.responsive-table')).toBeVisible();
  for (const id of ['paginator', 'topPageSize', 'topPager', 'paginatorBottom', 'checkAllInList', 'sortByName', 'sortByCreated', 'sortByExpires', 'gearMenu'])
    await expect(page.locator(`#${id}`)).toHaveCount(1);
  await openGear(page);
  for (const id of ['refreshList', 'checkAllTokens', 'clearTokenSelection', 'revokeSelectedTokens', 'revokeAllTokens'])
    await expect(page.locator(`#gearMenu #${id}`)).toBeVisible();
  checkProblems();
});

test('rows: id = name, cells, expiry classes from the simulator clock, newest first', async ({ page }) => {
  await start(clockScenario);
  await loginThroughForm(page, sim, 'root', 'rootpass');

  expect(await rowNames(page)).toEqual(['never-token', 'edge-24h', '7-later', 'soon-token', 'expired-token']);
  await expect(page.locator(rowSelector('reseller-only'))).toHaveCount(0);

  await expect(page.locator(rowSelector('expired-token'))).toHaveClass(/\bdanger\b/);
  await expect(page.locator(rowSelector('soon-token'))).toHaveClass(/\bwarning\b/);
  await expect(page.locator(rowSelector('edge-24h'))).toHaveClass(/\bwarning\b/);
  for (const name of ['7-later', 'never-token']) {
    await expect(page.locator(rowSelector(name))).not.toHaveClass(/\bwarning\b/);
    await expect(page.locator(rowSelector(name))).not.toHaveClass(/\bdanger\b/);
  }
  await expect(page.locator(rowSelector('expired-token'))).not.toHaveClass(/\bwarning\b/);

  const never = page.locator(rowSelector('never-token'));
  for (const cell of ['checkbox-column', 'name-column', 'created-column', 'expires-column', 'ips-column', 'actions-column'])
    await expect(never.locator(`td.${cell}`)).toHaveCount(1);
  await expect(never.locator('td.name-column')).toHaveText('never-token');
  await expect(never.locator('td.expires-column')).toHaveText('Never');
  await expect(never.locator('td.ips-column')).toHaveText('Any');
  await expect(never.locator('td.checkbox-column input[type=checkbox]')).toHaveCount(1);
  await expect(never.locator('td.actions-column').getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(never.locator('td.actions-column').getByRole('button', { name: 'Revoke' })).toBeVisible();
  const ips = page.locator(rowSelector('soon-token')).locator('td.ips-column');
  expect((await ips.innerText()).split('\n').map((s) => s.trim()).filter(Boolean)).toEqual(['192.0.2.1', '198.51.100.0/24']);
  await expect(page.locator(rowSelector('soon-token')).locator('td.expires-column')).not.toHaveText('Never');
  await expect(page.locator('#emptyListNotice')).toHaveCount(0);
});

test('search filters by name, sort headers toggle the order', async ({ page }) => {
  await start(clockScenario);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  const search = page.locator('#filterList');

  await search.fill('token');
  await expect(page.locator('tr.token-row')).toHaveCount(3);
  expect(await rowNames(page)).toEqual(['never-token', 'soon-token', 'expired-token']);
  await search.fill('SOON');
  expect(await rowNames(page)).toEqual(['soon-token']);
  await search.fill('zzz');
  await expect(page.locator('tr.token-row')).toHaveCount(0);
  await expect(page.locator('#emptyListNotice')).toHaveText('No API tokens found.');
  await search.fill('');
  await expect(page.locator('tr.token-row')).toHaveCount(5);

  await page.locator('#sortByName').click();
  expect(await rowNames(page)).toEqual(['7-later', 'edge-24h', 'expired-token', 'never-token', 'soon-token']);
  await page.locator('#sortByName').click();
  expect(await rowNames(page)).toEqual(['soon-token', 'never-token', 'expired-token', 'edge-24h', '7-later']);
  await page.locator('#sortByExpires').click();
  expect(await rowNames(page)).toEqual(['expired-token', 'soon-token', 'edge-24h', '7-later', 'never-token']);
  await page.locator('#sortByCreated').click();
  expect(await rowNames(page)).toEqual(['expired-token', 'soon-token', '7-later', 'edge-24h', 'never-token']);
  await page.locator('#sortByCreated').click();
  expect(await rowNames(page)).toEqual(['never-token', 'edge-24h', '7-later', 'soon-token', 'expired-token']);
});

test('revoke one token through the confirmation modal', async ({ page }) => {
  await start(clockScenario);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  const row = page.locator(rowSelector('soon-token'));

  await row.getByRole('button', { name: 'Revoke' }).click();
  const modal = page.locator('.modal-dialog');
  await expect(modal.locator('.modal-title')).toHaveText('Confirm Revocation');
  await expect(modal.locator('.modal-body')).toContainText('soon-token');
  await modal.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.modal-dialog')).toHaveCount(0);
  expect(rootTokenNames()).toContain('soon-token');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.locator('.modal-dialog').getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator(rowSelector('soon-token'))).toHaveCount(0);
  await expect(page.locator('[growl] .alert-success')).toContainText('soon-token');
  expect(rootTokenNames()).not.toContain('soon-token');
  expect(rootTokenNames()).toHaveLength(4);
});

test('gear menu: select, clear, revoke selected, refresh', async ({ page }) => {
  await start(clockScenario);
  await loginThroughForm(page, sim, 'root', 'rootpass');

  await page.locator(rowSelector('expired-token')).locator('td.checkbox-column input').check();
  await page.locator(rowSelector('7-later')).locator('td.checkbox-column input').check();
  await openGear(page);
  await page.locator('#revokeSelectedTokens').click();
  const modal = page.locator('.modal-dialog');
  await expect(modal.locator('.modal-body li')).toHaveText(['7-later', 'expired-token']);
  await modal.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('tr.token-row')).toHaveCount(3);
  expect(rootTokenNames().sort()).toEqual(['edge-24h', 'never-token', 'soon-token']);
  expect(sim.state.tokens.some((t) => t.name === 'reseller-only')).toBe(true);

  await openGear(page);
  await page.locator('#checkAllTokens').click();
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(3);
  await expect(page.locator('#checkAllInList')).toBeChecked();
  await openGear(page);
  await page.locator('#clearTokenSelection').click();
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(0);

  // A token created behind the page's back shows up after "Refresh List".
  sim.state.tokens.push({ ...sim.state.tokens.find((t) => t.name === 'never-token')!, name: 'made-elsewhere', createTime: NOW });
  await openGear(page);
  await page.locator('#refreshList').click();
  await expect(page.locator(rowSelector('made-elsewhere'))).toBeVisible();

  await openGear(page);
  await page.locator('#revokeAllTokens').click();
  await expect(page.locator('.modal-dialog .modal-body li')).toHaveCount(4);
  await page.locator('.modal-dialog').getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#emptyListNotice')).toHaveText('No API tokens found.');
  expect(rootTokenNames()).toEqual([]);
});

test('paging: page size, pager and select-all on the current page', async ({ page }) => {
  const tokens = Array.from({ length: 45 }, (_, i) => ({
    owner: 'root',
    name: `bulk-${String(i).padStart(2, '0')}`,
    createdDaysAgo: 45 - i, // bulk-44 is the newest
  }));
  await start({ users, tokens });
  await loginThroughForm(page, sim, 'root', 'rootpass');

  await expect(page.locator('#topPageSize')).toHaveValue(/20/);
  await expect(page.locator('tr.token-row')).toHaveCount(20);
  expect((await rowNames(page))[0]).toBe('bulk-44');

  await page.locator('#topPageSize').selectOption({ label: '10' });
  await expect(page.locator('tr.token-row')).toHaveCount(10);
  await page.locator('#topPager').getByRole('link', { name: '2', exact: true }).click();
  await expect(page.locator('tr.token-row')).toHaveCount(10);
  expect((await rowNames(page))[0]).toBe('bulk-34');

  await page.locator('#checkAllInList').check();
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(10);
  await page.locator('#paginatorBottom').getByRole('link', { name: '5', exact: true }).click();
  await expect(page.locator('tr.token-row')).toHaveCount(5);
  await expect(page.locator('#checkAllInList')).not.toBeChecked();

  await page.locator('#topPageSize').selectOption({ label: '100' });
  await expect(page.locator('tr.token-row')).toHaveCount(45);
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(10);
});

test('empty list and a failed load', async ({ page }) => {
  await start({ users, tokens: [] });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expect(page.locator('#emptyListNotice')).toHaveText('No API tokens found.');
  await expect(page.locator('#notAllowedWarning')).toHaveCount(0);

  sim.setFault('api_token_list', 'http500');
  await page.reload();
  await waitForTable(page);
  await expect(page.locator('#notAllowedWarning.alert.alert-danger')).toBeVisible();
  await expect(page.locator('tr.token-row')).toHaveCount(0);
});

test('client-side routes: /edit and unknown paths', async ({ page }) => {
  await start(clockScenario);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  const home = page.url();
  await page.goto(home.replace(/home$/, 'edit'));
  await expect(page.locator('#token_name')).toBeVisible();
  await page.locator('#cancel_generate_button').click();
  await expect(page).toHaveURL(/\/apitokens\/home$/);
  await page.goto(home.replace(/home$/, 'nowhere'));
  await expect(page).toHaveURL(/\/apitokens\/home$/);
  await waitForTable(page);
  await page.goto(home.replace(/home$/, 'edit/no-such-token'));
  await expect(page.locator('#editLoadError')).toContainText('no-such-token');
});
