import type { AuditRule } from './audit-tokens';

/** Policy numbers the sentences quote. */
export interface RuleTextPolicy {
  warnDays: number;
  maxAgeDays: number;
  namingHint: string | null;
}

/**
 * What each audit rule means to a reseller, and what to do about it. `badge` is the
 * short label in a WHM row; `reason(n)` completes "N tokens …" in the banner.
 */
export function ruleTexts(policy: RuleTextPolicy): Record<AuditRule, { badge: string; reason: string; action: string }> {
  return {
    expired: {
      badge: 'Expired',
      reason: 'have expired — WHM keeps expired tokens in the list until someone revokes them',
      action: 'Revoke them.',
    },
    'expiring-soon': {
      badge: 'Expires soon',
      reason: `expire within ${policy.warnDays} days`,
      action: 'Rotate them before the scripts that use them stop working.',
    },
    'never-expires': {
      badge: 'No expiry',
      reason: 'never expire',
      action: 'Give them an expiry date, or rotate them to tokens that expire.',
    },
    'rotation-due': {
      badge: 'Rotate',
      reason: `are older than ${policy.maxAgeDays} days`,
      action: 'Rotate them: create a replacement, switch the script over, then revoke the old token.',
    },
    'full-access': {
      badge: 'Full access',
      reason: 'have full access (every privilege, and whatever you are granted later)',
      action: 'Replace them with tokens limited to what the job needs.',
    },
    'risky-privileges': {
      badge: 'Risky privileges',
      reason: 'grant privileges that can bypass token limits, change passwords or lift account limits',
      action: 'Remove those privileges unless the job really needs them.',
    },
    'forbidden-privileges': {
      badge: 'Forbidden privileges',
      reason: 'grant privileges your policy forbids',
      action: 'Remove those privileges, or revoke the tokens.',
    },
    naming: {
      badge: 'Name',
      reason: `do not follow your naming convention${policy.namingHint ? ` (${policy.namingHint})` : ''}`,
      action: 'Rename them so everyone can tell who owns a token and why.',
    },
    'any-ip': {
      badge: 'Any IP',
      reason: 'can be used from any IP address',
      action: 'Add an IP allowlist with the addresses of the systems that use them.',
    },
  };
}
