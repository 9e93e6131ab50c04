import { browser } from 'wxt/browser';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { acceptedPatterns } from '../../utils/policy/checked-patterns';
import { loadPolicyLayers, type PolicyStorage } from '../../utils/policy/policy-layers';
import { recordedPolicyCheck } from '../../utils/policy/recorded-policy-check';
import { CHECKED_PATTERNS_KEY, MANAGED_COPY_KEY, TEAM_POLICY_KEY, USER_SETTINGS_KEY } from '../../utils/policy/storage-keys';

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
/** The managed values once this worker has read them; null until then. */
let managedRead: Record<string, unknown> | null = null;

function managedValues(): Promise<Record<string, unknown>> {
  managed ??= Promise.resolve(browser.storage.managed?.get(null) ?? {}).then(
    (values) => {
      managedRead = values;
      void keepManagedCopy(values);
      return values;
    },
    () => {
      // No managed storage (e.g. Firefox without policies.json): nothing enforced by an admin.
      managed = null;
      managedRead = {};
      return {};
    },
  );
  return managed;
}

/**
 * The first storage.managed read after a browser start took 2.8–4.9 s in Chromium (with or
 * without a policy), and the first page's banner waited for it. So the values as last
 * read are kept in storage.local, which only the extension writes, and an audit may use
 * that copy while the read is pending (`getAuditPolicy`). When the read lands and differs,
 * the copy is rewritten, and that change makes the open WHM tabs audit again
 * (storage-keys.ts `isPolicyChange`): at worst the first banner after a start is shown by
 * the administrator's previous values for those few seconds. Everything that acts —
 * creating, rotating, fixing, the form — waits for the read itself.
 */
async function keepManagedCopy(values: Record<string, unknown>): Promise<void> {
  const stored = (await browser.storage.local.get(MANAGED_COPY_KEY))[MANAGED_COPY_KEY];
  if (JSON.stringify(stored) !== JSON.stringify(values)) await browser.storage.local.set({ [MANAGED_COPY_KEY]: values });
}

// Checking a policy costs more than reading it, so the last outcome is kept for as long
// as the stored layers (and the record of checked naming patterns) are the same.
let memo: { key: string; policy: EffectivePolicy } | null = null;

/**
 * The naming pattern's analysis is not in the background (it weighs a megabyte, and a
 * service worker cannot load it lazily): a pattern runs here only if the options page
 * recorded it as checked (utils/policy/checked-patterns.ts); any other is left out until
 * that page has been opened (utils/policy/recorded-policy-check.ts).
 */
export function getEffectivePolicy(): Promise<EffectivePolicy> {
  return effectivePolicy(false);
}

/** The policy for an audit, which may take the managed values as last read while storage.managed is slow (see keepManagedCopy). */
export function getAuditPolicy(): Promise<EffectivePolicy> {
  return effectivePolicy(true);
}

async function effectivePolicy(lastKnownManaged: boolean): Promise<EffectivePolicy> {
  const reading = managedValues();
  const local = await browser.storage.local.get([TEAM_POLICY_KEY, USER_SETTINGS_KEY, CHECKED_PATTERNS_KEY, MANAGED_COPY_KEY]);
  const copy = local[MANAGED_COPY_KEY];
  const useCopy = lastKnownManaged && managedRead === null && typeof copy === 'object' && copy !== null;
  const admin = useCopy ? (copy as Record<string, unknown>) : await reading;
  const layers = { [TEAM_POLICY_KEY]: local[TEAM_POLICY_KEY], [USER_SETTINGS_KEY]: local[USER_SETTINGS_KEY], [CHECKED_PATTERNS_KEY]: local[CHECKED_PATTERNS_KEY] };
  const key = JSON.stringify([layers, admin]);
  if (memo?.key === key) return memo.policy;
  const storage: PolicyStorage = { local: { get: async () => layers }, managed: { get: async () => admin } };
  const { policy } = await loadPolicyLayers(storage, recordedPolicyCheck(acceptedPatterns(layers[CHECKED_PATTERNS_KEY])));
  memo = { key, policy };
  return policy;
}

/** Forget the managed values when an administrator changes them. */
export function watchPolicyChanges(): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    // Read again at the next request; the copy stays unused (this worker has read the
    // values once, so the next read is quick), and is rewritten once the new values land.
    if (area === 'managed') managed = null;
  });
}
