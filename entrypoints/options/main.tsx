import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../assets/whm-style.css';
import { OptionsPage } from '../../components/OptionsPage';
import { ServersView } from '../../components/ServersView';
import { ClipboardCheck } from '../../components/ClipboardCheck';
import { ConfirmWeakerPolicy } from '../../components/ConfirmWeakerPolicy';
import { DEFAULT_PREFS, PREFS_KEY, SNAPSHOTS_KEY, type Prefs, type ServerSnapshot } from '../../utils/snapshots';
import { approvedVaultOrigin, enabledServers, hostStillNeeded, setServerEnabled, VAULT_ORIGIN_KEY } from '../../utils/servers';
import { hostPermissionFor } from '../../utils/whm/session';
import { KNOWN_ACLS } from '../../utils/acl-catalog';
import { parsePolicyText, serializePolicyFile, type PolicyFile } from '../../utils/policy/policy-file';
import { loadPolicy, recordCheckedPatterns, TEAM_POLICY_KEY, USER_SETTINGS_KEY, withCheckedPattern, type StoredTeamPolicy } from '../../utils/policy/policy-storage';
import { effectiveAsPolicyFile } from '../../utils/policy/effective-as-file';
import { policyAfterImport, policyWeakenings, type Weakening } from '../../utils/policy/weakenings';
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

// A team file outranks the user's own settings, so one that would weaken the policy in
// force waits here until the user confirms (GitHub issue 11, item 5).
let pendingImport: { file: PolicyFile; fileName: string; weakenings: Weakening[]; confirming?: boolean } | undefined;

/** What importing `file` would weaken, against the layers as stored now (managed values still win). */
async function weakeningsOf(file: PolicyFile): Promise<Weakening[]> {
  const loaded = await loadPolicy(browser.storage);
  return policyWeakenings(loaded.policy, policyAfterImport(loaded, file));
}

async function importTeamFile(file: PolicyFile, fileName: string): Promise<void> {
  pendingImport = undefined;
  const stored: StoredTeamPolicy = { file, fileName, importedAt: Date.now() };
  // With the record of its naming pattern, which this page checked in full: the background runs no other.
  await browser.storage.local.set(await withCheckedPattern(browser.storage.local, { [TEAM_POLICY_KEY]: stored }, file));
  await show({ state: 'ok', message: file.name ? t('options.status.importedNamed', [file.name, fileName]) : t('options.status.imported', [fileName]) });
}

async function confirmPendingImport(): Promise<void> {
  const pending = pendingImport;
  if (!pending || pending.confirming) return;
  pending.confirming = true;
  // The layers may have changed while the question was open (say, a managed value was
  // withdrawn): if the file now weakens something the user was not shown, ask again.
  const shown = new Set(pending.weakenings.map((w) => JSON.stringify(w)));
  const now = await weakeningsOf(pending.file);
  if (now.some((w) => !shown.has(JSON.stringify(w)))) {
    pendingImport = { ...pending, weakenings: now, confirming: false };
    await show();
    return;
  }
  await importTeamFile(pending.file, pending.fileName);
}

function cancelPendingImport(): void {
  const pending = pendingImport;
  if (!pending) return;
  pendingImport = undefined;
  void show({ state: 'ok', message: t('options.status.importCancelled', [pending.fileName]) });
}

async function show(status?: Status): Promise<void> {
  if (status) lastStatus = status;
  const mine = ++generation;
  const loaded = await loadPolicy(browser.storage);
  const stored = await browser.storage.local.get([SNAPSHOTS_KEY, PREFS_KEY]);
  const snapshots = (stored[SNAPSHOTS_KEY] as Record<string, ServerSnapshot> | undefined) ?? {};
  const prefs: Prefs = { ...DEFAULT_PREFS, ...((stored[PREFS_KEY] as Partial<Prefs> | undefined) ?? {}) };
  const vaultOrigin = await approvedVaultOrigin(browser.storage.local);
  const readsClipboard = await browser.permissions.contains({ permissions: ['clipboardRead'] }).catch(() => false);
  // After the last read: a newer show() may have started during any of them.
  if (mine !== generation) return;
  // Managed patterns, and stored ones after an update, are checked here first: record them for the background.
  void recordCheckedPatterns(browser.storage.local, loaded);
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
        const weakenings = await weakeningsOf(check.policy);
        if (weakenings.length) {
          // Nothing is written until the user answers; the status waits for the answer too.
          pendingImport = { file: check.policy, fileName: file.name, weakenings };
          lastStatus = undefined;
          await show();
          return;
        }
        await importTeamFile(check.policy, file.name);
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
        await browser.storage.local.set(await withCheckedPattern(browser.storage.local, { [USER_SETTINGS_KEY]: check.policy }, check.policy));
        await show({ state: 'ok', message: t('options.status.saved') });
      }}
      approvedVault={vaultOrigin}
      onAllowVault={(origin) => {
        const pattern = hostPermissionFor(origin);
        // In the click itself: the browser only asks during a user gesture. The approval
        // is this exact origin; the grant is its own, whatever WHM servers share the host.
        if (!pattern) return;
        void browser.permissions
          .request({ origins: [pattern] })
          .then(async (granted) => {
            if (granted) await browser.storage.local.set({ [VAULT_ORIGIN_KEY]: origin });
          })
          .then(() => show());
      }}
    >
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
          await setServerEnabled(browser.storage.local, server.origin, false);
          const still = hostStillNeeded(server.origin, await enabledServers(browser.storage.local), await approvedVaultOrigin(browser.storage.local));
          if (pattern && !still) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
        }}
      />
    </OptionsPage>
    {pendingImport && (
      <ConfirmWeakerPolicy
        fileName={pendingImport.fileName}
        weakenings={pendingImport.weakenings}
        onConfirm={() => void confirmPendingImport()}
        onCancel={cancelPendingImport}
      />
    )}
    </>,
    root,
  );
}

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed' || area === 'local') void show();
});
void show();
