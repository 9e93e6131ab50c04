import type { Request } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';

/**
 * The proof of the e2e fixtures' reset between tests (tests/e2e/extension-browser.ts):
 * a test dirties everything it can reach, the next one finds the browser as a fresh
 * launch leaves it. Not part of `npm test` (it would only add to the counts); run it with
 * `TW_RESET_PROOF=1 npx playwright test --project=reset-proof --repeat-each 2`.
 */
test.describe.configure({ mode: 'serial' });

// A listener a test leaves on the context must not hear the next test's traffic.
let listening = false;
const heard: string[] = [];

for (const stray of [false, true]) {
  test(stray ? 'dirty, with a registration only a relaunch undoes' : 'dirty', async ({ context, serviceWorker, openTokensPage, sim }) => {
    const page = await openTokensPage();
    await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
    await context.grantPermissions(['clipboard-read'], { origin: sim.origin });
    context.on('request', (r: Request) => {
      if (listening) heard.push(r.url());
    });
    await context.newPage();
    await serviceWorker.evaluate(async (stray) => {
      await chrome.storage.local.set({ 'tw:userSettings': { clipboardClearSeconds: 10 }, junk: 1 });
      await chrome.storage.session.set({ junk: 1 });
      await chrome.storage.sync.set({ junk: 1 });
      await chrome.alarms.create('junk', { delayInMinutes: 5 });
      await chrome.offscreen.createDocument({ url: '/offscreen-clipboard.html', reasons: ['CLIPBOARD' as chrome.offscreen.Reason], justification: 'reset proof' });
      await chrome.notifications.create('junk', { type: 'basic', iconUrl: chrome.runtime.getURL('/icon/128.png'), title: 'junk', message: 'junk' });
      // Not ours to reconcile (no api-tokens@ prefix): the reset cannot undo it and must relaunch.
      if (stray) await chrome.scripting.registerContentScripts([{ id: 'junk', matches: ['https://localhost/*'], js: ['content-scripts/api-tokens.js'] }]);
    }, stray);
  });

  if (stray)
    test('a service worker stopped by a test', async ({ context, openTokensPage }) => {
      const page = await openTokensPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    });

  test(stray ? 'clean after a relaunch and a restarted worker' : 'clean after dirty', async ({ context, serviceWorker, sim }) => {
    // One blank tab, as a fresh launch leaves it; whatever the dirty test opened is gone.
    expect(context.pages().map((page) => page.url())).toEqual(['about:blank']);
    expect(await context.cookies()).toEqual([]);
    const state = await serviceWorker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null),
      alarms: (await chrome.alarms.getAll()).map((a) => a.name),
      offscreen: await chrome.offscreen.hasDocument(),
      notifications: await chrome.notifications.getAll(),
      hosts: (await chrome.permissions.getAll()).origins,
      scripts: (await chrome.scripting.getRegisteredContentScripts()).length,
    }));
    expect(state).toEqual({
      local: { 'tw:enabledServers': [], 'tw:managedCopy': {} },
      session: {},
      sync: {},
      alarms: ['tw:daily-reminders'],
      offscreen: false,
      notifications: {},
      hosts: ['https://127.0.0.1/*', 'https://localhost/*'],
      scripts: 0,
    });
    const page = await context.newPage();
    listening = true;
    await page.goto(sim.loginUrl);
    listening = false;
    expect(heard).toEqual([]);
    expect(await page.evaluate(() => navigator.permissions.query({ name: 'clipboard-read' as PermissionName }).then((p) => p.state))).not.toBe('granted');
  });
}

test('the extension works after the relaunch', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
});
