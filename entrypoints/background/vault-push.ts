import type { TokenEntry } from '../../utils/export/token-entry';
import { readVaultKvAnswer, vaultKvPath, vaultKvRequest } from '../../utils/export/vault-kv';
import { t } from '../../utils/i18n';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { WhmError } from '../../utils/whm/errors';

/**
 * Pushes one token to HashiCorp Vault KV v2 at the policy's address, mount and path
 * template, create-only (`cas: 0`): an existing secret is never overwritten. The Vault
 * token is used for this one request and never kept. The extension needs host access
 * to the Vault origin, granted when the address is configured in the options page.
 */
export async function pushToVault(
  entry: TokenEntry,
  vaultToken: string,
  namespace: string | undefined,
  policy: EffectivePolicy,
  deps: { fetch: typeof fetch; hasHostPermission: (origin: string) => Promise<boolean> },
): Promise<{ path: string; version: number | null }> {
  const { address, mount, pathTemplate } = policy.vault;
  if (!address) throw new WhmError('whm', t('vault.noAddress'));
  if (!(await deps.hasHostPermission(address))) {
    throw new WhmError('permission', t('vault.notAllowed', [address]));
  }
  const now = new Date();
  const { url, init } = vaultKvRequest(entry, { address, mount, pathTemplate, ...(namespace ? { namespace } : {}) }, vaultToken, now);
  let status: number;
  let text: string;
  try {
    const response = await deps.fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw new WhmError('network', t('vault.unreachable', [address, error instanceof Error ? error.message : String(error)]));
  }
  const answer = readVaultKvAnswer(status, text);
  if (!answer.ok) throw new WhmError('whm', t('vault.refused', [answer.message]), answer.message);
  return { path: `${mount}/${vaultKvPath(pathTemplate, entry, now)}`, version: answer.version };
}
