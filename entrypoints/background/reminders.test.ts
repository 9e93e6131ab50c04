import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../utils/policy/defaults';
import { NOTIFIED_KEY, PREFS_KEY, SNAPSHOTS_KEY, type ServerSnapshot } from '../../utils/snapshots';
import { originOfNotification, REMINDER_ALARM, runReminders, setupReminders } from './reminders';

const NOW_MS = Date.parse('2026-11-28T12:00:00Z');
const NOW = NOW_MS / 1000;
const DAY = 86_400;
const origin = 'https://whm.example.com:2087';
const snapshot = (expiresAt: number, seenAt = NOW_MS): Record<string, ServerSnapshot> => ({
  [origin]: {
    origin,
    host: 'whm.example.com',
    seenAt,
    whmNow: NOW,
    summary: { total: 1, attention: 1, counts: { 'expiring-soon': 1 } },
    tokens: [{ name: 'billing-sync', createTime: NOW - DAY, expiresAt, acls: ['list-accts'], findings: ['expiring-soon'] }],
  },
});

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('reminders', () => {
  it('schedules one daily alarm', async () => {
    await setupReminders();
    await setupReminders();
    const alarms = await fakeBrowser.alarms.getAll();
    expect(alarms.map((a) => [a.name, a.periodInMinutes])).toEqual([[REMINDER_ALARM, 1440]]);
  });

  it('notifies once per token and threshold, and again on the last day', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.storage.local.set({ [SNAPSHOTS_KEY]: snapshot(NOW + 5 * DAY) });
    expect(await runReminders(DEFAULT_POLICY, NOW_MS)).toHaveLength(1);
    expect(create).toHaveBeenCalledTimes(1);
    const [id, options] = create.mock.calls[0] as unknown as [string, { title: string; message: string }];
    expect(options.title).toContain('billing-sync');
    expect(options.message).toContain('whm.example.com');
    expect(originOfNotification(id)).toBe(origin);
    expect(await runReminders(DEFAULT_POLICY, NOW_MS + 3600_000)).toHaveLength(0);
    expect(create).toHaveBeenCalledTimes(1);
    const lastDay = await runReminders(DEFAULT_POLICY, NOW_MS + 4.5 * DAY * 1000);
    expect(lastDay.map((r) => r.threshold)).toEqual(['today']);
    expect(((await fakeBrowser.storage.local.get(NOTIFIED_KEY))[NOTIFIED_KEY] as string[]).length).toBe(2);
  });

  it('says nothing when turned off', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.storage.local.set({ [SNAPSHOTS_KEY]: snapshot(NOW + 5 * DAY), [PREFS_KEY]: { reminders: false } });
    expect(await runReminders(DEFAULT_POLICY, NOW_MS)).toEqual([]);
    expect(create).not.toHaveBeenCalled();
  });

  it('follows the policy’s warning window', async () => {
    await fakeBrowser.storage.local.set({ [SNAPSHOTS_KEY]: snapshot(NOW + 20 * DAY) });
    expect(await runReminders(DEFAULT_POLICY, NOW_MS)).toHaveLength(0);
    expect(await runReminders({ ...DEFAULT_POLICY, expiry: { ...DEFAULT_POLICY.expiry, warnDays: 30 } }, NOW_MS)).toHaveLength(1);
  });

  it('says when the snapshot is over a week old', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await fakeBrowser.storage.local.set({ [SNAPSHOTS_KEY]: snapshot(NOW + 2 * DAY, NOW_MS - 9 * DAY * 1000) });
    await runReminders(DEFAULT_POLICY, NOW_MS);
    expect((create.mock.calls[0] as unknown as [string, { message: string }])[1].message).toMatch(/over a week ago/);
  });
});
