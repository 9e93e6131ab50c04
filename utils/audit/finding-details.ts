import { formatDateTime, formatNumber, t } from '../i18n';
import type { WhmToken } from '../whm/schemas';
import type { Finding, FindingLevel } from './audit-tokens';

/**
 * The words for one finding on one token: the row badge ("Expired 3 days ago") and the
 * line under the token's name in an opened banner line ("Expired Nov 25, 2026 (3 days
 * ago)"). Both say what is true of the token rather than what to do, since the buttons
 * beside them say that. Pure: the clock is the audit's own `now` (WHM's, Unix seconds),
 * so a badge never disagrees with the finding it explains.
 */

const HOUR = 3_600;
const DAY = 86_400;
/** A badge names this many privileges; its title lists them all. */
const BADGE_ACLS = 3;

export function levelLabel(level: FindingLevel): string {
  if (level === 'critical') return t('severity.critical');
  return level === 'warning' ? t('severity.warning') : t('severity.info');
}

interface HowLongWords {
  days: (n: number) => string;
  hours: (n: number) => string;
  underHour: () => string;
}
const AGO: HowLongWords = {
  days: (n) => t('badge.ago.days', n, [formatNumber(n)]),
  hours: (n) => t('badge.ago.hours', [formatNumber(n)]),
  underHour: () => t('badge.ago.underHour'),
};
const AHEAD: HowLongWords = {
  days: (n) => t('badge.ahead.days', n, [formatNumber(n)]),
  hours: (n) => t('badge.ahead.hours', [formatNumber(n)]),
  underHour: () => t('badge.ahead.underHour'),
};

/** Whole days, else whole hours (rounded down), else "under an hour"; never negative. */
function howLong(seconds: number, words: HowLongWords): string {
  const s = Math.max(0, seconds);
  if (s >= DAY) return words.days(Math.floor(s / DAY));
  return s >= HOUR ? words.hours(Math.floor(s / HOUR)) : words.underHour();
}

/** "3 days ago", "5 h ago", "less than an hour ago" */
export const timeAgo = (seconds: number): string => howLong(seconds, AGO);
/** "in 5 days", "in 12 h", "within the hour" */
export const timeAhead = (seconds: number): string => howLong(seconds, AHEAD);

/** "470 days old" */
export function tokenAge(token: WhmToken, now: number): string {
  const days = Math.max(0, Math.floor((now - token.createTime) / DAY));
  return t('badge.daysOld', days, [formatNumber(days)]);
}

function privilegeList(acls: readonly string[], limit: number): string {
  const shown = acls.slice(0, limit).join(', ');
  // A count, not a word: the same in every language.
  return acls.length > limit ? `${shown} +${formatNumber(acls.length - limit)}` : shown;
}

/** The row badge's text. */
export function findingBadge(finding: Finding, token: WhmToken, now: number): string {
  switch (finding.rule) {
    case 'expired':
      return t('badge.expired', [timeAgo(now - (token.expiresAt ?? now))]);
    case 'expiring-soon':
      return t('badge.expires', [timeAhead((token.expiresAt ?? now) - now)]);
    case 'never-expires':
      return t('badge.neverExpires');
    case 'rotation-due':
      return tokenAge(token, now);
    case 'full-access':
      return t('rules.fullAccess.badge');
    case 'risky-privileges':
    case 'forbidden-privileges':
      return privilegeList(finding.acls ?? [], BADGE_ACLS);
    case 'naming':
      return t('badge.offConvention');
    case 'any-ip':
      return t('rules.anyIp.badge');
  }
}

/** The line beside a token in an opened banner line: dates, privileges, the convention. */
export function findingDetail(finding: Finding, token: WhmToken, now: number, policy: { namingHint: string | null }): string {
  const created = () => formatDateTime(token.createTime);
  switch (finding.rule) {
    case 'expired':
      return t('banner.detail.expired', [formatDateTime(token.expiresAt ?? now), timeAgo(now - (token.expiresAt ?? now))]);
    case 'expiring-soon':
      return t('banner.detail.expiringSoon', [formatDateTime(token.expiresAt ?? now), timeAhead((token.expiresAt ?? now) - now)]);
    case 'never-expires':
      return t('banner.detail.neverExpires', [created(), tokenAge(token, now)]);
    case 'rotation-due':
      return t('banner.detail.created', [created(), tokenAge(token, now)]);
    case 'full-access':
      return token.acls.includes('all')
        ? t('banner.detail.fullAccessAll')
        : t('banner.detail.fullAccessHeld', token.acls.length, [formatNumber(token.acls.length)]);
    case 'risky-privileges':
    case 'forbidden-privileges':
      return t('banner.detail.privileges', [privilegeList(finding.acls ?? [], Infinity)]);
    case 'naming':
      return policy.namingHint ? t('banner.detail.naming', [policy.namingHint]) : t('badge.offConvention');
    case 'any-ip':
      return t('banner.detail.anyIp');
  }
}
