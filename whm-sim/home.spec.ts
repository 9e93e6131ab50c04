// The simulator's token table (AngularJS home view), page shell and boot, checked against
// what WHM 11.120's page does (reference/whm.md §4). Runs on AngularJS 1.4 (project `sim`)
// and 1.8 (project `sim-1.8`).
import type { Page } from '@playwright/test';
import { simRequest } from './http-client.ts';
import { BOOT_SCRIPTS } from './page/render.ts';
import { expect, test } from './page/spec-fixtures.ts';
import {
  loginThroughForm,
  openGear,
  recordApiCalls,
  rowNames,
  rowSelector,
  waitForTable,
  watchPageProblems,
} from './page/spec-helpers.ts';
import type { Scenario, Simulator } from './server.ts';

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

const NEWEST_FIRST = ['never-token', 'edge-24h', '7-later', 'soon-token', 'expired-token'];

function rootTokenNames(sim: Simulator): string[] {
  return sim.state.tokens.filter((t) => t.owner === 'root').map((t) => t.name);
}

/** Rows settle a frame after the model (ngAnimate): wait for the expected order. */
async function expectRows(page: Page, names: string[]): Promise<void> {
  await expect.poll(() => rowNames(page)).toEqual(names);
}

/** Functions called after the last call of `fn` in the simulator's request log. */
function callsAfterLast(sim: Simulator, fn: string): string[] {
  const i = sim.requests.map((r) => r.fn).lastIndexOf(fn);
  return i === -1 ? [] : sim.requests.slice(i + 1).map((r) => r.fn);
}

/** A gate for page.route: requests wait until `open()`. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

test('page shell: title, session facts, libraries and containers', async ({ page, startSim, angularVersion }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  const checkProblems = watchPageProblems(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');

  await expect(page).toHaveTitle(/^WHM \[whm01\] Manage API Tokens - \d+\.\d+/);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'origin');
  await expect(page.locator('base')).toHaveAttribute('href', /^\/cpsess\d{10}\/scripts7\/apitokens\/$/);
  const vars = page.locator('cp-root-variables');
  await expect(vars).toHaveAttribute('user', 'root');
  await expect(vars).toHaveAttribute('directory-prefix', /^\/cpsess\d{10}$/);
  await expect(vars).toHaveAttribute('host-name', 'whm01');
  await expect(vars).toHaveAttribute('version', /^\d+\.\d+/);
  await expect(vars).toHaveAttribute('server-time', String(NOW));
  expect(await page.evaluate(() => (window as unknown as { COMMON: { userName: string } }).COMMON.userName)).toBe('root');

  // The libraries of the chosen set, with ngAnimate and ngAria on and debug info off.
  const libs = await page.evaluate(() => {
    const ng = (window as unknown as { angular: { version: { full: string }; module(n: string): { requires: string[] }; element(e: Element): { scope(): unknown } } }).angular;
    return {
      version: ng.version.full,
      requires: ng.module('whmApiTokens').requires,
      scopeOfBody: ng.element(document.body).scope() === undefined,
      scopeClasses: document.querySelectorAll('.ng-scope, .ng-isolate-scope, .ng-binding').length,
    };
  });
  expect(libs.version).toBe(angularVersion === '1.4' ? '1.4.4' : '1.8.3');
  expect(libs.requires).toEqual(expect.arrayContaining(['ngRoute', 'ngAnimate', 'ngAria', 'ui.bootstrap']));
  expect(libs.scopeOfBody).toBe(true);
  expect(libs.scopeClasses).toBe(0);
  // Each library the loader loads is the release of its set, by the banner it ships with.
  const expected = angularVersion === '1.4' ? { ng: 'v1.4.4', uib: 'Version: 1.2.5' } : { ng: 'v1.8.3', uib: 'Version: 2.5.6' };
  for (const [file, banner] of [
    ['angular.min.js', expected.ng],
    ['angular-route.min.js', expected.ng],
    ['angular-animate.min.js', expected.ng],
    ['angular-aria.min.js', expected.ng],
    ['ui-bootstrap-tpls.min.js', expected.uib],
  ] as const) {
    const head = (await (await page.request.get(`${sim.origin}/sim-static/vendor/${file}`)).text()).slice(0, 300);
    expect(head, file).toContain(banner);
  }

  const master = page.locator('#masterContainer[data-app-key="api_tokens"]');
  await expect(master).toBeVisible();
  await expect(master.locator('#content > p.description')).toBeVisible();
  await expect(master.locator('#content [ng-view]')).toHaveCount(1);
  await expect(master.locator('#content [growl]')).toHaveCount(1);
  // Both warnings are always in the DOM, hidden with ng-hide here (no child accounts, loaded fine).
  for (const id of ['#childAccountsExistWarning', '#notAllowedWarning.alert.alert-danger']) {
    await expect(page.locator(id)).toHaveCount(1);
    await expect(page.locator(id)).toHaveClass(/\bng-hide\b/);
    await expect(page.locator(id)).toBeHidden();
  }
  await expect(page.locator('#childAccountsExistWarning')).toContainText(
    'Do not delete API tokens a parent node uses to communicate with this server.',
  );
  await expect(page.locator('#tableShowHideContainer h2')).toHaveText('API Tokens');
  await expect(page.locator('div#filterList input#filterList_input')).toHaveAttribute('placeholder', 'Search by name');
  await expect(page.locator('button#generateToken')).toHaveText(/Generate Token/);
  await expect(page.locator('div#topPageSize select#topPageSize_select')).toBeVisible();
  await expect(page.locator('table#tokenTable.table.table-striped.responsive-table')).toBeVisible();
  await expect(page.locator('#tokenTable thead th')).toHaveCount(7);
  for (const id of ['paginator', 'topPager', 'paginatorBottom', 'checkAllInList'])
    await expect(page.locator(`#${id}`)).toHaveCount(1);
  for (const id of ['sortByName', 'sortByCreated', 'sortByExpires']) await expect(page.locator(`a#${id}`)).toBeVisible();
  await expect(page.locator('#tokenTable thead th.gear-column a#gearMenu')).toBeVisible();
  await openGear(page);
  for (const id of ['refreshList', 'checkAllTokens', 'clearTokenSelection', 'revokeSelectedTokens', 'revokeAllTokens'])
    await expect(page.locator(`.gear-menu .dropdown-menu #${id}`)).toBeVisible();
  checkProblems();
});

test('child accounts: the warning shows only when the scenario says so', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: { ...clockScenario, childAccounts: true }, now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  const warning = page.locator('#childAccountsExistWarning');
  await expect(warning).toBeVisible();
  await expect(warning).not.toHaveClass(/\bng-hide\b/);
});

test('late boot: no ng-app; the loader loads the libraries after DOMContentLoaded, then bootstraps', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW, bootDelayMs: 600 });
  // The served document: only the loader, no ng-app.
  const session = await sim.login('root', 'rootpass');
  const html = (await simRequest(session.homeUrl, { headers: { cookie: session.cookieHeader } })).body;
  expect(html).not.toMatch(/ng-app/);
  expect([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])).toEqual(['/sim-static/apitokens/loader.js']);

  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__boot = {};
    const boot = w.__boot as Record<string, unknown>;
    document.addEventListener('DOMContentLoaded', () => {
      boot.dcl = performance.now();
      boot.angularAtDcl = typeof w.angular;
      boot.tableAtDcl = !!document.querySelector('#tokenTable');
    });
    new MutationObserver(() => {
      if (boot.table === undefined && document.querySelector('#tokenTable')) boot.table = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  const boot = await page.evaluate(() => (window as unknown as { __boot: { dcl: number; table: number; angularAtDcl: string; tableAtDcl: boolean } }).__boot);
  expect(boot.angularAtDcl).toBe('undefined');
  expect(boot.tableAtDcl).toBe(false);
  expect(boot.table - boot.dcl).toBeGreaterThanOrEqual(600);

  const scripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => new URL((s as HTMLScriptElement).src).pathname));
  expect(scripts).toEqual(['/sim-static/apitokens/loader.js', ...BOOT_SCRIPTS]);
  expect(await page.locator('[ng-app], [data-ng-app]').count()).toBe(0);
  // Bootstrapped on <body> with strict dependency injection: an unannotated function is refused.
  const invoked = await page.evaluate(() => {
    const ng = (window as unknown as { angular: { element(e: Element): { injector(): { invoke(fn: unknown): unknown } | undefined } } }).angular;
    try {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      ng.element(document.body).injector()?.invoke(function ($rootScope: unknown) {});
      return 'invoked';
    } catch (e) {
      return String((e as Error).message);
    }
  });
  expect(invoked).toMatch(/strictdi/);
  await expectRows(page, NEWEST_FIRST);
});

for (const csp of [false, true]) {
  test(`CSP: ${csp ? 'the strict nonce policy with csp: true' : 'none by default'}; no console errors`, async ({ page, startSim }) => {
    const sim = await startSim({ scenario: clockScenario, now: NOW, csp });
    const checkProblems = watchPageProblems(page);
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = violations;
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await loginThroughForm(page, sim, 'root', 'rootpass');
    const res = await page.goto(page.url());
    await waitForTable(page);
    const headers = res?.headers() ?? {};
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['x-content-type-options']).toBe('nosniff');
    const inlineNonce = await page.locator('head script:not([src])').evaluate((s) => (s as HTMLScriptElement).nonce);
    if (csp) {
      const policy = headers['content-security-policy'] ?? '';
      expect(policy).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'; object-src 'none'; base-uri 'self'$/);
      expect(inlineNonce).toBe(/'nonce-([^']+)'/.exec(policy)?.[1]);
      await expect(page.locator('html')).toHaveAttribute('ng-csp', '');
    } else {
      expect(headers['content-security-policy']).toBeUndefined();
      expect(inlineNonce).toBe('');
      await expect(page.locator('html')).not.toHaveAttribute('ng-csp');
    }

    // Exercise the page: sort, the gear menu, a modal, the form and its date picker.
    await expectRows(page, NEWEST_FIRST);
    await page.locator('#sortByName').click();
    await openGear(page);
    await page.locator('#revokeAllTokens').click();
    await page.locator('.modal-dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.modal-dialog')).toHaveCount(0);
    await page.locator('#generateToken').click();
    await page.locator('#tokenExpires_expiry').click();
    await page.locator('#expiresDate_datePicker_btn').click();
    await expect(page.locator('#expiresDate .uib-datepicker-popup')).toBeVisible();
    // Hidden things really are hidden in both modes (ng-hide's CSS is there).
    await expect(page.locator('#tokenAdded_container')).toBeHidden();
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    checkProblems();
  });
}

test('json-api calls: POST form body with api.version=1 and no query; home loads the list and myprivs, myprivs on every visit', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expectRows(page, NEWEST_FIRST);
  expect(calls.map((c) => c.fn).sort()).toEqual(['api_token_list', 'myprivs']);
  for (const call of calls) {
    expect(call.method).toBe('POST');
    expect(call.query).toBe('');
    expect(call.body.get('api.version')).toBe('1');
  }

  // Back home from the form: myprivs again.
  await page.locator('#generateToken').click();
  await expect(page.locator('#token_name')).toBeVisible();
  await page.locator('#cancel_generate_button').click();
  await waitForTable(page);
  await expect.poll(() => calls.filter((c) => c.fn === 'myprivs').length).toBe(2);
  expect(sim.requests.filter((r) => r.fn === 'myprivs').every((r) => r.method === 'POST')).toBe(true);
});

test('loading and empty rows are always in the DOM, toggled by ng-hide; rows wait for both calls', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  const list = gate();
  const privs = gate();
  await page.route((url) => url.pathname.endsWith('/json-api/api_token_list'), async (route) => {
    await list.wait;
    await route.continue();
  });
  await page.route((url) => url.pathname.endsWith('/json-api/myprivs'), async (route) => {
    await privs.wait;
    await route.continue();
  });
  await page.goto(sim.loginUrl);
  await page.locator('#user').fill('root');
  await page.locator('#pass').fill('rootpass');
  await page.locator('#login_submit').click();
  await expect(page.locator('#tokenTable')).toBeVisible();

  const loading = page.locator('tr#loadingNotice');
  const empty = page.locator('tr#emptyListNotice');
  await expect(loading).toBeVisible();
  await expect(loading).not.toHaveClass(/\bng-hide\b/);
  await expect(empty).toHaveCount(1);
  await expect(empty).toHaveClass(/\bng-hide\b/);

  // The list answers first: still loading, no rows, until myprivs answers too.
  const listDone = page.waitForResponse((r) => r.url().endsWith('/json-api/api_token_list'));
  list.open();
  await listDone;
  await expect(loading).not.toHaveClass(/\bng-hide\b/);
  await expect(page.locator('tr.token-row')).toHaveCount(0);
  privs.open();
  await expect(loading).toHaveClass(/\bng-hide\b/);
  await expect(loading).toHaveCount(1);
  await expectRows(page, NEWEST_FIRST);
  await expect(empty).toHaveClass(/\bng-hide\b/);

  // A search that matches nothing shows the same element, not a new one.
  await page.locator('#filterList_input').fill('zzz');
  await expect(empty).not.toHaveClass(/\bng-hide\b/);
  await expect(empty).toHaveText('No API tokens found.');
  await expect(page.locator('tr#emptyListNotice')).toHaveCount(1);
});

test('rows: id = name, seven cells, empty expiry for never, expiry classes, newest first', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');

  await expectRows(page, NEWEST_FIRST);
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
  await expect(never.locator('> td')).toHaveCount(7);
  for (const cell of ['checkbox-column', 'name-column', 'created-column', 'expires-column', 'ips-column', 'actions-column', 'gear-column'])
    await expect(never.locator(`td.${cell}`)).toHaveCount(1);
  await expect(never.locator('td.name-column')).toHaveText('never-token');
  await expect(never.locator('td.name-column')).toHaveAttribute('ng-bind', /token\.name/);
  await expect(never.locator('td.expires-column')).toHaveText('');
  await expect(never.locator('td.ips-column')).toHaveText('Any');
  await expect(never.locator('td.checkbox-column input[type=checkbox]')).toHaveCount(1);
  await expect(never.locator('td.actions-column').getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(never.locator('td.actions-column').getByRole('button', { name: 'Revoke' })).toBeVisible();
  const ips = page.locator(rowSelector('soon-token')).locator('td.ips-column');
  expect((await ips.innerText()).split('\n').map((s) => s.trim()).filter(Boolean)).toEqual(['192.0.2.1', '198.51.100.0/24']);
  await expect(page.locator(rowSelector('soon-token')).locator('td.expires-column')).not.toHaveText('');

  // #edit_key_N / #revoke_key_N: one index per row, the same in both buttons, all distinct.
  const keys = await page.locator('tr.token-row').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('[id^="edit_key_"]')?.id.slice(9), r.querySelector('[id^="revoke_key_"]')?.id.slice(11)]),
  );
  for (const [edit, revoke] of keys) {
    expect(edit).toMatch(/^\d+$/);
    expect(revoke).toBe(edit);
  }
  expect(new Set(keys.map(([k]) => k)).size).toBe(5);
  await expect(page.locator('#emptyListNotice')).toHaveClass(/\bng-hide\b/);
});

test('rows are tracked by list index: sorting moves the row elements, Refresh rebuilds them', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expectRows(page, NEWEST_FIRST);
  const row = page.locator(rowSelector('never-token'));
  const editId = await row.locator('[id^="edit_key_"]').getAttribute('id');
  await row.evaluate((el) => ((el as unknown as { twMark: number }).twMark = 1));

  await page.locator('#sortByName').click();
  await expectRows(page, ['7-later', 'edge-24h', 'expired-token', 'never-token', 'soon-token']);
  // The same element, moved, with the same key.
  expect(await row.evaluate((el) => (el as unknown as { twMark?: number }).twMark)).toBe(1);
  await expect(row.locator('[id^="edit_key_"]')).toHaveAttribute('id', editId ?? '');

  await openGear(page);
  await page.locator('#refreshList').click();
  await expect.poll(() => row.evaluate((el) => (el as unknown as { twMark?: number }).twMark ?? 'rebuilt')).toBe('rebuilt');
  await waitForTable(page);
  await expectRows(page, ['7-later', 'edge-24h', 'expired-token', 'never-token', 'soon-token']);
});

test('search by name (250 ms debounce); sort links toggle the order', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expectRows(page, NEWEST_FIRST);

  // The model follows the input only 250 ms after typing stops.
  const elapsed = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('#filterList_input')!;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll('tr.token-row').length === 1) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.querySelector('#tokenTable tbody')!, { childList: true, subtree: true });
        input.value = 'SOON';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
  );
  expect(elapsed).toBeGreaterThanOrEqual(240);
  await expectRows(page, ['soon-token']);

  const search = page.locator('#filterList_input');
  await search.fill('token');
  await expectRows(page, ['never-token', 'soon-token', 'expired-token']);
  await search.fill('zzz');
  await expect(page.locator('tr.token-row')).toHaveCount(0);
  await expect(page.locator('#emptyListNotice')).toBeVisible();
  await search.fill('');
  await expect(page.locator('tr.token-row')).toHaveCount(5);

  await page.locator('#sortByName').click();
  await expectRows(page, ['7-later', 'edge-24h', 'expired-token', 'never-token', 'soon-token']);
  await page.locator('#sortByName').click();
  await expectRows(page, ['soon-token', 'never-token', 'expired-token', 'edge-24h', '7-later']);
  await page.locator('#sortByExpires').click();
  await expectRows(page, ['expired-token', 'soon-token', 'edge-24h', '7-later', 'never-token']);
  await page.locator('#sortByCreated').click();
  await expectRows(page, ['expired-token', 'soon-token', '7-later', 'edge-24h', 'never-token']);
  await page.locator('#sortByCreated').click();
  await expectRows(page, NEWEST_FIRST);
});

test('revoke one token: modal without button ids, token_name=NAME, rows removed locally without listing again', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expectRows(page, NEWEST_FIRST);
  const row = page.locator(rowSelector('soon-token'));
  const revokeId = await row.locator('[id^="revoke_key_"]').getAttribute('id');

  await page.locator(`#${revokeId}`).click();
  const modal = page.locator('.modal-dialog');
  await expect(modal.locator('.modal-title')).toHaveText('Confirm Revocation');
  await expect(modal.locator('.modal-body')).toContainText('soon-token');
  await expect(modal.locator('.modal-footer button')).toHaveText(['Continue', 'Cancel']);
  await expect(modal.locator('button[id]')).toHaveCount(0);
  await modal.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.modal-dialog')).toHaveCount(0);
  expect(rootTokenNames(sim)).toContain('soon-token');

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.locator('.modal-dialog').getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator(rowSelector('soon-token'))).toHaveCount(0);
  await expect(page.locator('[growl] .alert-success')).toContainText('soon-token');
  await expectRows(page, NEWEST_FIRST.filter((n) => n !== 'soon-token'));
  expect(rootTokenNames(sim)).not.toContain('soon-token');
  expect(rootTokenNames(sim)).toHaveLength(4);

  const revoke = calls.filter((c) => c.fn === 'api_token_revoke');
  expect(revoke).toHaveLength(1);
  expect([...(revoke[0]?.body.entries() ?? [])]).toEqual([['api.version', '1'], ['token_name', 'soon-token']]);
  expect(callsAfterLast(sim, 'api_token_revoke')).not.toContain('api_token_list');
});

test('gear menu: select, clear, revoke selected (token_name-N, no re-list), refresh, revoke all', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
  const calls = recordApiCalls(page);
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expectRows(page, NEWEST_FIRST);

  await page.locator(rowSelector('expired-token')).locator('td.checkbox-column input').check();
  await page.locator(rowSelector('7-later')).locator('td.checkbox-column input').check();
  await openGear(page);
  await page.locator('#revokeSelectedTokens').click();
  const modal = page.locator('.modal-dialog');
  await expect(modal.locator('.modal-body li')).toHaveText(['7-later', 'expired-token']);
  await modal.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('tr.token-row')).toHaveCount(3);
  expect(rootTokenNames(sim).sort()).toEqual(['edge-24h', 'never-token', 'soon-token']);
  expect(sim.state.tokens.some((t) => t.name === 'reseller-only')).toBe(true);
  const revoke = calls.filter((c) => c.fn === 'api_token_revoke');
  expect([...(revoke[0]?.body.entries() ?? [])]).toEqual([['api.version', '1'], ['token_name-0', '7-later'], ['token_name-1', 'expired-token']]);
  expect(callsAfterLast(sim, 'api_token_revoke')).not.toContain('api_token_list');

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
  await expect(page.locator('#emptyListNotice')).toBeVisible();
  await expect(page.locator('#emptyListNotice')).toHaveText('No API tokens found.');
  expect(rootTokenNames(sim)).toEqual([]);
  expect(callsAfterLast(sim, 'api_token_revoke')).not.toContain('api_token_list');
});

test('paging: page size 10 by default, pager and select-all on the current page', async ({ page, startSim }) => {
  const tokens = Array.from({ length: 45 }, (_, i) => ({
    owner: 'root',
    name: `bulk-${String(i).padStart(2, '0')}`,
    createdDaysAgo: 45 - i, // bulk-44 is the newest
  }));
  const sim = await startSim({ scenario: { users, tokens } });
  await loginThroughForm(page, sim, 'root', 'rootpass');

  const size = page.locator('#topPageSize_select');
  await expect(size.locator('option:checked')).toHaveText('10');
  await expect(page.locator('tr.token-row')).toHaveCount(10);
  await expect.poll(async () => (await rowNames(page))[0]).toBe('bulk-44');

  await page.locator('#topPager').getByRole('link', { name: '2', exact: true }).click();
  await expect.poll(async () => (await rowNames(page))[0]).toBe('bulk-34');
  await expect(page.locator('tr.token-row')).toHaveCount(10);

  await page.locator('#checkAllInList').check();
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(10);
  await page.locator('#paginatorBottom').getByRole('link', { name: '5', exact: true }).click();
  await expect(page.locator('tr.token-row')).toHaveCount(5);
  await expect(page.locator('#checkAllInList')).not.toBeChecked();

  await size.selectOption({ label: '20' });
  await expect(page.locator('tr.token-row')).toHaveCount(20);
  await size.selectOption({ label: '100' });
  await expect(page.locator('tr.token-row')).toHaveCount(45);
  await expect(page.locator('tr.token-row td.checkbox-column input:checked')).toHaveCount(10);
});

test('empty list and a failed load', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: { users, tokens: [] } });
  await loginThroughForm(page, sim, 'root', 'rootpass');
  await expect(page.locator('#emptyListNotice')).toBeVisible();
  await expect(page.locator('#emptyListNotice')).toHaveText('No API tokens found.');
  await expect(page.locator('#notAllowedWarning')).toHaveClass(/\bng-hide\b/);

  sim.setFault('api_token_list', 'http500');
  await page.reload();
  await waitForTable(page);
  await expect(page.locator('#notAllowedWarning.alert.alert-danger')).toBeVisible();
  await expect(page.locator('#notAllowedWarning')).not.toHaveClass(/\bng-hide\b/);
  await expect(page.locator('#emptyListNotice')).toHaveClass(/\bng-hide\b/);
  await expect(page.locator('tr.token-row')).toHaveCount(0);
});

test('client-side routes: /edit and unknown paths', async ({ page, startSim }) => {
  const sim = await startSim({ scenario: clockScenario, now: NOW });
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
