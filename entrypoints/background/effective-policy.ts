import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { loadPolicy, type PolicyStorage } from '../../utils/policy/policy-storage';

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

// Looked up on each call, not captured: the storage areas are the browser's to replace.
const storage: PolicyStorage = {
  local: { get: (keys) => browser.storage.local.get(keys) },
  managed: {
    get: () =>
      (managed ??= Promise.resolve(browser.storage.managed?.get(null) ?? {}).catch((error: unknown) => {
        managed = null;
        throw error;
      })),
  },
};

export async function getEffectivePolicy(): Promise<EffectivePolicy> {
  return (await loadPolicy(storage)).policy;
}

/** Forget the managed values when an administrator changes them. */
export function watchPolicyChanges(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') managed = null;
  });
}
