import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { WhmClient } from '../../utils/whm/client';
import { hostPermissionFor } from '../../utils/whm/session';
import { syncContentScripts } from './content-script-registration';
import { getEffectivePolicy } from './effective-policy';
import { handleMessage } from './handle-message';

export default defineBackground(() => {
  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
  void syncContentScripts();

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    // sendResponse + `return true` works with the polyfill and with the native API alike.
    void handleMessage(message, sender, {
      extensionId: browser.runtime.id,
      makeClient: (origin, cpsess) => new WhmClient({ origin, cpsess }),
      policy: getEffectivePolicy,
      now: () => Math.floor(Date.now() / 1000),
      hasHostPermission: async (origin) => {
        const pattern = hostPermissionFor(origin);
        return !!pattern && browser.permissions.contains({ origins: [pattern] });
      },
    }).then(sendResponse);
    return true;
  });
});
