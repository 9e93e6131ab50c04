import type { Download, Page } from '@playwright/test';
import { startVaultKvSim, type VaultKvSim } from '../../tests/vault-kv/server.ts';
import { expect, test } from './fixtures';
import { approveVault, createViaWhm, secureFrame, setUserSettings } from './secret-helpers';

const VAULT_TOKEN = 'hvs.e2e-vault-token';
let vault: VaultKvSim;
test.beforeAll(async () => {
  // No HashiCorp Vault can be installed here: tests/vault-kv/server.ts implements the
  // documented KV v2 create-only semantics on loopback HTTPS.
  vault = await startVaultKvSim({ token: VAULT_TOKEN });
});
test.afterAll(() => vault.close());

async function readDownload(download: Download): Promise<string> {
  const chunks = await (await download.createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8');
}

/** Downloads one export. The file is made and downloaded inside our frame; the page object sees every download of its frames. */
export async function exportAs(page: Page, format: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), secureFrame(page).locator(`[data-export="${format}"]`).click()]);
  return { name: download.suggestedFilename(), text: await readDownload(download) };
}

test('every file format downloads with server, token name and date in its name, and warns about plain text', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-export-20261128' });
  const expected: Record<string, RegExp> = {
    'keepass-xml': /<KeePassFile>[\s\S]*<Key>Password<\/Key>\s*<Value ProtectInMemory="True">[A-Z0-9]{32}<\/Value>/,
    'keepass-csv': /^"Group","Title","Username","Password","URL","Notes"/,
    'bitwarden-json': /"encrypted":\s*false/,
    'bitwarden-csv': /^folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp/,
    '1password-csv': /^title,website,username,password,notes/,
    dotenv: /^WHM_API_TOKEN=[A-Z0-9]{32}$/m,
  };
  for (const [format, shape] of Object.entries(expected)) {
    const file = await exportAs(page, format);
    expect(file.name, format).toMatch(/127\.0\.0\.1.*ops-export-20261128.*\d{4}-\d{2}-\d{2}/);
    expect(file.text, format).toMatch(shape);
    expect(file.text, format).toContain(secret);
    await expect(secureFrame(page).getByTestId('export-result')).toContainText(/plain text/);
  }
  const bitwarden = JSON.parse((await exportAs(page, 'bitwarden-json')).text);
  expect(bitwarden.items[0].login.password).toBe(secret);
  expect(bitwarden.items[0].folderId).toBe(bitwarden.folders[0].id);
});

test('age export needs a passphrase, rates it, and holds no plaintext', async ({ openTokensPage }) => {
  const page = await openTokensPage();
  const secret = await createViaWhm(page, { name: 'ops-age-20261128' });
  await expect(secureFrame(page).locator('[data-export=age]')).toBeDisabled();
  await secureFrame(page).getByTestId('age-passphrase').fill('password123');
  await expect(secureFrame(page).getByTestId('passphrase-strength')).toHaveAttribute('data-score', /^[01]$/);
  await secureFrame(page).getByTestId('age-passphrase').fill('correct horse battery staple orbit lantern');
  await expect(secureFrame(page).getByTestId('passphrase-strength')).toHaveAttribute('data-score', /^[34]$/);
  const file = await exportAs(page, 'age');
  expect(file.name).toMatch(/\.age$/);
  expect(file.text).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----/);
  expect(file.text).not.toContain(secret);
  await expect(secureFrame(page).getByTestId('export-result')).toContainText(/encrypted/);
});

test('Vault KV push: approved in the options page, shows where it writes, stores create-only, and shows Vault’s refusal on a second push', async ({ context, extensionId, openTokensPage, serviceWorker }) => {
  await setUserSettings(serviceWorker, { vault: { address: vault.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
  const page = await openTokensPage();
  await createViaWhm(page, { name: 'ops-vault-20261128' });
  const frame = secureFrame(page);
  // Not approved yet: nothing is sent.
  await frame.getByTestId('vault-token').fill(VAULT_TOKEN);
  await frame.locator('[data-export=vault-kv]').click();
  await expect(frame.getByTestId('export-result')).toHaveAttribute('data-ok', 'false');
  await expect(frame.getByTestId('export-result')).toContainText(vault.origin);
  expect(vault.requests).toEqual([]);

  // The user approves that one origin in the options page.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('allow-vault').click();
  await expect(options.getByTestId('vault-approved')).toHaveAttribute('data-origin', vault.origin);
  await options.close();

  // The push says where it writes before it does.
  await expect(frame.getByTestId('vault-target')).toContainText(`${vault.origin}/v1/secret/data/whm/127.0.0.1/ops-vault-20261128`);
  await frame.getByTestId('vault-token').fill(VAULT_TOKEN);
  await frame.locator('[data-export=vault-kv]').click();
  await expect(frame.getByTestId('export-result')).toHaveAttribute('data-ok', 'true');
  await expect(frame.getByTestId('export-result')).toContainText('secret/whm/127.0.0.1/ops-vault-20261128');
  const secret = (await page.locator('#tokenAdded_container code').textContent())!.trim();
  expect(vault.secrets.get('whm/127.0.0.1/ops-vault-20261128')?.data.token).toBe(secret);
  // The Vault token field is emptied after use; it is never stored.
  await expect(frame.getByTestId('vault-token')).toHaveValue('');
  await frame.getByTestId('vault-token').fill(VAULT_TOKEN);
  await frame.locator('[data-export=vault-kv]').click();
  await expect(frame.getByTestId('export-result')).toHaveAttribute('data-ok', 'false');
  await expect(frame.getByTestId('export-result')).toContainText(/already exists|nothing was overwritten/);
  expect(vault.secrets.size).toBe(1);
  // A wrong Vault token: Vault's own error is shown.
  await frame.getByTestId('vault-token').fill('wrong');
  await frame.locator('[data-export=vault-kv]').click();
  await expect(frame.getByTestId('export-result')).toContainText(/permission denied/);
});

test('a Vault that answers 307 to another host: nothing reaches that host, and the panel says why', async ({ openTokensPage, serviceWorker }) => {
  // 127.0.0.2 is another host as far as the browser knows, and the extension has no access to it.
  const elsewhere = await startVaultKvSim({ token: VAULT_TOKEN, host: '127.0.0.2', cors: true });
  const standby = await startVaultKvSim({ token: VAULT_TOKEN, redirectTo: elsewhere.origin });
  try {
    await setUserSettings(serviceWorker, { vault: { address: standby.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
    await approveVault(serviceWorker, standby.origin);
    const page = await openTokensPage();
    await createViaWhm(page, { name: 'ops-redirect-20261128' });
    const frame = secureFrame(page);
    await frame.getByTestId('vault-token').fill(VAULT_TOKEN);
    await frame.locator('[data-export=vault-kv]').click();
    await expect(frame.getByTestId('export-result')).toHaveAttribute('data-ok', 'false');
    await expect(frame.getByTestId('export-result')).toContainText(/redirect/);
    await expect(frame.getByTestId('export-result')).toContainText(/standby/);
    expect(standby.requests.map((r) => r.method)).toEqual(['POST']);
    expect(elsewhere.requests).toEqual([]);
  } finally {
    await standby.close();
    await elsewhere.close();
  }
});
