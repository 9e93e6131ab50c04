import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { WhmClient } from '../../utils/whm/client';
import { hostPermissionFor } from '../../utils/whm/session';
import { syncContentScripts } from './content-script-registration';
import { getAuditPolicy, getEffectivePolicy, watchPolicyChanges } from './effective-policy';
import { handleMessage } from './handle-message';
import { CLIPBOARD_ALARM, createClipboardClearer } from './clipboard-clear';
import { FrameTasks } from './frame-tasks';
import { ownPageUrl, SECURE_FRAME_PATH } from '../../utils/own-pages';
import { isClipboardTraffic } from '../../utils/clipboard/offscreen-messages';
import { originOfNotification, REMINDER_ALARM, runReminders, setupReminders } from './reminders';
import { SNAPSHOTS_KEY, snapshotFromReport, type ServerSnapshot } from '../../utils/snapshots';
import { approvedVaultOrigin, ENABLED_KEY, enabledServers, LEGACY_DISABLED_KEY, migrateEnablements } from '../../utils/servers';

export default defineBackground(() => {
  // Memory only: a secret handed to a frame, and the clear that follows its copy.
  const frameUrl = ownPageUrl(SECURE_FRAME_PATH);
  const frames = new FrameTasks({ frameUrl });
  const clipboard = createClipboardClearer();
  // A tab that navigates or closes takes what it had not handed over with it.
  frames.followTabs(browser.tabs);

  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());
  void syncContentScripts();
  // Servers are enabled by exact origin now; an update from a version that enabled whole
  // hosts keeps what the user had. A new install starts with none.
  browser.runtime.onInstalled.addListener(({ reason }) => {
    const done = reason === 'update' ? migrateToExactOrigins() : reason === 'install' ? browser.storage.local.set({ [ENABLED_KEY]: [] }) : Promise.resolve();
    void done.then(() => syncContentScripts());
  });
  // Read the policy now: managed storage takes about a second on its first read after the
  // browser starts, and the first audit should not wait for it.
  watchPolicyChanges();
  void getEffectivePolicy().catch(() => undefined);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && ENABLED_KEY in changes) void syncContentScripts();
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
      // An audit may use the managed values as last read while storage.managed is slow (effective-policy.ts).
      policy: (message as { type?: unknown } | null)?.type === 'audit:run' ? getAuditPolicy : getEffectivePolicy,
      now: () => Math.floor(Date.now() / 1000),
      isEnabled: async (origin) => (await enabledServers(browser.storage.local)).has(origin),
      saveSnapshot: async (origin, report) => {
        const stored = (await browser.storage.local.get(SNAPSHOTS_KEY))[SNAPSHOTS_KEY] as Record<string, ServerSnapshot> | undefined;
        await browser.storage.local.set({ [SNAPSHOTS_KEY]: { ...stored, [origin]: snapshotFromReport(origin, report, Date.now()) } });
      },
      approvedVaultOrigin: () => approvedVaultOrigin(browser.storage.local),
      hasHostPermission: async (origin) => {
        const pattern = hostPermissionFor(origin);
        return !!pattern && browser.permissions.contains({ origins: [pattern] });
      },
    }).then(sendResponse);
    return true;
  });
});

/** Once: the host-wide enablements of earlier versions become exact origins (servers.ts). */
async function migrateToExactOrigins(): Promise<void> {
  const stored = await browser.storage.local.get([ENABLED_KEY, LEGACY_DISABLED_KEY, SNAPSHOTS_KEY]);
  if (Array.isArray(stored[ENABLED_KEY])) return;
  const { origins = [] } = await browser.permissions.getAll();
  const enabled = migrateEnablements({
    grantedPatterns: origins,
    disabledPatterns: new Set((stored[LEGACY_DISABLED_KEY] as string[] | undefined) ?? []),
    seenOrigins: Object.keys((stored[SNAPSHOTS_KEY] as Record<string, unknown> | undefined) ?? {}),
  });
  await browser.storage.local.set({ [ENABLED_KEY]: enabled });
  await browser.storage.local.remove(LEGACY_DISABLED_KEY);
}
