import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkedPatternsItems } from './checked-patterns';
import { loadPolicy, recordCheckedPatterns, TEAM_POLICY_KEY, USER_SETTINGS_KEY, withCheckedPattern } from './policy-storage';
import { CHECKED_PATTERNS_KEY } from './storage-keys';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('loadPolicy', () => {
  it('is the defaults with nothing stored', async () => {
    const loaded = await loadPolicy(fakeBrowser.storage);
    expect(loaded.policy.expiry.defaultDays).toBe(90);
    expect(loaded.sources['expiry.defaultDays']).toBe('default');
    expect(loaded.problems).toEqual([]);
  });

  it('layers managed over team over user', async () => {
    await fakeBrowser.storage.local.set({
      [TEAM_POLICY_KEY]: { file: { version: 1, expiry: { defaultDays: 30, warnDays: 7 } }, fileName: 't.json', importedAt: 1 },
      [USER_SETTINGS_KEY]: { expiry: { defaultDays: 60, maxDays: 120 }, enforcement: 'block' },
    });
    await fakeBrowser.storage.managed.set({ enforcement: 'warn', expiry: { maxDays: 45 } });
    const loaded = await loadPolicy(fakeBrowser.storage);
    expect(loaded.policy.enforcement).toBe('warn');
    expect(loaded.sources.enforcement).toBe('managed');
    expect(loaded.policy.expiry).toMatchObject({ defaultDays: 30, maxDays: 45, warnDays: 7 });
    expect(loaded.sources['expiry.defaultDays']).toBe('team');
    expect(loaded.team?.fileName).toBe('t.json');
  });

  it('leaves out a stored layer that no longer validates, and says so', async () => {
    await fakeBrowser.storage.local.set({ [USER_SETTINGS_KEY]: { expiry: { defaultDays: 'soon' } } });
    const loaded = await loadPolicy(fakeBrowser.storage);
    expect(loaded.user).toBeNull();
    expect(loaded.problems).toContainEqual(expect.objectContaining({ layer: 'user', path: '$.expiry.defaultDays' }));
    expect(loaded.policy.expiry.defaultDays).toBe(90);
  });

  it('keeps the valid part of a managed policy and reports the rest', async () => {
    await fakeBrowser.storage.managed.set({ enforcement: 'block', expiry: { maxDays: -3 } });
    const loaded = await loadPolicy(fakeBrowser.storage);
    expect(loaded.policy.enforcement).toBe('block');
    expect(loaded.policy.expiry.maxDays).toBe(365);
    expect(loaded.problems).toContainEqual(expect.objectContaining({ layer: 'managed', path: '$.expiry.maxDays' }));
  });
});

describe('the options page records the naming patterns it checked', () => {
  const PATTERN = '^ops-[a-z]+$';
  const record = async () => (await fakeBrowser.storage.local.get(CHECKED_PATTERNS_KEY))[CHECKED_PATTERNS_KEY];

  it('stores a checked layer together with the record of its pattern', async () => {
    const items = await withCheckedPattern(fakeBrowser.storage.local, { [USER_SETTINGS_KEY]: { naming: { pattern: PATTERN } } }, { naming: { pattern: PATTERN } });
    expect(items).toEqual({ [USER_SETTINGS_KEY]: { naming: { pattern: PATTERN } }, ...checkedPatternsItems([PATTERN]) });
    expect(await withCheckedPattern(fakeBrowser.storage.local, { [USER_SETTINGS_KEY]: {} }, {})).toEqual({ [USER_SETTINGS_KEY]: {} });
  });

  it('records exactly the patterns of the layers it loaded in full, managed ones included, and only those that pass', async () => {
    await fakeBrowser.storage.managed.set({ naming: { pattern: PATTERN } });
    await fakeBrowser.storage.local.set({ [USER_SETTINGS_KEY]: { naming: { pattern: '^(a+)+$' } }, ...checkedPatternsItems(['^gone$']) });
    await recordCheckedPatterns(fakeBrowser.storage.local, await loadPolicy(fakeBrowser.storage));
    expect(await record()).toEqual(checkedPatternsItems([PATTERN])[CHECKED_PATTERNS_KEY]);
  });

  it('writes nothing when the record already says so, so its own change listener settles', async () => {
    await fakeBrowser.storage.managed.set({ naming: { pattern: PATTERN } });
    await fakeBrowser.storage.local.set(checkedPatternsItems([PATTERN]));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await recordCheckedPatterns(fakeBrowser.storage.local, await loadPolicy(fakeBrowser.storage));
    expect(set).not.toHaveBeenCalled();
  });
});
