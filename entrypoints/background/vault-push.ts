import type { TokenEntry } from '../../utils/export/token-entry';
import { readVaultKvAnswer, vaultKvPath, vaultKvRequest } from '../../utils/export/vault-kv';
import { t } from '../../utils/i18n';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { WhmError } from '../../utils/whm/errors';

/**
 * Pushes one token to HashiCorp Vault KV v2 at the policy's address, mount and path
 * template, create-only (`cas: 0`): an existing secret is never overwritten. The Vault
 * token is used for this one request and never kept.
 *
 * Only to the one Vault origin the user approved (scheme, host and port, in the options
 * page, with its own host permission), and never following a redirect: a redirect would
 * carry the Vault token and the secret to wherever it points. A Vault HA standby answers
 * 307 towards the active node, so the approved address must be the active node's or the
 * load balancer's.
 */
export async function pushToVault(
  entry: TokenEntry,
  vaultToken: string,
  namespace: string | undefined,
  policy: EffectivePolicy,
  deps: { fetch: typeof fetch; hasHostPermission: (origin: string) => Promise<boolean>; approvedOrigin: () => Promise<string | null> },
): Promise<{ path: string; version: number | null }> {
  const { address, mount, pathTemplate } = policy.vault;
  if (!address) throw new WhmError('whm', t('vault.noAddress'));
  const origin = new URL(address).origin;
  if ((await deps.approvedOrigin()) !== origin || !(await deps.hasHostPermission(origin))) {
    throw new WhmError('permission', t('vault.notAllowed', [origin]));
  }
  const now = new Date();
  const { url, init } = vaultKvRequest(entry, { address, mount, pathTemplate, ...(namespace ? { namespace } : {}) }, vaultToken, now);
  let status: number;
  let text: string;
  try {
    const response = await deps.fetch(url, { ...init, credentials: 'omit', cache: 'no-store', redirect: 'error' });
    status = response.status;
    text = await response.text();
  } catch (error) {
    // fetch cannot tell a refused redirect from a dead network: say both.
    throw new WhmError('network', t('vault.unreachableOrRedirect', [origin, error instanceof Error ? error.message : String(error)]));
  }
  const answer = readVaultKvAnswer(status, text);
  if (!answer.ok) throw new WhmError('whm', t('vault.refused', [answer.message]), answer.message);
  return { path: `${mount}/${vaultKvPath(pathTemplate, entry, now)}`, version: answer.version };
}
