import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { WhmClient } from '../../utils/whm/client';
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
    }).then(sendResponse);
    return true;
  });
});
