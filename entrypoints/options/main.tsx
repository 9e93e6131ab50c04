import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/OptionsPage';
import { ServersView } from '../../components/ServersView';
import { ClipboardCheck } from '../../components/ClipboardCheck';
import { DEFAULT_PREFS, PREFS_KEY, setServerDisabled, SNAPSHOTS_KEY, type Prefs, type ServerSnapshot } from '../../utils/snapshots';
import { hostPermissionFor } from '../../utils/whm/session';
import { KNOWN_ACLS } from '../../utils/acl-catalog';
import { parsePolicyText, serializePolicyFile, type PolicyFile } from '../../utils/policy/policy-file';
import { loadPolicy, TEAM_POLICY_KEY, USER_SETTINGS_KEY, type StoredTeamPolicy } from '../../utils/policy/policy-storage';
import { effectiveAsPolicyFile } from '../../utils/policy/effective-as-file';
import { t, uiLocale } from '../../utils/i18n';
import { downloadFile } from '../../utils/download-file';

/**
 * The options page: the effective policy with the source of every value, the team
 * policy file (import / export / remove) and the user's own settings. It writes to
 * storage.local; the background re-reads and re-checks on every request, and open
 * WHM tabs follow through storage.onChanged.
 */
const root = document.getElementById('app')!;
document.documentElement.lang = uiLocale();
document.title = t('options.title');

type Status = { state: 'ok' | 'error'; message: string; problems?: Array<{ path: string; message: string }> };

// The last outcome stays on screen across re-renders: an import's own storage write (or a
// WHM tab saving its snapshot) fires storage.onChanged, and that re-render must not wipe
// the "imported" or "not imported" message the user is reading.
let lastStatus: Status | undefined;
// Reads are async and may finish out of order; only the newest one may render, or an
// older read could paint the policy as it was before the import.
let generation = 0;

async function show(status?: Status): Promise<void> {
  if (status) lastStatus = status;
  const mine = ++generation;
  const loaded = await loadPolicy(browser.storage);
  const stored = await browser.storage.local.get([SNAPSHOTS_KEY, PREFS_KEY]);
  if (mine !== generation) return;
  const snapshots = (stored[SNAPSHOTS_KEY] as Record<string, ServerSnapshot> | undefined) ?? {};
  const prefs: Prefs = { ...DEFAULT_PREFS, ...((stored[PREFS_KEY] as Partial<Prefs> | undefined) ?? {}) };
  const readsClipboard = await browser.permissions.contains({ permissions: ['clipboardRead'] }).catch(() => false);
  render(
    <>
    <OptionsPage
      loaded={loaded}
      status={lastStatus}
      onImport={async (file) => {
        const check = parsePolicyText(await file.text(), { knownAcls: KNOWN_ACLS });
        if (!check.ok) {
          await show({ state: 'error', message: t('options.status.notImported', [file.name]), problems: check.problems });
          return;
        }
        const stored: StoredTeamPolicy = { file: check.policy, fileName: file.name, importedAt: Date.now() };
        await browser.storage.local.set({ [TEAM_POLICY_KEY]: stored });
        await show({ state: 'ok', message: check.policy.name ? t('options.status.importedNamed', [check.policy.name, file.name]) : t('options.status.imported', [file.name]) });
      }}
      onRemoveTeam={async () => {
        await browser.storage.local.remove(TEAM_POLICY_KEY);
        await show({ state: 'ok', message: t('options.status.removed') });
      }}
      onExport={() => {
        const text = serializePolicyFile(effectiveAsPolicyFile(loaded.policy));
        const fileName = `${(loaded.policy.name ?? 'my').replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}.token-policy.json`;
        downloadFile(document, fileName, text, 'application/json');
      }}
      onSaveUser={async (user: PolicyFile) => {
        const check = parsePolicyText(JSON.stringify(user), { knownAcls: KNOWN_ACLS });
        if (!check.ok) {
          await show({ state: 'error', message: t('options.status.notSaved'), problems: check.problems });
          return;
        }
        await browser.storage.local.set({ [USER_SETTINGS_KEY]: check.policy });
        await show({ state: 'ok', message: t('options.status.saved') });
      }}
      onAllowVault={(address) => {
        const pattern = hostPermissionFor(address);
        // In the click itself: the browser only asks during a user gesture.
        if (pattern) void browser.permissions.request({ origins: [pattern] }).then(() => show());
      }}
    />
    <ClipboardCheck
      granted={readsClipboard}
      onChange={(grant) => {
        // In the click itself: the browser only asks during a user gesture.
        const change = grant ? browser.permissions.request({ permissions: ['clipboardRead'] }) : browser.permissions.remove({ permissions: ['clipboardRead'] });
        void change.catch(() => false).then(() => show());
      }}
    />
    <ServersView
      servers={Object.values(snapshots).sort((a, b) => a.host.localeCompare(b.host))}
      prefs={prefs}
      nowMs={Date.now()}
      onReminders={async (on) => {
        await browser.storage.local.set({ [PREFS_KEY]: { ...prefs, reminders: on } });
      }}
      onRemove={async (server) => {
        const { [server.origin]: _removed, ...rest } = snapshots;
        const pattern = hostPermissionFor(server.origin);
        await browser.storage.local.set({ [SNAPSHOTS_KEY]: rest });
        if (pattern) {
          await setServerDisabled(browser.storage.local, pattern, true);
          await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
        }
      }}
    />
    </>,
    root,
  );
}

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed' || area === 'local') void show();
});
void show();
