import { formatNumber, t } from '../i18n';
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
      badge: t('rules.expired.badge'),
      reason: t('rules.expired.reason'),
      action: t('rules.expired.action'),
    },
    'expiring-soon': {
      badge: t('rules.expiringSoon.badge'),
      reason: t('rules.expiringSoon.reason', [formatNumber(policy.warnDays)]),
      action: t('rules.expiringSoon.action'),
    },
    'never-expires': {
      badge: t('rules.neverExpires.badge'),
      reason: t('rules.neverExpires.reason'),
      action: t('rules.neverExpires.action'),
    },
    'rotation-due': {
      badge: t('rules.rotationDue.badge'),
      reason: t('rules.rotationDue.reason', [formatNumber(policy.maxAgeDays)]),
      action: t('rules.rotationDue.action'),
    },
    'full-access': {
      badge: t('rules.fullAccess.badge'),
      reason: t('rules.fullAccess.reason'),
      action: t('rules.fullAccess.action'),
    },
    'risky-privileges': {
      badge: t('rules.riskyPrivileges.badge'),
      reason: t('rules.riskyPrivileges.reason'),
      action: t('rules.riskyPrivileges.action'),
    },
    'forbidden-privileges': {
      badge: t('rules.forbiddenPrivileges.badge'),
      reason: t('rules.forbiddenPrivileges.reason'),
      action: t('rules.forbiddenPrivileges.action'),
    },
    naming: {
      badge: t('rules.naming.badge'),
      reason: policy.namingHint ? t('rules.naming.reasonWithHint', [policy.namingHint]) : t('rules.naming.reason'),
      action: t('rules.naming.action'),
    },
    'any-ip': {
      badge: t('rules.anyIp.badge'),
      reason: t('rules.anyIp.reason'),
      action: t('rules.anyIp.action'),
    },
  };
}
