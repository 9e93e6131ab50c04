import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { WhmClient } from '../../utils/whm/client';
import { hostPermissionFor } from '../../utils/whm/session';
import { syncContentScripts } from './content-script-registration';
import { getEffectivePolicy, watchPolicyChanges } from './effective-policy';
import { handleMessage } from './handle-message';
import { CLIPBOARD_ALARM, createClipboardClearer } from './clipboard-clear';
import { FrameTasks } from './frame-tasks';
import { ownPageUrl, SECURE_FRAME_PATH } from '../../utils/own-pages';
import { isClipboardTraffic } from '../../utils/clipboard/offscreen-messages';
import { originOfNotification, REMINDER_ALARM, runReminders, setupReminders } from './reminders';
import { DISABLED_KEY, disabledServers, SNAPSHOTS_KEY, snapshotFromReport, type ServerSnapshot } from '../../utils/snapshots';

export default defineBackground(() => {
  // Memory only: a secret handed to a frame, and the clear that follows its copy.
  const frameUrl = ownPageUrl(SECURE_FRAME_PATH);
  const frames = new FrameTasks({ frameUrl });
  const clipboard = createClipboardClearer();
  // A tab that navigates or closes takes what it had not handed over with it.
  browser.tabs.onRemoved.addListener((tabId) => frames.dropTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) frames.dropTab(tabId);
  });

  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
  void syncContentScripts();
  // Read the policy now: managed storage takes about a second on its first read after the
  // browser starts, and the first audit should not wait for it.
  watchPolicyChanges();
  void getEffectivePolicy().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && DISABLED_KEY in changes) void syncContentScripts();
  });

  void setupReminders();
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === REMINDER_ALARM) await runReminders(await getEffectivePolicy(), Date.now());
    if (alarm.name === CLIPBOARD_ALARM) await clipboard.onAlarm();
  });
  browser.notifications.onClicked.addListener((id) => {
    const origin = originOfNotification(id);
    // The server's address, not a stored session link: WHM asks for a login if needed.
    if (origin) void browser.tabs.create({ url: `${origin}/` });
  });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
    // The clipboard clearer's own traffic (offscreen document) is not a request to us.
    if (isClipboardTraffic(message)) return undefined;
    // sendResponse + `return true` works with the polyfill and with the native API alike.
    void handleMessage(message, sender, {
      extensionId: browser.runtime.id,
      frameUrl,
      frames,
      clipboard,
      makeClient: (origin, cpsess) => new WhmClient({ origin, cpsess }),
      policy: getEffectivePolicy,
      now: () => Math.floor(Date.now() / 1000),
      isDisabled: async (origin) => {
        return (await disabledServers(browser.storage.local)).has(hostPermissionFor(origin) ?? '');
      },
      saveSnapshot: async (origin, report) => {
        const stored = (await browser.storage.local.get(SNAPSHOTS_KEY))[SNAPSHOTS_KEY] as Record<string, ServerSnapshot> | undefined;
        await browser.storage.local.set({ [SNAPSHOTS_KEY]: { ...stored, [origin]: snapshotFromReport(origin, report, Date.now()) } });
      },
      hasHostPermission: async (origin) => {
        const pattern = hostPermissionFor(origin);
        return !!pattern && browser.permissions.contains({ origins: [pattern] });
      },
    }).then(sendResponse);
    return true;
  });
});
