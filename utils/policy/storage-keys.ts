/**
 * Where the user's policy layers live in `storage.local`. Its own module so the page
 * script can watch these keys without pulling in the policy validator.
 */
export const TEAM_POLICY_KEY = 'tw:teamPolicy';
export const USER_SETTINGS_KEY = 'tw:userSettings';
/** The naming patterns a page checked in full (checked-patterns.ts): the background runs no other. */
export const CHECKED_PATTERNS_KEY = 'tw:checkedPatterns';
/** The managed values as last read, for the audit while storage.managed is slow to answer after a browser start. */
export const MANAGED_COPY_KEY = 'tw:managedCopy';

/** True when a storage change can change the policy in force. */
export function isPolicyChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'managed' || (area === 'local' && [TEAM_POLICY_KEY, USER_SETTINGS_KEY, CHECKED_PATTERNS_KEY, MANAGED_COPY_KEY].some((key) => key in changes));
}
