import { expect, test } from './fixtures';
import { createViaWhm, readClipboard, setUserSettings } from './secret-helpers';

test.beforeEach(async ({ context, sim }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
});

test('the secret is masked (in WHM and in the panel) and revealed on demand, beside the token facts', { tag: '@core' }, async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-masked-20261128' });
  const panel = page.getByTestId('new-token-panel');
  await expect(panel).not.toContainText(secret);
  await expect(page.locator('#tokenAdded_container code')).toHaveCSS('filter', /blur/);
  await expect(page.getByTestId('panel-acls')).toContainText('list-accts');
  await expect(panel).toContainText('ops-masked-20261128');
  await page.getByTestId('reveal-token').click();
  await expect(page.getByTestId('secret-value')).toHaveText(secret);
  await page.getByTestId('reveal-token').click();
  await expect(panel).not.toContainText(secret);
});

test('copy puts the secret on the clipboard and clears it after the policy’s delay', { tag: '@core' }, async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-copy-20261128' });
  await page.getByTestId('copy-token').click();
  expect(await readClipboard(page)).toBe(secret);
  await expect(page.getByTestId('clipboard-countdown')).toBeVisible();
  await expect(page.getByTestId('clipboard-countdown')).toHaveAttribute('data-seconds', /^(10|9|8)$/);
  await expect(page.getByTestId('clipboard-note')).toHaveText('Clipboard cleared.', { timeout: 15_000 });
  expect(await readClipboard(page)).toBe('');
});

test('auto-clear leaves the clipboard alone when it holds something else', { tag: '@core' }, async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-copy2-20261128' });
  await page.getByTestId('copy-token').click();
  await page.evaluate(() => navigator.clipboard.writeText('something the user copied later'));
  await expect(page.getByTestId('clipboard-note')).toContainText('left alone', { timeout: 15_000 });
  expect(await readClipboard(page)).toBe('something the user copied later');
});

test('closing the panel clears the clipboard if it still holds the secret', { tag: '@core' }, async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 300 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-close-20261128' });
  await page.getByTestId('copy-token').click();
  expect(await readClipboard(page)).toBe(secret);
  await page.click('#confirm_added_token');
  await expect(page.getByTestId('new-token-panel')).toHaveCount(0);
  await expect.poll(() => readClipboard(page)).toBe('');
});

test('leaving before the secret was saved asks first', { tag: '@core' }, async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-unsaved-20261128' });
  await page.click('#confirm_added_token');
  await expect(page.getByTestId('leave-confirm')).toBeVisible();
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  await page.getByTestId('stay').click();
  await expect(page.getByTestId('leave-confirm')).toHaveCount(0);

  // Leaving the page altogether: the browser asks (beforeunload).
  let asked = false;
  page.once('dialog', (dialog) => {
    asked = dialog.type() === 'beforeunload';
    void dialog.dismiss();
  });
  await page.goto('about:blank').catch(() => undefined);
  expect(asked).toBe(true);
  await expect(page.locator('#tokenAdded_container')).toBeVisible();

  await page.click('#confirm_added_token');
  await page.getByTestId('leave-anyway').click();
  await expect(page.locator('#tokenAdded_container')).toHaveCount(0);
  await expect(page.locator('#tokenTable')).toBeVisible();
});

test('after a copy, WHM’s “Yes, I saved my token” goes straight through', { tag: '@core' }, async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-saved-20261128' });
  await page.getByTestId('copy-token').click();
  await page.click('#confirm_added_token');
  await expect(page.locator('#tokenAdded_container')).toHaveCount(0);
});

test('testing the token: ok, failed, and ip-restricted', { tag: '@core' }, async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-test-ok-20261128' });
  await page.getByTestId('test-token').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
  await expect(page.getByTestId('test-result')).toContainText(/version.*listaccts/);
  const tokenCalls = sim.requests.filter((r) => r.auth === 'token');
  expect(tokenCalls.map((r) => r.fn)).toEqual(expect.arrayContaining(['version', 'listaccts']));
  await page.getByTestId('mark-saved').click();
  await page.click('#confirm_added_token');

  await createViaWhm(page, { name: 'ops-test-ip-20261128', ips: '192.0.2.0/24' });
  await page.getByTestId('test-token').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-result', 'ip-restricted');
  await expect(page.getByTestId('test-result')).toContainText('192.0.2.0/24');
  await page.getByTestId('mark-saved').click();
  await page.click('#confirm_added_token');

  await createViaWhm(page, { name: 'ops-test-gone-20261128' });
  // Revoked behind our back (another admin, a script): the secret no longer works.
  sim.state.tokens = sim.state.tokens.filter((t) => t.name !== 'ops-test-gone-20261128');
  await page.getByTestId('test-token').click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-result', 'failed');
});
