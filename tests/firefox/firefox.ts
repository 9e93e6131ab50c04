import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Real Firefox ESR with one of our Firefox builds installed as a temporary add-on,
 * driven by puppeteer-core over WebDriver BiDi (recipe and pitfalls: the toolchain notes,
 * "Real Firefox end to end"). Playwright cannot load an extension into a stock Firefox.
 */
export const FIREFOX_E2E_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3-e2e');
export const FIREFOX_PRODUCTION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3');

/** Fixed, so the tests know our moz-extension:// origin (Firefox makes a random one per install otherwise). */
const EXTENSION_UUID = '3b0c9a52-7d1e-4c8f-a6b2-5e9f0d4c7a13';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface Firefox {
  browser: Browser;
  /** Milliseconds: the browser's start, then the add-on's install. */
  launchMs: number;
  installMs: number;
  /** Where Firefox saves downloads, without asking. */
  downloadDir: string;
  /** Names of the downloads Firefox has finished writing there. */
  finishedDownloads(): string[];
  /** An extension page of ours, once its script world answers (its `goto` never resolves). */
  extensionPage(path: string): Promise<Page>;
  /** Runs `fn` in an extension page (the options page): the WebExtension API is there (as `chrome.*`, which Firefox has too and @types/chrome types). */
  inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /**
   * Privileged script in the browser window (needs `--remote-allow-system-access`):
   * what a person does outside any page — click the toolbar button, paste — and
   * what a test must force, like suspending the event page. Returns JSON-able values.
   */
  privileged<T>(body: string): Promise<T>;
  /** What a paste would give now: the system clipboard's text, '' when it holds none. */
  readClipboard(): Promise<string>;
  /**
   * What a click on our toolbar button runs in Firefox, on the selected tab: it grants
   * `activeTab` for that tab and opens the popup. Resolves to the tab's id.
   */
  clickToolbarButton(): Promise<number>;
  /** Suspends the event page now, as Firefox does after its idle timeout; resolves to its state after. */
  suspendEventPage(): Promise<string>;
  /** Closes every tab but the one `inExtension` uses. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

const geckoId = (dir: string): string =>
  (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } }).browser_specific_settings.gecko.id;

export async function launchFirefox(extensionDir: string, prefs: Record<string, unknown> = {}): Promise<Firefox> {
  const downloadDir = mkdtempSync(join(tmpdir(), 'token-warden-firefox-downloads-'));
  const started = Date.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    // The simulator's certificate is self-signed; this covers the background's own fetches too.
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(extensionDir)]: EXTENSION_UUID }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
      ...prefs,
    },
  });
  const launchMs = Date.now() - started;
  try {
    const installing = Date.now();
    await browser.installExtension(extensionDir);
    const installMs = Date.now() - installing;
    return firefoxSession(browser, { launchMs, installMs, downloadDir, geckoId: geckoId(extensionDir) });
  } catch (error) {
    await browser.close();
    rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  }
}

function firefoxSession(browser: Browser, { geckoId, ...facts }: { launchMs: number; installMs: number; downloadDir: string; geckoId: string }): Firefox {
  let helper: Promise<Page> | undefined;
  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    // A moz-extension:// load fires no load event BiDi waits for: start it, then poll.
    void page.goto(`${EXTENSION_ORIGIN}${path}`).catch(() => undefined);
    await until(() => page.evaluate(() => document.readyState === 'complete' && typeof (globalThis as { browser?: unknown }).browser === 'object'), `${path} to load`);
    return page;
  };
  const privileged = async <T>(body: string): Promise<T> => {
    // Puppeteer speaks BiDi to Firefox; its connection is public at run time, not in the types.
    const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: any }> } }).connection;
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context as string;
    const { result } = await connection.send('script.evaluate', {
      target: { context },
      awaitPromise: true,
      expression: `(async () => JSON.stringify(await (async () => { ${body} })() ?? null))()`,
    });
    if (result.type !== 'success') throw new Error(`privileged script failed: ${JSON.stringify(result.exceptionDetails?.text ?? result)}`);
    return JSON.parse(result.result.value as string) as T;
  };
  return {
    browser,
    ...facts,
    extensionPage,
    finishedDownloads() {
      // Firefox writes into NAME.part beside an empty NAME, then moves it over.
      const names = readdirSync(facts.downloadDir);
      return names.some((n) => n.endsWith('.part')) ? [] : names.filter((n) => statSync(join(facts.downloadDir, n)).size > 0);
    },
    async inExtension(fn, arg) {
      helper ??= extensionPage('/options.html');
      const page = await helper;
      return page.evaluate(fn as (a: unknown) => unknown, arg) as never;
    },
    privileged,
    readClipboard: () =>
      privileged<string>(`
        const transferable = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
        transferable.init(null);
        transferable.addDataFlavor('text/plain');
        Services.clipboard.getData(transferable, Ci.nsIClipboard.kGlobalClipboard);
        const data = {};
        try { transferable.getTransferData('text/plain', data); } catch { return ''; }
        return data.value.QueryInterface(Ci.nsISupportsString).data;
      `),
    clickToolbarButton: () =>
      privileged<number>(`
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
        return extension.tabManager.getWrapper(gBrowser.selectedTab).id;
      `),
    suspendEventPage: () =>
      privileged<string>(`
        const extension = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
        await extension.terminateBackground({ disableResetIdleForTest: true });
        return extension.backgroundState;
      `),
    async closePages() {
      // Kept open (or opened first): Firefox quits with its last tab.
      helper ??= extensionPage('/options.html');
      const keep = await helper;
      for (const page of await browser.pages()) if (page !== keep) await page.close();
    },
    async close() {
      try {
        await browser.close();
      } finally {
        rmSync(facts.downloadDir, { recursive: true, force: true });
      }
    },
  };
}

/** Polls `probe` until it returns true (a realm that dies mid-call counts as "not yet"). */
export async function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
