import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../assets/whm-style.css';
import { ServerToggle } from '../../components/ServerToggle';
import { SNAPSHOTS_KEY, type ServerSnapshot } from '../../utils/snapshots';
import { approvedVaultOrigin, enabledServers, exactOrigin, hostStillNeeded, setServerEnabled } from '../../utils/servers';
import { hostPermissionFor, isApiTokensPage, isWhmUrl } from '../../utils/whm/session';
import { uiLocale } from '../../utils/i18n';

/**
 * The toolbar popup. Clicking the toolbar button grants `activeTab`, which is what lets
 * us read the current tab's address without the `tabs` permission. (`?tab=ID` names a
 * tab explicitly; the e2e tests open the popup that way.)
 */
async function currentTabUrl(): Promise<string | undefined> {
  const explicit = Number(new URLSearchParams(location.search).get('tab'));
  if (explicit) return (await browser.tabs.get(explicit)).url;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

async function readList<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.local.get(key))[key] as T | undefined;
}

async function start(): Promise<void> {
  document.documentElement.lang = uiLocale();
  const url = await currentTabUrl();
  const permission = url && isWhmUrl(url) ? hostPermissionFor(url) : null;
  const snapshots = (await readList<Record<string, ServerSnapshot>>(SNAPSHOTS_KEY)) ?? {};
  const enabled = await enabledServers(browser.storage.local);
  // The server is its exact origin: the same host on another port is another server.
  const origin = (url && exactOrigin(url)) ?? '';
  const current = permission
    ? {
        host: new URL(url!).host,
        origin,
        enabled: enabled.has(origin) && (await browser.permissions.contains({ origins: [permission] })),
        onTokensPage: isApiTokensPage(new URL(url!).pathname),
        snapshot: snapshots[origin] ?? null,
      }
    : null;
  render(
    <ServerToggle
      current={current}
      servers={Object.values(snapshots).sort((a, b) => a.host.localeCompare(b.host))}
      nowMs={Date.now()}
      openOptions={() => void browser.runtime.openOptionsPage()}
      enable={async () => {
        if (!permission) return false;
        // permissions.request must run inside the click, before any other await.
        const granted = await browser.permissions.request({ origins: [permission] });
        if (granted) await setServerEnabled(browser.storage.local, origin, true);
        return granted;
      }}
      disable={async () => {
        if (!permission) return;
        await setServerEnabled(browser.storage.local, origin, false);
        // Gives the host permission back when it was granted by the user and nothing else
        // of ours lives on that host; a host the build or an administrator granted cannot
        // be removed, and the server stays switched off all the same.
        const still = hostStillNeeded(origin, await enabledServers(browser.storage.local), await approvedVaultOrigin(browser.storage.local));
        if (!still) await browser.permissions.remove({ origins: [permission] }).catch(() => false);
      }}
    />,
    document.getElementById('app')!,
  );
}

void start();
