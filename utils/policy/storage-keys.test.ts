import { describe, expect, it } from 'vitest';
import { isPolicyChange, TEAM_POLICY_KEY, USER_SETTINGS_KEY } from './storage-keys';

describe('isPolicyChange', () => {
  it('reacts to the policy layers and to managed values only', () => {
    expect(isPolicyChange({ [TEAM_POLICY_KEY]: {} }, 'local')).toBe(true);
    expect(isPolicyChange({ [USER_SETTINGS_KEY]: {} }, 'local')).toBe(true);
    expect(isPolicyChange({ anything: {} }, 'managed')).toBe(true);
    // An audit writes its snapshot after every run: reacting to it would audit forever.
    expect(isPolicyChange({ 'tw:snapshots': {} }, 'local')).toBe(false);
    expect(isPolicyChange({ [USER_SETTINGS_KEY]: {} }, 'sync')).toBe(false);
  });
});
