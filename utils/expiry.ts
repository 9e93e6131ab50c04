/**
 * Expiry arithmetic in WHM's terms. WHM's generate form works in LOCAL calendar days:
 * the chosen day is sent as 23:59:59.999 local time, `expires_at = floor(ms / 1000)`
 * (reference/whm.md §4). Everything here uses the local-time Date API so that what the
 * extension pre-fills, checks and sends is the same day the user sees in the picker.
 */

import { formatNumber, t } from './i18n';

export const DAY_SECONDS = 86_400;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Local 'yyyy-MM-dd', the date picker's format. */
export function toDateInput(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Local midnight of a 'yyyy-MM-dd' date; null for anything else or a day that does not exist (2026-02-30). */
export function parseDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(2000, 0, 1);
  // setFullYear, not the constructor: the constructor maps years 0–99 to 1900–1999.
  date.setFullYear(year, month - 1, day);
  date.setHours(0, 0, 0, 0);
  // Date rolls 2026-02-30 over to 2 March; a round trip catches every impossible day.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/**
 * `days` calendar days later, same local time of day. setDate counts calendar days, so
 * a DST change in between does not shift the result by an hour into the wrong day, as
 * adding `days * 86_400_000` ms would.
 */
export function addLocalDays(date: Date, days: number): Date {
  const result = new Date(date.getTime());
  result.setDate(result.getDate() + days);
  return result;
}

/** Unix seconds of the last moment of that local day, as WHM's form sends it. */
export function endOfDayUnix(dateInput: string): number | null {
  const date = parseDateInput(dateInput);
  if (!date) return null;
  date.setHours(23, 59, 59, 999);
  return Math.floor(date.getTime() / 1000);
}

/** The date to pre-fill: today + defaultDays, never past today + maxDays. */
export function defaultExpiryDate(today: Date, expiry: { defaultDays: number; maxDays: number }): string {
  // Never before today either: a day in the past is a date WHM refuses.
  const days = Math.max(0, Math.min(expiry.defaultDays, expiry.maxDays));
  return toDateInput(addLocalDays(today, days));
}

export interface ExpiryCheck {
  ok: boolean;
  problems: string[];
}

/**
 * Checks an intended `expires_at` (Unix seconds; null = never) against WHM's rule (a
 * future date) and the policy (never allowed?, at most `maxDays` ahead). The limit is the
 * end of the local day `maxDays` from now, because that is what picking that day in the
 * form sends.
 */
export function checkExpiry(expiresAt: number | null, now: Date, expiry: { maxDays: number; allowNever: boolean }): ExpiryCheck {
  const problems: string[] = [];
  if (expiresAt === null) {
    if (!expiry.allowNever) problems.push(t('expiry.neverNotAllowed'));
    return { ok: problems.length === 0, problems };
  }
  if (!Number.isFinite(expiresAt)) {
    return { ok: false, problems: [t('expiry.invalid')] };
  }

  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (expiresAt <= nowSeconds) problems.push(t('expiry.past'));

  const lastDay = toDateInput(addLocalDays(now, expiry.maxDays));
  const limit = endOfDayUnix(lastDay);
  if (limit !== null && expiresAt > limit) {
    // The day is written as WHM's date picker takes it (yyyy-mm-dd), in every language.
    problems.push(t('expiry.tooFar', [t('common.days', expiry.maxDays, [formatNumber(expiry.maxDays)]), lastDay]));
  }
  return { ok: problems.length === 0, problems };
}
