import type { ConsoleMessage, Page, Worker } from '@playwright/test';
import { startVaultKvSim } from '../../tests/vault-kv/server.ts';
import { expect, test } from './fixtures';
import { approveVault, createViaWhm, searchWhm, secureFrame, setUserSettings } from './secret-helpers';

/**
 * Security promise 1, checked end to end: a token is created, copied, exported in
 * every format, tested and rotated — then its secret (and the rotation's) is searched
 * for everywhere the extension could have left it. It must be in none of them.
 */
const FORMATS = ['keepass-xml', 'keepass-csv', 'bitwarden-json', 'bitwarden-csv', '1password-csv', 'dotenv'];

async function everyStorageArea(serviceWorker: Worker): Promise<string> {
  return serviceWorker.evaluate(async () => {
    const areas = { local: await chrome.storage.local.get(null), sync: await chrome.storage.sync.get(null), session: await chrome.storage.session.get(null) };
    return JSON.stringify(areas);
  });
}

/** Every IndexedDB database and record reachable from a context (the page's origin, or the extension's). */
const DUMP_INDEXED_DB = async () => {
  const out: unknown[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve([]);
      });
      out.push({ db: info.name, store, records });
    }
    db.close();
  }
  return JSON.stringify(out);
};

/** The page's DOM including every open shadow root (where our UIs live). */
async function wholeDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
        if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

test('the secret is in no storage, no IndexedDB, no console output, no URL, and not in the page after the panel closed', async ({ context, openTokensPage, serviceWorker, sim, extensionId }) => {
  test.setTimeout(120_000);
  const vault = await startVaultKvSim({ token: 'hvs.canary' });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
    await setUserSettings(serviceWorker, { clipboardClearSeconds: 10, vault: { address: vault.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
    await approveVault(serviceWorker, vault.origin);
    const logs: string[] = [];
    const collect = (m: ConsoleMessage) => logs.push(m.text());
    context.on('console', collect);
    serviceWorker.on('console', collect);
    // Every address anything asked for: pages, frames, the background's own requests.
    const urls: string[] = [];
    context.on('request', (r) => urls.push(r.url()));
    context.on('framenavigated', (f) => urls.push(f.url()));

    const page = await openTokensPage();
    page.on('framenavigated', (f) => urls.push(f.url()));
    const secret = await createViaWhm(page, { name: 'ops-canary-20261128' });
    const frame = secureFrame(page);
    await frame.getByTestId('copy-token').click();
    for (const format of FORMATS) {
      await Promise.all([page.waitForEvent('download'), frame.locator(`[data-export="${format}"]`).click()]);
    }
    await frame.getByTestId('age-passphrase').fill('canary orbit lantern pebble thistle marmalade');
    await Promise.all([page.waitForEvent('download'), frame.locator('[data-export=age]').click()]);
    await frame.getByTestId('vault-token').fill('hvs.canary');
    await frame.locator('[data-export=vault-kv]').click();
    await expect(frame.getByTestId('export-result')).toHaveAttribute('data-ok', 'true');
    await frame.getByTestId('test-token').click();
    await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
    await expect(frame.getByTestId('clipboard-note')).toHaveText('Clipboard cleared.', { timeout: 15_000 });
    await page.click('#confirm_added_token');
    await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);

    // Rotate the new token: a second secret, which WHM's page never had. A script in the
    // page's own world records everything that enters its DOM meanwhile.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { twSeen: string[] }).twSeen = seen;
      const record = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) seen.push(node.textContent ?? '');
        if (node instanceof Element) {
          seen.push(node.outerHTML);
          if (node.shadowRoot) observer.observe(node.shadowRoot, options);
        }
      };
      const options = { childList: true, subtree: true, characterData: true, attributes: true };
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          r.addedNodes.forEach(record);
          if (r.type === 'characterData' || r.type === 'attributes') record(r.target);
        }
      });
      observer.observe(document, options);
      for (const el of document.querySelectorAll('*')) if (el.shadowRoot) observer.observe(el.shadowRoot, options);
      for (const type of ['keydown', 'input', 'copy', 'paste', 'message']) window.addEventListener(type, (e) => seen.push(`${type}:${JSON.stringify((e as MessageEvent).data ?? (e.target as HTMLInputElement)?.value ?? '')}`), true);
    });
    await searchWhm(page, 'ops-canary-20261128');
    await page.locator('[data-testid=rotate-token][data-token="ops-canary-20261128"]').click();
    await frame.getByTestId('rotate-create').click();
    await frame.getByTestId('reveal-token').click();
    const rotated = (await frame.getByTestId('secret-value').textContent()) ?? '';
    expect(rotated).toMatch(/^[0-9A-Z]{32}$/);
    await frame.getByTestId('reveal-token').click();
    await frame.getByTestId('test-token').click();
    await expect(frame.getByTestId('test-result')).toHaveAttribute('data-result', 'ok');
    await frame.getByTestId('copy-token').click();
    await frame.getByTestId('mark-saved').click();
    await frame.getByTestId('confirm-switched').check();
    await frame.getByTestId('revoke-old').click();
    await expect(frame.getByTestId('rotate-result')).toHaveAttribute('data-outcome', 'revoked');
    await frame.getByTestId('close-panel').click();
    await expect(page.locator('iframe[data-testid=secure-frame]')).toHaveCount(0);
    const seenByPage = await page.evaluate(() => (window as unknown as { twSeen: string[] }).twSeen.join('\n'));
    // Let any stray asynchronous write land before looking.
    await page.waitForTimeout(500);

    const extensionPage = await context.newPage();
    await extensionPage.goto(`chrome-extension://${extensionId}/options.html`);
    const places: Record<string, string> = {
      'storage.local/sync/session': await everyStorageArea(serviceWorker),
      'IndexedDB (extension)': await serviceWorker.evaluate(DUMP_INDEXED_DB),
      'IndexedDB (extension page)': await extensionPage.evaluate(DUMP_INDEXED_DB),
      'IndexedDB (WHM origin)': await page.evaluate(DUMP_INDEXED_DB),
      'console output': logs.join('\n'),
      'page DOM after the panels closed': await wholeDom(page),
      'every URL requested or navigated to': urls.join('\n'),
    };
    for (const [place, content] of Object.entries(places)) {
      expect(content.includes(secret), `the first secret in ${place}`).toBe(false);
      expect(content.includes(rotated), `the rotated secret in ${place}`).toBe(false);
    }
    // During the rotation, WHM's page (DOM, shadow roots, events) never saw the rotated secret.
    expect(seenByPage.length).toBeGreaterThan(0);
    expect(seenByPage.includes(rotated), 'the rotated secret in WHM\'s DOM or events').toBe(false);
    // The search itself can find: the storage dump is not empty (it holds the server's
    // snapshot, with the new tokens' names), the URL list is real, and the exports did carry the secret.
    expect(places['storage.local/sync/session']).toContain('vault');
    expect(places['storage.local/sync/session']).toContain('tw:snapshots');
    expect(places['storage.local/sync/session']).toContain('ops-canary-2-20261128');
    expect(urls.some((u) => u.includes('/json-api/api_token_create'))).toBe(true);
    expect(urls.some((u) => u.includes('secure-frame.html'))).toBe(true);
    expect(vault.secrets.get('whm/127.0.0.1/ops-canary-20261128')?.data.token).toBe(secret);
  } finally {
    await vault.close();
  }
});
