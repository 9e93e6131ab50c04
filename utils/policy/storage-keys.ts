/**
 * Where the user's policy layers live in `storage.local`. Its own module so the page
 * script can watch these keys without pulling in the policy validator.
 */
export const TEAM_POLICY_KEY = 'tw:teamPolicy';
export const USER_SETTINGS_KEY = 'tw:userSettings';

/** True when a storage change can change the policy in force. */
export function isPolicyChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'managed' || (area === 'local' && (TEAM_POLICY_KEY in changes || USER_SETTINGS_KEY in changes));
}
