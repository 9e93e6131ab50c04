import { describe, expect, it } from 'vitest';
import { remindersDue } from './reminders';
import type { ServerSnapshot } from './snapshots';

const NOW_MS = Date.parse('2026-11-28T12:00:00Z');
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const snap = (tokens: Array<[string, number | null]>, seenAt = NOW_MS): Record<string, ServerSnapshot> => ({
  'https://whm.example.com:2087': {
    origin: 'https://whm.example.com:2087',
    host: 'whm.example.com',
    seenAt,
    whmNow: NOW,
    summary: { total: tokens.length, attention: 0, counts: {} },
    tokens: tokens.map(([name, expiresAt]) => ({ name, createTime: NOW - DAY, expiresAt, acls: [], findings: [] })),
  },
});

describe('remindersDue', () => {
  it('flags tokens within warnDays as soon and within a day as today', () => {
    const due = remindersDue(snap([['a', NOW + 10 * DAY], ['b', NOW + 3600], ['c', NOW + 30 * DAY], ['d', null], ['e', NOW - 1]]), new Set(), NOW_MS, 14);
    expect(due.map((d) => [d.name, d.threshold])).toEqual([
      ['b', 'today'],
      ['a', 'soon'],
    ]);
  });
  it('the boundaries: exactly warnDays is soon, exactly one day is today', () => {
    const due = remindersDue(snap([['w', NOW + 14 * DAY], ['x', NOW + 14 * DAY + 1], ['t', NOW + DAY]]), new Set(), NOW_MS, 14);
    expect(due.map((d) => [d.name, d.threshold])).toEqual([
      ['t', 'today'],
      ['w', 'soon'],
    ]);
  });
  it('is once per token and threshold', () => {
    const first = remindersDue(snap([['a', NOW + 10 * DAY]]), new Set(), NOW_MS, 14);
    expect(first).toHaveLength(1);
    expect(remindersDue(snap([['a', NOW + 10 * DAY]]), new Set([first[0]!.key]), NOW_MS, 14)).toEqual([]);
    // The same token reaching its last day is a new threshold.
    const later = remindersDue(snap([['a', NOW + 10 * DAY]]), new Set([first[0]!.key]), NOW_MS + 9.5 * DAY * 1000, 14);
    expect(later.map((d) => d.threshold)).toEqual(['today']);
    // An extended expiry is a new token as far as reminders go.
    expect(remindersDue(snap([['a', NOW + 12 * DAY]]), new Set([first[0]!.key]), NOW_MS, 14)).toHaveLength(1);
  });
  it('marks reminders from a snapshot older than a week', () => {
    expect(remindersDue(snap([['a', NOW + 2 * DAY]], NOW_MS - 8 * DAY * 1000), new Set(), NOW_MS, 14)[0]?.stale).toBe(true);
    expect(remindersDue(snap([['a', NOW + 2 * DAY]], NOW_MS - 6 * DAY * 1000), new Set(), NOW_MS, 14)[0]?.stale).toBe(false);
  });
});
