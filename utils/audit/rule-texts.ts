import { formatNumber, t } from '../i18n';
import type { AuditRule } from './audit-tokens';

/** Policy numbers the sentences quote. */
export interface RuleTextPolicy {
  warnDays: number;
  maxAgeDays: number;
  namingHint: string | null;
}

/**
 * What each audit rule means to a reseller, and what to do about it: `reason` completes
 * "N tokens …" in the banner. What a finding says of one token (a row badge, a line in
 * an opened banner line) is finding-details.ts.
 */
export function ruleTexts(policy: RuleTextPolicy): Record<AuditRule, { reason: string; action: string }> {
  return {
    expired: {
      reason: t('rules.expired.reason'),
      action: t('rules.expired.action'),
    },
    'expiring-soon': {
      reason: t('rules.expiringSoon.reason', [formatNumber(policy.warnDays)]),
      action: t('rules.expiringSoon.action'),
    },
    'never-expires': {
      reason: t('rules.neverExpires.reason'),
      action: t('rules.neverExpires.action'),
    },
    'rotation-due': {
      reason: t('rules.rotationDue.reason', [formatNumber(policy.maxAgeDays)]),
      action: t('rules.rotationDue.action'),
    },
    'full-access': {
      reason: t('rules.fullAccess.reason'),
      action: t('rules.fullAccess.action'),
    },
    'risky-privileges': {
      reason: t('rules.riskyPrivileges.reason'),
      action: t('rules.riskyPrivileges.action'),
    },
    'forbidden-privileges': {
      reason: t('rules.forbiddenPrivileges.reason'),
      action: t('rules.forbiddenPrivileges.action'),
    },
    naming: {
      reason: policy.namingHint ? t('rules.naming.reasonWithHint', [policy.namingHint]) : t('rules.naming.reason'),
      action: t('rules.naming.action'),
    },
    'any-ip': {
      reason: t('rules.anyIp.reason'),
      action: t('rules.anyIp.action'),
    },
  };
}
