import { browser } from 'wxt/browser';
import { formatDateTime, t } from '../../utils/i18n';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { remindersDue, type ReminderDue } from '../../utils/reminders';
import { DEFAULT_PREFS, NOTIFIED_KEY, PREFS_KEY, SNAPSHOTS_KEY, type Prefs, type ServerSnapshot } from '../../utils/snapshots';

export const REMINDER_ALARM = 'tw:daily-reminders';
const NOTIFICATION_PREFIX = 'tw-reminder:';

/**
 * Reminders before expiry, from what the audits saw (WHM sends none). A daily alarm
 * checks the snapshots; each token gets one notification when it enters the warning
 * window and one on its last day. Clicking one opens that server.
 */
export async function setupReminders(): Promise<void> {
  const existing = await browser.alarms.get(REMINDER_ALARM);
  if (!existing) await browser.alarms.create(REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
}

export async function runReminders(policy: EffectivePolicy, nowMs: number): Promise<ReminderDue[]> {
  const stored = await browser.storage.local.get([SNAPSHOTS_KEY, NOTIFIED_KEY, PREFS_KEY]);
  const prefs: Prefs = { ...DEFAULT_PREFS, ...((stored[PREFS_KEY] as Partial<Prefs> | undefined) ?? {}) };
  if (!prefs.reminders) return [];
  const snapshots = (stored[SNAPSHOTS_KEY] as Record<string, ServerSnapshot> | undefined) ?? {};
  const notified = new Set((stored[NOTIFIED_KEY] as string[] | undefined) ?? []);
  const due = remindersDue(snapshots, notified, nowMs, policy.expiry.warnDays);
  for (const reminder of due) {
    await browser.notifications.create(NOTIFICATION_PREFIX + reminder.origin + '|' + reminder.key, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: reminder.threshold === 'today' ? t('reminders.titleToday', [reminder.name]) : t('reminders.titleSoon', [reminder.name]),
      message: [t('reminders.message', [reminder.host, reminder.name, formatDateTime(reminder.expiresAt)]), ...(reminder.stale ? [t('reminders.stale')] : [])].join(' '),
    });
    notified.add(reminder.key);
  }
  if (due.length) await browser.storage.local.set({ [NOTIFIED_KEY]: [...notified] });
  return due;
}

/** The server a reminder is about; WHM asks for a login when the session is gone. */
export function originOfNotification(id: string): string | null {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return null;
  return id.slice(NOTIFICATION_PREFIX.length).split('|')[0] ?? null;
}
