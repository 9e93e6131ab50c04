import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ServerToggle, type ServerToggleProps } from '../../components/ServerToggle';
import { hostPermissionFor, isWhmUrl } from '../../utils/whm/session';

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

async function start(): Promise<void> {
  const url = await currentTabUrl();
  const permission = url && isWhmUrl(url) ? hostPermissionFor(url) : null;
  const props: ServerToggleProps = permission
    ? {
        host: new URL(url!).hostname,
        enabled: await browser.permissions.contains({ origins: [permission] }),
        // permissions.request must run inside the click, before any await.
        enable: () => browser.permissions.request({ origins: [permission] }),
      }
    : { host: null, enabled: false, enable: async () => false };
  render(<ServerToggle {...props} />, document.getElementById('app')!);
}

void start();
