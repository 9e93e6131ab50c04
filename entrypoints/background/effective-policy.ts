import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { loadPolicy, type LoadedPolicy } from '../../utils/policy/policy-storage';
import { isPolicyChange } from '../../utils/policy/storage-keys';

/**
 * The policy the background audits and enforces with: enterprise-managed ▸ team file
 * ▸ the user's own settings ▸ defaults. Read once and kept until a layer changes
 * (storage.onChanged): reading managed storage can take seconds in a freshly started
 * browser, and every audit needs the policy.
 */
let cached: Promise<LoadedPolicy> | null = null;

export function loadEffectivePolicy(): Promise<LoadedPolicy> {
  cached ??= loadPolicy(browser.storage).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

export async function getEffectivePolicy(): Promise<EffectivePolicy> {
  return (await loadEffectivePolicy()).policy;
}

/** Forget the cached policy whenever a layer changes, so the next request reads it afresh. */
export function watchPolicyChanges(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (isPolicyChange(changes, area)) cached = null;
  });
}
