import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsPage } from '../../components/OptionsPage';
import { KNOWN_ACLS } from '../../utils/acl-catalog';
import { parsePolicyText, serializePolicyFile, type PolicyFile } from '../../utils/policy/policy-file';
import { loadPolicy, TEAM_POLICY_KEY, USER_SETTINGS_KEY, type StoredTeamPolicy } from '../../utils/policy/policy-storage';
import { effectiveAsPolicyFile } from '../../utils/policy/effective-as-file';

/**
 * The options page: the effective policy with the source of every value, the team
 * policy file (import / export / remove) and the user's own settings. It writes to
 * storage.local; the background re-reads and re-checks on every request, and open
 * WHM tabs follow through storage.onChanged.
 */
const root = document.getElementById('app')!;

async function show(status?: { state: 'ok' | 'error'; message: string; problems?: Array<{ path: string; message: string }> }): Promise<void> {
  const loaded = await loadPolicy(browser.storage);
  render(
    <OptionsPage
      loaded={loaded}
      status={status}
      onImport={async (file) => {
        const check = parsePolicyText(await file.text(), { knownAcls: KNOWN_ACLS });
        if (!check.ok) {
          await show({ state: 'error', message: `“${file.name}” was not imported; the policy in force has not changed.`, problems: check.problems });
          return;
        }
        const stored: StoredTeamPolicy = { file: check.policy, fileName: file.name, importedAt: Date.now() };
        await browser.storage.local.set({ [TEAM_POLICY_KEY]: stored });
        await show({ state: 'ok', message: `Imported ${check.policy.name ? `“${check.policy.name}” ` : ''}from “${file.name}”.` });
      }}
      onRemoveTeam={async () => {
        await browser.storage.local.remove(TEAM_POLICY_KEY);
        await show({ state: 'ok', message: 'The team policy was removed.' });
      }}
      onExport={() => {
        const text = serializePolicyFile(effectiveAsPolicyFile(loaded.policy));
        const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = `${(loaded.policy.name ?? 'my').replace(/[^A-Za-z0-9_-]+/g, '-').toLowerCase()}.token-policy.json`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
      onSaveUser={async (user: PolicyFile) => {
        const check = parsePolicyText(JSON.stringify(user), { knownAcls: KNOWN_ACLS });
        if (!check.ok) {
          await show({ state: 'error', message: 'Your settings were not saved.', problems: check.problems });
          return;
        }
        await browser.storage.local.set({ [USER_SETTINGS_KEY]: check.policy });
        await show({ state: 'ok', message: 'Your settings were saved.' });
      }}
    />,
    root,
  );
}

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed' || area === 'local') void show();
});
void show();
