import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { loadPolicy, type PolicyStorage } from '../../utils/policy/policy-storage';
import { TEAM_POLICY_KEY, USER_SETTINGS_KEY } from '../../utils/policy/storage-keys';

/**
 * The policy the background audits and enforces with: enterprise-managed ▸ team file
 * ▸ the user's own settings ▸ defaults, read afresh for every request.
 *
 * Only the managed layer is kept between requests: reading storage.managed can take
 * seconds in a freshly started browser. The team file and the user's settings are
 * read each time (a few milliseconds). Caching them too would race: an open WHM tab
 * audits again as soon as it sees an import, and its request could reach us before
 * our own storage.onChanged listener had dropped the stale copy.
 */
let managed: Promise<Record<string, unknown>> | null = null;

function managedValues(): Promise<Record<string, unknown>> {
  managed ??= Promise.resolve(browser.storage.managed?.get(null) ?? {}).catch(() => {
    // No managed storage (e.g. Firefox without policies.json): nothing enforced by an admin.
    managed = null;
    return {};
  });
  return managed;
}

// Checking a policy (zod, and the naming pattern's backtracking analysis) costs more than
// reading it, so the last outcome is kept for as long as the stored layers are the same.
let memo: { key: string; policy: EffectivePolicy } | null = null;

export async function getEffectivePolicy(): Promise<EffectivePolicy> {
  const [local, admin] = await Promise.all([browser.storage.local.get([TEAM_POLICY_KEY, USER_SETTINGS_KEY]), managedValues()]);
  const key = JSON.stringify([local, admin]);
  if (memo?.key === key) return memo.policy;
  const storage: PolicyStorage = { local: { get: async () => local }, managed: { get: async () => admin } };
  const { policy } = await loadPolicy(storage);
  memo = { key, policy };
  return policy;
}

/** Forget the managed values when an administrator changes them. */
export function watchPolicyChanges(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') managed = null;
  });
}
