import { acceptedPatterns, checkedPatternsItems, namingPatternOf } from './checked-patterns';
import { checkPolicyFile, type PolicyFile } from './policy-file';
import { loadPolicyLayers, type LoadedPolicy, type PolicyStorage } from './policy-layers';
import { CHECKED_PATTERNS_KEY, TEAM_POLICY_KEY, USER_SETTINGS_KEY } from './storage-keys';

/**
 * The policy layers as the options page reads and writes them: every layer checked in
 * full (naming pattern analysis included), and every naming pattern that passes recorded
 * for the background, which runs no other (checked-patterns.ts).
 */
export { TEAM_POLICY_KEY, USER_SETTINGS_KEY };
export type { LoadedPolicy, PolicyStorage, StoredTeamPolicy } from './policy-layers';

interface WritableArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Reads every layer and checks it in full. */
export function loadPolicy(storage: PolicyStorage): Promise<LoadedPolicy> {
  return loadPolicyLayers(storage, checkPolicyFile);
}

/**
 * The items to store with a layer that just passed the full check: the layer itself and,
 * when it sets a naming pattern, the record of that pattern, in one write so the
 * background never sees the layer before its record.
 */
export async function withCheckedPattern(local: WritableArea, items: Record<string, unknown>, checked: PolicyFile): Promise<Record<string, unknown>> {
  const pattern = namingPatternOf(checked);
  if (pattern === undefined) return items;
  const recorded = acceptedPatterns((await local.get(CHECKED_PATTERNS_KEY))[CHECKED_PATTERNS_KEY]);
  return { ...items, ...checkedPatternsItems([...recorded, pattern]) };
}

/**
 * Records exactly the naming patterns of `loaded`, which loadPolicy checked in full: the
 * managed ones no page had checked yet, and the stored ones after an update brought a new
 * checker. Writes only when the record changes, so the page's own change listener, which
 * loads again, settles at once.
 */
export async function recordCheckedPatterns(local: WritableArea, loaded: LoadedPolicy): Promise<void> {
  const inUse = [loaded.team?.file, loaded.user, loaded.managed].map(namingPatternOf).filter((p): p is string => p !== undefined);
  const items = checkedPatternsItems(inUse);
  const stored = (await local.get(CHECKED_PATTERNS_KEY))[CHECKED_PATTERNS_KEY];
  if (JSON.stringify(stored) === JSON.stringify(items[CHECKED_PATTERNS_KEY])) return;
  await local.set(items);
}
