import { browser } from 'wxt/browser';
import { enabledServers } from '../../utils/servers';
import { apiTokensPatternFor, hostPermissionFor } from '../../utils/whm/session';

/**
 * Security promise 2: the content script runs only on servers the user enabled. It is
 * not in the manifest (a manifest match would be install-time access); instead, each
 * granted host gets its own registration limited to the Manage API Tokens path.
 * webext-dynamic-content-scripts registers whole origins and skips manifest-granted
 * hosts, so this small reconciler does it instead.
 */
const ID_PREFIX = 'api-tokens@';
const SCRIPT_FILE = '/content-scripts/api-tokens.js';

let queue: Promise<void> = Promise.resolve();

/** Brings registrations in line with the granted hosts; safe to call at any time. */
export function syncContentScripts(): Promise<void> {
  queue = queue.then(reconcile, reconcile);
  return queue;
}

async function reconcile(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const granted = new Set(origins);
  // Only servers the user enabled, by exact origin, whose host is granted. The page
  // script itself checks the port (a match pattern cannot, in Firefox), and the approved
  // Vault is never in this list, so it never gets a page script.
  const wanted = new Map<string, string>();
  for (const origin of await enabledServers(browser.storage.local)) {
    const host = hostPermissionFor(origin);
    const pattern = host && granted.has(host) ? apiTokensPatternFor(host) : null;
    if (host && pattern) wanted.set(ID_PREFIX + host, pattern);
  }
  const registered = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(ID_PREFIX));
  const stale = registered.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const have = new Set(registered.map((s) => s.id));
  const missing = [...wanted].filter(([id]) => !have.has(id));
  if (!missing.length) return;
  await browser.scripting.registerContentScripts(
    missing.map(([id, pattern]) => ({ id, matches: [pattern], js: [SCRIPT_FILE.slice(1)], runAt: 'document_start' as const, persistAcrossSessions: true })),
  );
  // A page already open when the user enabled its server gets the script now, so the
  // click in the popup shows its effect without a reload.
  await Promise.all(missing.map(([, pattern]) => injectIntoOpenTabs(pattern)));
}

async function injectIntoOpenTabs(pattern: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: pattern });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [SCRIPT_FILE] }).catch(() => undefined),
    ),
  );
}

export async function registeredPatterns(): Promise<string[]> {
  const registered = await browser.scripting.getRegisteredContentScripts();
  return registered.filter((s) => s.id.startsWith(ID_PREFIX)).flatMap((s) => s.matches ?? []);
}
