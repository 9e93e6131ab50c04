import type { FrameLocator, Page } from '@playwright/test';
import { E2E_EXTENSION_ID } from '../../scripts/e2e-identity.ts';
import { startVaultKvSim, type VaultKvSim } from '../../tests/vault-kv/server.ts';
import { expect, test } from './fixtures';
import { approveVault, createViaWhm, searchWhm, setUserSettings } from './secret-helpers';

/**
 * Design.md's threat model, as attacks: a script running in WHM's own JavaScript world
 * (a stored XSS, a plugin page on the same origin) must gain nothing from Token Warden
 * beyond what WHM itself shows it. Each attack below is what such a script would do;
 * each test fails if the attack works.
 *
 * The helpers look for our UI wherever it is — inside our frame, or (as before the
 * frames) in WHM's own DOM — so the same attacks can be run against an older build.
 */

/** Our tools: inside the secure frame when there is one, else in the page. */
async function tools(page: Page, waitFor: string): Promise<FrameLocator | Page> {
  const frame = page.frameLocator('iframe[data-testid=secure-frame]');
  await expect.poll(async () => (await frame.getByTestId(waitFor).count()) + (await page.getByTestId(waitFor).count())).toBeGreaterThan(0);
  return (await frame.getByTestId(waitFor).count()) > 0 ? frame : page;
}

/**
 * The attacker: listens to every keystroke, input and message in the page's world,
 * walks every open shadow root for values and text, and copies every blob: link the
 * page is handed. Everything it learns goes into `window.loot`.
 */
const ATTACKER = () => {
  const loot: string[] = [];
  (window as unknown as { loot: string[] }).loot = loot;
  const grab = (e: Event) => {
    const target = e.composedPath()[0] as HTMLInputElement | undefined;
    loot.push(`${e.type}:${(e as KeyboardEvent).key ?? ''}:${target?.value ?? ''}`);
  };
  for (const type of ['keydown', 'keyup', 'input', 'change', 'paste']) window.addEventListener(type, grab, true);
  window.addEventListener('message', (e) => loot.push(`message:${JSON.stringify(e.data)}`), true);
  const sweep = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('*')) {
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) loot.push(`value:${el.value}`);
      if (el instanceof HTMLAnchorElement && el.href.startsWith('blob:')) {
        void fetch(el.href).then((r) => r.text()).then((text) => loot.push(`blob:${text}`), () => undefined);
      }
      if (el.shadowRoot) {
        loot.push(`shadow:${el.shadowRoot.textContent ?? ''}`);
        sweep(el.shadowRoot);
      }
      // A frame of another origin cannot be read; one that could would be read here.
      if (el instanceof HTMLIFrameElement) {
        try {
          loot.push(`frame:${el.contentDocument?.documentElement.outerHTML ?? ''}`);
        } catch {
          loot.push('frame:unreadable');
        }
      }
    }
  };
  const stealBlob = (node: Node) => {
    // A link added and clicked at once is gone before any sweep: read it off the record.
    if (node instanceof HTMLAnchorElement && node.href.startsWith('blob:')) {
      void fetch(node.href).then((r) => r.text()).then((text) => loot.push(`blob:${text}`), () => undefined);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(stealBlob);
    sweep(document);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  setInterval(() => sweep(document), 50);
};

async function loot(page: Page): Promise<string> {
  // One last sweep, and a moment for any blob fetch to land.
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { loot?: string[] }).loot?.join('\n') ?? '');
}

/** Clicks as a page script would: synthetic events, into every open shadow root. */
const SCRIPTED_CLICK = (selector: string) => {
  const hits: string[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      el.click();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      hits.push(el.outerHTML.slice(0, 80));
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return hits;
};

let vault: VaultKvSim;
test.beforeAll(async () => {
  vault = await startVaultKvSim({ token: 'hvs.attack' });
});
test.afterAll(() => vault.close());

test.beforeEach(async ({ context, sim }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: sim.origin });
});

test('a page script cannot read the age passphrase or the Vault token as they are typed', async ({ openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { vault: { address: vault.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
  await approveVault(serviceWorker, vault.origin);
  const page = await openTokensPage();
  await page.evaluate(ATTACKER);
  await createViaWhm(page, { name: 'ops-typed-20261128' });
  const ui = await tools(page, 'age-passphrase');
  const passphrase = 'attack orbit lantern pebble thistle marmalade';
  await ui.getByTestId('age-passphrase').pressSequentially(passphrase);
  await ui.getByTestId('vault-token').pressSequentially('hvs.attack');
  const stolen = await loot(page);
  expect(stolen.length, 'the attacker did run').toBeGreaterThan(0);
  expect(stolen.includes(passphrase), `the page learned ${passphrase}`).toBe(false);
  expect(stolen.includes('hvs.attack'), `the page learned ${'hvs.attack'}`).toBe(false);
  expect(/keydown:h:.*keydown:v:.*keydown:s:/s.test(stolen), 'the page heard the Vault token typed').toBe(false);
});

test('a page script cannot read an export’s content', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await page.evaluate(ATTACKER);
  const secret = await createViaWhm(page, { name: 'ops-export-attack-20261128' });
  const ui = await tools(page, 'new-token-panel');
  for (const format of ['dotenv', 'keepass-xml']) {
    await Promise.all([page.waitForEvent('download'), ui.locator(`[data-export="${format}"]`).click()]);
  }
  const stolen = await loot(page);
  // What WHM itself showed (its <code>) is the page's anyway; an export must add nothing.
  expect(stolen.includes('WHM_API_TOKEN='), `the page learned ${'WHM_API_TOKEN='}`).toBe(false);
  expect(stolen.includes('<KeePassFile>'), `the page learned ${'<KeePassFile>'}`).toBe(false);
  expect(stolen.split('\n').filter((line) => line.startsWith('blob:') && line.includes(secret))).toEqual([]);
});

test('a page script cannot read a rotated token’s secret', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  await page.evaluate(ATTACKER);
  await searchWhm(page, 'ops-monitoring-20250815');
  await page.locator('[data-testid=rotate-token][data-token="ops-monitoring-20250815"]').click();
  const ui = await tools(page, 'rotate-create');
  await ui.getByTestId('rotate-create').click();
  await ui.getByTestId('reveal-token').click();
  const rotated = ((await ui.getByTestId('secret-value').textContent()) ?? '').trim();
  expect(rotated).toMatch(/^[0-9A-Z]{32}$/);
  await ui.getByTestId('copy-token').click();
  const stolen = await loot(page);
  expect(stolen.length).toBeGreaterThan(0);
  expect(stolen.includes(rotated), `the page learned ${rotated}`).toBe(false);
});

/** Opens every banner line as a page script would (so its fix buttons are drawn). */
const SCRIPTED_OPEN = () => {
  const visit = (root: Document | ShadowRoot) => {
    for (const el of root.querySelectorAll('details')) el.open = true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
};

test('a page script cannot make the extension revoke, rotate, fix, export or push', async ({ openTokensPage, serviceWorker, sim }) => {
  await setUserSettings(serviceWorker, { vault: { address: vault.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
  await approveVault(serviceWorker, vault.origin);
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const before = sim.state.tokens.map((t) => t.name).sort();
  // Every field of every token, for the fixes that change one without renaming it.
  const state = JSON.stringify(sim.state.tokens);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));

  // The banner's revoke and its confirmation, every rotate button, by script.
  expect((await page.evaluate(SCRIPTED_CLICK, '[data-testid=revoke-expired]')).length).toBeGreaterThan(0);
  await page.evaluate(SCRIPTED_CLICK, '[data-testid=confirm-revoke]');
  await page.evaluate(SCRIPTED_CLICK, '[data-testid=rotate-token]');
  await page.evaluate(SCRIPTED_CLICK, '[data-testid=rotate-create]');
  await page.evaluate(SCRIPTED_CLICK, '[data-testid=confirm-switched], [data-testid=revoke-old]');
  // Every fix in place, from every banner line, and its confirmation.
  await page.evaluate(SCRIPTED_OPEN);
  expect((await page.evaluate(SCRIPTED_CLICK, '[data-fix]')).length).toBeGreaterThan(0);
  await page.evaluate(SCRIPTED_CLICK, '[data-testid=fix-confirm]');
  expect(JSON.stringify(sim.state.tokens)).toBe(state);

  // The secure step: every export and the Vault push, by script.
  await createViaWhm(page, { name: 'ops-clicked-20261128' });
  await page.evaluate(SCRIPTED_CLICK, '[data-export]');
  // A forged hand-off: a page cannot guess the handle, and cannot post into the frame as us.
  await page.evaluate(() => {
    const frame = document.querySelector('token-warden-frame')?.shadowRoot?.querySelector('iframe');
    frame?.contentWindow?.postMessage({ type: 'tw:hello', handle: '0'.repeat(32) }, '*');
  });
  // Asserts that nothing happens (no download, no Vault write, no token change): a bounded
  // wait for anything those scripted clicks could have started.
  await page.waitForTimeout(1_000);

  expect(sim.state.tokens.map((t) => t.name).filter((n) => n !== 'ops-clicked-20261128').sort()).toEqual(before);
  expect(downloads).toEqual([]);
  expect(vault.secrets.size).toBe(0);
  // Nothing was even asked of the user: no confirmation opened by those clicks.
  await expect(page.locator('iframe[data-testid=secure-frame][data-kind=revoke], iframe[data-testid=secure-frame][data-kind=rotate], iframe[data-testid=secure-frame][data-kind=fix]')).toHaveCount(0);
});

test('a page script cannot switch the content script off', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  // WXT's "a newer copy of this script started" event, forged both ways WXT listens.
  await page.evaluate((id) => {
    const type = `${id}:api-tokens:wxt:content-script-started`;
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'api-tokens', messageId: 'forged' } }));
    window.postMessage({ type, contentScriptName: 'api-tokens', messageId: 'forged' }, '*');
  }, E2E_EXTENSION_ID);
  // The forged postMessage arrives a task later: a bounded wait for a switch-off that must
  // not happen (the refresh below shows the script still acts).
  await page.waitForTimeout(500);
  // Still there, and still working: it follows WHM's refresh, and guards a new secret.
  await expect(banner).toHaveCount(1);
  sim.state.tokens = sim.state.tokens.filter((t) => t.name !== 'MyOldToken');
  const total = Number(await banner.getAttribute('data-total'));
  await page.click('#gearMenu');
  await page.click('#refreshList');
  await expect(banner).toHaveAttribute('data-total', String(total - 1));
  await createViaWhm(page, { name: 'ops-still-on-20261128' });
});

test('a site cannot tell that Token Warden is installed: our pages answer only at the per-session address', async ({ page, serviceWorker, sim }) => {
  // Any site, here one that was never enabled (the simulator's login page has no UI of ours).
  await page.goto(sim.loginUrl);
  const dynamicUrl = await serviceWorker.evaluate(() => chrome.runtime.getURL('secure-frame.html'));
  const probe = (url: string) =>
    page.evaluate(async (u) => {
      try {
        await fetch(u, { mode: 'no-cors' });
        return 'loaded';
      } catch {
        return 'refused';
      }
    }, url);
  // The probes a fingerprinting script would try: our id's frame page, manifest and icon.
  for (const path of ['secure-frame.html', 'manifest.json', 'icon/16.png']) {
    expect(await probe(`chrome-extension://${E2E_EXTENSION_ID}/${path}`), path).toBe('refused');
  }
  // The dynamic address is not derived from our id, so knowing the id finds nothing…
  expect(dynamicUrl).not.toContain(E2E_EXTENSION_ID);
  // …and it is what makes the frame loadable at all (the probe itself works).
  expect(await probe(dynamicUrl)).toBe('loaded');
});

test('a second copy of the page script (injected again by the background) adds nothing: one banner, one badge set per row', async ({ openTokensPage, serviceWorker }) => {
  const page = await openTokensPage();
  await expect(page.getByTestId('audit-banner')).toHaveAttribute('data-state', 'attention');
  const counts = () =>
    page.evaluate(() => ({
      banners: document.querySelectorAll('token-warden-banner').length,
      rows: document.querySelectorAll('tr.token-row').length,
      badges: document.querySelectorAll('token-warden-findings').length,
      rotate: document.querySelectorAll('token-warden-rotate-button').length,
    }));
  const before = await counts();
  expect(before.banners).toBe(1);
  expect(before.rotate).toBe(before.rows);
  // What the background does for a tab that was open when its server was enabled.
  const injected = await serviceWorker.evaluate(async (url) => {
    const [tab] = await chrome.tabs.query({ url: url.replace(/#.*$/, '') });
    const results = await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, files: ['content-scripts/api-tokens.js'] });
    return results.length;
  }, page.url());
  expect(injected).toBe(1);
  await page.waitForTimeout(1000);
  expect(await counts()).toEqual(before);
  // And the one copy still follows WHM: a sort redraws each row's badges once.
  await page.click('#sortByName');
  await expect.poll(counts).toEqual(before);
});
