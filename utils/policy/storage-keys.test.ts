import { describe, expect, it } from 'vitest';
import { CHECKED_PATTERNS_KEY, isPolicyChange, MANAGED_COPY_KEY, TEAM_POLICY_KEY, USER_SETTINGS_KEY } from './storage-keys';

describe('isPolicyChange', () => {
  it('reacts to the policy layers and to managed values only', () => {
    expect(isPolicyChange({ [TEAM_POLICY_KEY]: {} }, 'local')).toBe(true);
    expect(isPolicyChange({ [USER_SETTINGS_KEY]: {} }, 'local')).toBe(true);
    // A pattern the options page has just checked switches the naming rule on.
    expect(isPolicyChange({ [CHECKED_PATTERNS_KEY]: {} }, 'local')).toBe(true);
    // Managed values that turned out to differ from the copy an audit used.
    expect(isPolicyChange({ [MANAGED_COPY_KEY]: {} }, 'local')).toBe(true);
    expect(isPolicyChange({ anything: {} }, 'managed')).toBe(true);
    // An audit writes its snapshot after every run: reacting to it would audit forever.
    expect(isPolicyChange({ 'tw:snapshots': {} }, 'local')).toBe(false);
    expect(isPolicyChange({ [USER_SETTINGS_KEY]: {} }, 'sync')).toBe(false);
  });
});
