import { coreTest, expect, test } from './fixtures';
import { createViaWhm, markSavedThenConfirm, readClipboard, secureFrame, setUserSettings } from './secret-helpers';

test.beforeEach(async ({ context, sim }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
});

coreTest('the secure step is our own frame, before WHM’s “Yes, I saved my token”; the secret is masked and revealed on demand', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-masked-20261128' });
  const frame = secureFrame(page);
  const panel = frame.getByTestId('new-token-panel');
  await expect(panel).not.toContainText(secret);
  await expect(page.locator('#tokenAdded_container code')).toHaveCSS('filter', /blur/);
  await expect(frame.getByTestId('panel-acls')).toContainText('list-accts');
  await expect(panel).toContainText('ops-masked-20261128');
  // Our tools come first, then WHM's own button.
  const order = await page.evaluate(() => {
    const host = document.querySelector('token-warden-frame')!;
    const button = document.querySelector('#confirm_added_token')!;
    return host.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  await frame.getByTestId('reveal-token').click();
  await expect(frame.getByTestId('secret-value')).toHaveText(secret);
  await frame.getByTestId('reveal-token').click();
  await expect(panel).not.toContainText(secret);
});

coreTest('copy puts the secret on the clipboard, says it is not stored yet, and clears it after the policy’s delay', async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-copy-20261128' });
  const frame = secureFrame(page);
  await frame.getByTestId('copy-token').click();
  await expect.poll(() => readClipboard(page)).toBe(secret);
  await expect(frame.getByTestId('clipboard-note')).toContainText(/paste it .* now.* 10 s/i);
  await expect(frame.getByTestId('clipboard-countdown')).toHaveAttribute('data-seconds', /^(10|9|8)$/);
  // A copy is not a stored secret.
  await expect(frame.getByTestId('mark-saved')).toBeVisible();
  await expect(frame.getByTestId('clipboard-note')).toHaveText('Clipboard cleared.', { timeout: 15_000 });
  expect(await readClipboard(page)).toBe('');
});

test('copy, then navigate away: after the delay the clipboard no longer holds the secret', async ({ openTokensPage, serviceWorker, context, sim }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-leave-20261128' });
  await secureFrame(page).getByTestId('copy-token').click();
  await expect.poll(() => readClipboard(page)).toBe(secret);
  const copiedAt = Date.now();
  // Leave WHM altogether, then close the tab: nothing of ours runs in a page any more.
  await secureFrame(page).getByTestId('mark-saved').click();
  await page.goto(sim.loginUrl);
  await page.close();
  const other = await context.newPage();
  await other.goto(sim.loginUrl);
  expect(await readClipboard(other)).toBe(secret);
  await expect.poll(() => readClipboard(other), { timeout: 20_000 }).toBe('');
  expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(9_000);
});

test('copy, then “Yes, I saved my token”: the clipboard keeps the secret until the delay ends', async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-close-20261128' });
  const frame = secureFrame(page);
  await frame.getByTestId('copy-token').click();
  await expect.poll(() => readClipboard(page)).toBe(secret);
  const copiedAt = Date.now();
  // Copied is not stored: WHM's button still asks first.
  await page.click('#confirm_added_token');
  await expect(frame.getByTestId('leave-confirm')).toBeVisible();
  await markSavedThenConfirm(page);
  await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
  await expect(page.locator('#tokenTable')).toBeVisible();
  // The user may still be pasting: closing the panel does not wipe the clipboard early.
  expect(await readClipboard(page)).toBe(secret);
  await expect.poll(() => readClipboard(page), { timeout: 20_000 }).toBe('');
  expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(9_000);
});

test('a copy the person makes in WHM’s page afterwards is left on the clipboard', async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-copy2-20261128' });
  const frame = secureFrame(page);
  await frame.getByTestId('copy-token').click();
  // A real selection and Ctrl+C in WHM's page (a trusted copy event).
  await page.locator('#tokenAdded_container p').first().click({ clickCount: 3 });
  await page.keyboard.press('Control+C');
  await expect.poll(() => readClipboard(page)).toContain('You successfully created');
  await expect(frame.getByTestId('clipboard-note')).toContainText('left alone', { timeout: 15_000 });
  expect(await readClipboard(page)).toContain('You successfully created');
});

test('leaving before the secret is stored asks first, in view and focused, also at 1366×768', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await createViaWhm(page, { name: 'ops-unsaved-20261128' });
  const frame = secureFrame(page);
  await page.click('#confirm_added_token');
  const warning = frame.getByTestId('leave-confirm');
  await expect(warning).toBeVisible();
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  // Seen: the warning is inside the viewport, and the keyboard is on it.
  await expect.poll(async () => {
    const box = await warning.boundingBox();
    return !!box && box.y >= 0 && box.y + box.height <= 768;
  }).toBe(true);
  await expect(frame.getByTestId('stay')).toBeFocused();
  await frame.getByTestId('stay').click();
  await expect(warning).toHaveCount(0);

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
  await frame.getByTestId('leave-anyway').click();
  await expect(page.locator('#tokenAdded_container')).toHaveCount(0);
  await expect(page.locator('#tokenTable')).toBeVisible();
});

coreTest('testing the token: ok, failed, and ip-restricted', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const frame = secureFrame(page);
  await createViaWhm(page, { name: 'ops-test-ok-20261128' });
  await frame.getByTestId('test-token').click();
  await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
  await expect(frame.getByTestId('test-result')).toContainText(/version.*listaccts/);
  const tokenCalls = sim.requests.filter((r) => r.auth === 'token');
  expect(tokenCalls.map((r) => r.fn)).toEqual(expect.arrayContaining(['version', 'listaccts']));
  await markSavedThenConfirm(page);

  await createViaWhm(page, { name: 'ops-test-ip-20261128', ips: '192.0.2.0/24' });
  await frame.getByTestId('test-token').click();
  await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'ip-restricted');
  await expect(frame.getByTestId('test-result')).toContainText('192.0.2.0/24');
  await markSavedThenConfirm(page);

  await createViaWhm(page, { name: 'ops-test-gone-20261128' });
  // Revoked behind our back (another admin, a script): the secret no longer works.
  sim.state.tokens = sim.state.tokens.filter((t) => t.name !== 'ops-test-gone-20261128');
  await frame.getByTestId('test-token').click();
  await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'failed');
});

test('a service worker stopped while the panel is open loses nothing: test and copy still work, the clear still happens', async ({ openTokensPage, serviceWorker, context }) => {
  await setUserSettings(serviceWorker, { clipboardClearSeconds: 10 });
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-asleep-20261128' });
  const frame = secureFrame(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  // What Chrome does to an idle extension worker after ~30 s: the frame holds the secret, not the worker.
  await cdp.send('ServiceWorker.stopAllWorkers');
  await frame.getByTestId('test-token').click();
  await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
  await frame.getByTestId('copy-token').click();
  await expect.poll(() => readClipboard(page)).toBe(secret);
  // Once the clear is arranged (the countdown shows), the worker may go: the clear does not need it.
  await expect(frame.getByTestId('clipboard-countdown')).toBeVisible();
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => readClipboard(page), { timeout: 20_000 }).toBe('');
});
