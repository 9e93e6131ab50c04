import { isStale, type ServerSnapshot } from './snapshots';

export type ReminderThreshold = 'soon' | 'today';

export interface ReminderDue {
  /** Once per token, expiry and threshold: the key remembered after notifying. */
  key: string;
  origin: string;
  host: string;
  name: string;
  expiresAt: number;
  threshold: ReminderThreshold;
  /** The snapshot is over a week old: the token may have changed since. */
  stale: boolean;
}

const DAY = 86_400;

/**
 * Which reminders are due now (WHM sends none): tokens that expire within `warnDays`,
 * and again on the day they expire — each once. `nowMs` is the browser clock; expiry
 * times are WHM's Unix seconds.
 */
export function remindersDue(snapshots: Record<string, ServerSnapshot>, notified: ReadonlySet<string>, nowMs: number, warnDays: number): ReminderDue[] {
  const now = Math.floor(nowMs / 1000);
  const due: ReminderDue[] = [];
  for (const snapshot of Object.values(snapshots)) {
    const stale = isStale(snapshot, nowMs);
    for (const token of snapshot.tokens) {
      if (token.expiresAt === null || token.expiresAt <= now) continue;
      const left = token.expiresAt - now;
      const threshold: ReminderThreshold | null = left <= DAY ? 'today' : left <= warnDays * DAY ? 'soon' : null;
      if (!threshold) continue;
      const key = `${snapshot.origin}|${token.name}|${token.expiresAt}|${threshold}`;
      if (notified.has(key)) continue;
      due.push({ key, origin: snapshot.origin, host: snapshot.host, name: token.name, expiresAt: token.expiresAt, threshold, stale });
    }
  }
  return due.sort((a, b) => a.expiresAt - b.expiresAt);
}
