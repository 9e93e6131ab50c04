import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays, checkExpiry, DAY_SECONDS, defaultExpiryDate, endOfDayUnix, parseDateInput, toDateInput } from './expiry';

// Expectations are built with the same local-time Date API the code uses, so the tests
// hold in any time zone the machine runs in.
const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => new Date(y, m - 1, d, h, min, s, ms);
const unix = (date: Date) => Math.floor(date.getTime() / 1000);

describe('toDateInput', () => {
  it('formats the local day with zero padding', () => {
    expect(toDateInput(local(2026, 3, 5, 12))).toBe('2026-03-05');
    expect(toDateInput(local(2026, 12, 31, 23, 59, 59, 999))).toBe('2026-12-31');
    expect(toDateInput(local(2027, 1, 1, 0, 0, 0))).toBe('2027-01-01');
  });
});

describe('parseDateInput', () => {
  it('gives local midnight of a real date', () => {
    expect(parseDateInput('2026-03-05')).toEqual(local(2026, 3, 5));
    expect(parseDateInput('2028-02-29')).toEqual(local(2028, 2, 29));
    expect(parseDateInput(' 2026-12-31 ')).toEqual(local(2026, 12, 31));
  });
  it('refuses days that do not exist', () => {
    expect(parseDateInput('2026-02-30')).toBeNull();
    expect(parseDateInput('2026-02-29')).toBeNull(); // not a leap year
    expect(parseDateInput('2100-02-29')).toBeNull(); // century, not a leap year
    expect(parseDateInput('2026-13-01')).toBeNull();
    expect(parseDateInput('2026-00-10')).toBeNull();
    expect(parseDateInput('2026-04-31')).toBeNull();
  });
  it('refuses other formats', () => {
    for (const value of ['', '2026-3-5', '05/03/2026', '2026-03-05T00:00', '20260305', 'soon', '+2026-03-05']) {
      expect(parseDateInput(value), value).toBeNull();
    }
  });
  it('keeps years below 100 as written', () => {
    expect(parseDateInput('0099-01-01')?.getFullYear()).toBe(99);
  });
  it('round-trips with toDateInput (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: local(1970, 1, 2), max: local(9999, 12, 30), noInvalidDate: true }), (date) => {
        const input = toDateInput(date);
        expect(toDateInput(parseDateInput(input)!)).toBe(input);
      }),
    );
  });
});

describe('addLocalDays', () => {
  it('crosses month and year ends and leap days', () => {
    expect(toDateInput(addLocalDays(local(2026, 1, 31), 1))).toBe('2026-02-01');
    expect(toDateInput(addLocalDays(local(2026, 12, 31), 1))).toBe('2027-01-01');
    expect(toDateInput(addLocalDays(local(2028, 2, 28), 1))).toBe('2028-02-29');
    expect(toDateInput(addLocalDays(local(2028, 2, 29), 365))).toBe('2029-02-28');
    expect(toDateInput(addLocalDays(local(2026, 11, 28), 90))).toBe('2027-02-26');
    expect(toDateInput(addLocalDays(local(2026, 3, 1), -1))).toBe('2026-02-28');
  });
  it('keeps the local time of day across DST changes', () => {
    // Whatever the zone, 10:00 stays 10:00 across both European and US switch dates.
    for (const start of [local(2026, 3, 20, 10), local(2026, 10, 20, 10), local(2026, 3, 1, 10), local(2026, 10, 25, 10)]) {
      const later = addLocalDays(start, 30);
      expect(later.getHours()).toBe(10);
      expect(later.getMinutes()).toBe(0);
    }
  });
  it('does not change its argument', () => {
    const date = local(2026, 1, 1);
    addLocalDays(date, 5);
    expect(date).toEqual(local(2026, 1, 1));
  });
});

describe('endOfDayUnix', () => {
  it('is the last second of that local day', () => {
    expect(endOfDayUnix('2026-11-28')).toBe(unix(local(2026, 11, 28, 23, 59, 59, 999)));
    expect(endOfDayUnix('2026-11-28')).toBe(unix(local(2026, 11, 29)) - 1);
  });
  it('is null for a bad date', () => {
    expect(endOfDayUnix('2026-02-30')).toBeNull();
    expect(endOfDayUnix('tomorrow')).toBeNull();
  });
  it('falls inside the local day it names, DST or not (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: local(1971, 1, 1), max: local(2200, 12, 31), noInvalidDate: true }), (date) => {
        const input = toDateInput(date);
        const end = endOfDayUnix(input)!;
        // That second still belongs to the day, the next one to the next day.
        expect(toDateInput(new Date(end * 1000))).toBe(input);
        expect(toDateInput(new Date((end + 1) * 1000))).toBe(toDateInput(addLocalDays(parseDateInput(input)!, 1)));
        // A local day is 23, 24 or 25 hours, so consecutive ends are about a day apart.
        const next = endOfDayUnix(toDateInput(addLocalDays(parseDateInput(input)!, 1)))!;
        expect(Math.abs(next - end - DAY_SECONDS)).toBeLessThanOrEqual(3600);
      }),
    );
  });
});

describe('defaultExpiryDate', () => {
  const today = local(2026, 11, 28, 15, 30);
  it('is today + defaultDays', () => {
    expect(defaultExpiryDate(today, { defaultDays: 90, maxDays: 365 })).toBe('2027-02-26');
    expect(defaultExpiryDate(local(2027, 12, 31, 9), { defaultDays: 60, maxDays: 365 })).toBe('2028-02-29');
  });
  it('never goes past today + maxDays', () => {
    expect(defaultExpiryDate(today, { defaultDays: 400, maxDays: 30 })).toBe('2026-12-28');
  });
  it('never goes before today', () => {
    expect(defaultExpiryDate(today, { defaultDays: -5, maxDays: 30 })).toBe('2026-11-28');
  });
});

describe('checkExpiry', () => {
  const now = local(2026, 11, 28, 15, 30);
  const policy = { maxDays: 365, allowNever: true };

  it('accepts a date in range', () => {
    expect(checkExpiry(endOfDayUnix('2027-02-26'), now, policy)).toEqual({ ok: true, problems: [] });
  });

  it('accepts the end of the last allowed day, and refuses a second more', () => {
    const last = endOfDayUnix('2027-11-28')!;
    expect(checkExpiry(last, now, policy).ok).toBe(true);
    const over = checkExpiry(last + 1, now, policy);
    expect(over.ok).toBe(false);
    expect(over.problems).toEqual(['The expiry date is too far away: the policy allows at most 365 days, until 2027-11-28.']);
  });

  it('handles the limit across a leap day', () => {
    const leapNow = local(2028, 2, 29, 8);
    expect(checkExpiry(endOfDayUnix('2028-03-30'), leapNow, { maxDays: 30, allowNever: true }).ok).toBe(true);
    expect(checkExpiry(endOfDayUnix('2028-03-31'), leapNow, { maxDays: 30, allowNever: true }).ok).toBe(false);
  });

  it('refuses a date that has passed, including right now', () => {
    expect(checkExpiry(unix(now), now, policy).problems).toEqual(['The expiry date has already passed; WHM only accepts a future date.']);
    expect(checkExpiry(unix(now) - DAY_SECONDS, now, policy).ok).toBe(false);
    expect(checkExpiry(unix(now) + 1, now, policy).ok).toBe(true);
    // Today, end of day, is still in the future.
    expect(checkExpiry(endOfDayUnix('2026-11-28'), now, policy).ok).toBe(true);
  });

  it('allows never only when the policy does', () => {
    expect(checkExpiry(null, now, policy)).toEqual({ ok: true, problems: [] });
    expect(checkExpiry(null, now, { ...policy, allowNever: false })).toEqual({
      ok: false,
      problems: ['The policy requires an expiry date: tokens that never expire are not allowed.'],
    });
  });

  it('refuses a value that is not a time', () => {
    expect(checkExpiry(Number.NaN, now, policy).ok).toBe(false);
    expect(checkExpiry(Number.POSITIVE_INFINITY, now, policy).ok).toBe(false);
  });

  it('says "1 day" for a one-day maximum', () => {
    expect(checkExpiry(endOfDayUnix('2026-12-01'), now, { maxDays: 1, allowNever: false }).problems[0]).toContain('at most 1 day,');
  });
});
