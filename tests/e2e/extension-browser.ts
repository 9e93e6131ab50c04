import { expect, type BrowserContext, type Worker } from '@playwright/test';
import { isDeepStrictEqual } from 'node:util';
import { extensionServiceWorker, launchWithExtension } from '../../scripts/launch-chromium.ts';
import { ENABLED_KEY } from '../../utils/servers.ts';
import { MANAGED_COPY_KEY } from '../../utils/policy/storage-keys.ts';

/** What the extension holds right after install and its first start-up, to go back to before each test. */
interface Fresh {
  local: Record<string, unknown>;
  /** Each alarm with how long after the snapshot it was due, so a reset re-arms it as far ahead as a fresh start would. */
  alarms: Array<{ name: string; dueInMs: number; periodInMinutes?: number }>;
  permissions: { origins: string[]; permissions: string[] };
  contentScripts: string[];
}

// Events a test may listen to on the context or the worker; a listener left behind would
// hear the next test's traffic.
const CONTEXT_EVENTS = ['page', 'console', 'request', 'response', 'requestfinished', 'requestfailed', 'framenavigated', 'serviceworker', 'weberror', 'dialog', 'backgroundpage'] as const;
const WORKER_EVENTS = ['console', 'close'] as const;

type Emitter = { listeners(event: string): Array<(...args: unknown[]) => void>; off(event: string, listener: (...args: unknown[]) => void): unknown };

/**
 * One Chromium with the extension for every test a Playwright worker runs (launching one
 * per test cost 2.5–3 s of each test's time). Before each test `reset()` puts it back to
 * how a fresh launch leaves it, and checks that it did; what it cannot put back (a host
 * permission given up, content-script registrations that do not settle) makes it launch
 * a new browser instead.
 */
export class ExtensionBrowser {
  #context: BrowserContext | null = null;
  #fresh: Fresh | null = null;
  #listeners = new Map<Emitter, Map<string, Set<unknown>>>();
  launches = 0;

  constructor(
    readonly extensionDir: string,
    readonly args: string[],
  ) {}

  get context(): BrowserContext {
    if (!this.#context) throw new Error('ExtensionBrowser: not launched');
    return this.#context;
  }

  /** The running service worker, started again when a test stopped it (ServiceWorker.stopAllWorkers). */
  async serviceWorker(): Promise<Worker> {
    const context = this.context;
    const running = context.serviceWorkers()[0];
    if (running) return running;
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      const started = context.waitForEvent('serviceworker');
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${this.#extensionId}/` });
      return context.serviceWorkers()[0] ?? (await started);
    } finally {
      await page.close();
    }
  }

  #extensionId = '';

  async #launch(): Promise<void> {
    this.launches += 1;
    const context = await launchWithExtension(this.extensionDir, { headless: true, args: this.args });
    this.#context = context;
    const worker = await extensionServiceWorker(context);
    this.#extensionId = new URL(worker.url()).host;
    // Install (`tw:enabledServers: []`) and the first read of managed storage (`tw:managedCopy`) are done.
    await expect
      .poll(() => worker.evaluate(async (keys) => Object.keys(await chrome.storage.local.get(keys)).length === keys.length, [ENABLED_KEY, MANAGED_COPY_KEY]), { timeout: 15_000 })
      .toBe(true);
    this.#fresh = await worker.evaluate(async () => {
      const now = Date.now();
      const { origins = [], permissions = [] } = await chrome.permissions.getAll();
      return {
        local: await chrome.storage.local.get(null),
        alarms: (await chrome.alarms.getAll()).map((a) => ({ name: a.name, dueInMs: a.scheduledTime - now, periodInMinutes: a.periodInMinutes })),
        permissions: { origins: origins.sort(), permissions: permissions.sort() },
        contentScripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort(),
      };
    });
    // The context's own listeners (the profile's clean-up on close, Playwright's): kept.
    this.#listeners.clear();
    this.#remember(context as unknown as Emitter, CONTEXT_EVENTS);
  }

  #remember(emitter: Emitter, events: readonly string[]): void {
    this.#listeners.set(emitter, new Map(events.map((event) => [event, new Set(emitter.listeners(event))])));
  }

  /** Drops what tests added to the context's and worker's listeners. */
  #dropListeners(): void {
    for (const [emitter, byEvent] of this.#listeners)
      for (const [event, kept] of byEvent) for (const listener of emitter.listeners(event)) if (!kept.has(listener)) emitter.off(event, listener);
  }

  /** Closes every page, so nothing of a test runs on (or asks a closed simulator for anything). */
  async closePages(): Promise<void> {
    if (!this.#context) return;
    // One blank tab stays, as a fresh launch leaves it: closing the last tab closes the
    // window, and each new window starts Chromium's omnibox WebUI renderer again (about
    // half a second of a core per test, on a machine where the suite is CPU-bound).
    const blank = await this.#context.newPage();
    await Promise.all(this.#context.pages().map((page) => (page === blank ? undefined : page.close().catch(() => undefined))));
  }

  /** The browser as a fresh launch leaves it: the extension's storage, alarms, offscreen document and notifications; one blank tab, no cookies or granted web permissions. */
  async reset(): Promise<Worker> {
    if (!this.#context) await this.#launch();
    if (!(await this.#restore())) {
      await this.close();
      await this.#launch();
      if (!(await this.#restore())) throw new Error('ExtensionBrowser: a freshly launched browser did not reset');
    }
    const worker = await this.serviceWorker();
    if (!this.#listeners.has(worker as unknown as Emitter)) this.#remember(worker as unknown as Emitter, WORKER_EVENTS);
    return worker;
  }

  /** True when the browser is back to fresh; false when only a new launch can make it so. */
  async #restore(): Promise<boolean> {
    const context = this.context;
    const fresh = this.#fresh!;
    await this.closePages();
    this.#dropListeners();
    await context.clearCookies();
    await context.clearPermissions();
    const worker = await this.serviceWorker();
    const state = await worker.evaluate(async (fresh) => {
      await chrome.storage.local.clear();
      await chrome.storage.local.set(fresh.local);
      await chrome.storage.session.clear();
      await chrome.storage.sync.clear();
      await chrome.alarms.clearAll();
      for (const a of fresh.alarms) await chrome.alarms.create(a.name, { when: Date.now() + a.dueInMs, ...(a.periodInMinutes ? { periodInMinutes: a.periodInMinutes } : {}) });
      // A clipboard clear still pending from the last test would fire during this one.
      if (await chrome.offscreen.hasDocument()) await chrome.offscreen.closeDocument();
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
      const { origins = [], permissions = [] } = await chrome.permissions.getAll();
      return {
        local: await chrome.storage.local.get(null),
        session: await chrome.storage.session.get(null),
        alarms: (await chrome.alarms.getAll()).map((a) => a.name).sort(),
        offscreen: await chrome.offscreen.hasDocument(),
        permissions: { origins: origins.sort(), permissions: permissions.sort() },
      };
    }, fresh);
    // The service worker cannot ask for a host permission back without a user's click.
    if (!isDeepStrictEqual(state.permissions, fresh.permissions)) return false;
    expect(state.local).toEqual(fresh.local);
    expect(state.session).toEqual({});
    expect(state.alarms).toEqual(fresh.alarms.map((a) => a.name).sort());
    expect(state.offscreen).toBe(false);
    // Restoring the enabled servers makes the background reconcile its registrations.
    try {
      await expect
        .poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort()), { timeout: 5_000 })
        .toEqual(fresh.contentScripts);
    } catch {
      return false;
    }
    expect(context.pages().map((page) => page.url())).toEqual(['about:blank']);
    return true;
  }

  async close(): Promise<void> {
    const context = this.#context;
    this.#context = null;
    this.#listeners.clear();
    await context?.close();
  }
}
