import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { loadPolicy, type LoadedPolicy } from '../../utils/policy/policy-storage';

/**
 * The policy the background audits and enforces with: enterprise-managed ▸ team file
 * ▸ the user's own settings ▸ defaults, read afresh for every request so a change in
 * the options page (or by an administrator) applies at once.
 */
export function loadEffectivePolicy(): Promise<LoadedPolicy> {
  return loadPolicy(browser.storage);
}

export async function getEffectivePolicy(): Promise<EffectivePolicy> {
  return (await loadEffectivePolicy()).policy;
}
