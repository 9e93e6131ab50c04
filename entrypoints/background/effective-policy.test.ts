import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEAM_POLICY_KEY } from '../../utils/policy/storage-keys';

// A fresh module per test: the managed cache must not leak from one test to the next.
let getEffectivePolicy: typeof import('./effective-policy').getEffectivePolicy;
beforeEach(async () => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  vi.resetModules();
  ({ getEffectivePolicy } = await import('./effective-policy'));
});

describe('the background policy', () => {
  it('sees a team file the moment it is stored, before any change event reached us', async () => {
    // No watchPolicyChanges(): the content script may ask before our listener runs.
    expect((await getEffectivePolicy()).naming.pattern).toBeNull();
    await fakeBrowser.storage.local.set({ [TEAM_POLICY_KEY]: { file: { version: 1, naming: { pattern: '^ops-[a-z]+$' } }, fileName: 'a.token-policy.json', importedAt: 1 } });
    expect((await getEffectivePolicy()).naming.pattern).toBe('^ops-[a-z]+$');
  });

  it('reads managed storage once, not on every request', async () => {
    const managed = vi.spyOn(fakeBrowser.storage.managed, 'get');
    await getEffectivePolicy();
    await getEffectivePolicy();
    await getEffectivePolicy();
    expect(managed).toHaveBeenCalledTimes(1);
  });
});
