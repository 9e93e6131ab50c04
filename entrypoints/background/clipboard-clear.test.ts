import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ClipboardAccess } from '../../utils/clipboard/pending-clear';
import { backgroundClearer, CLIPBOARD_ALARM } from './clipboard-clear';

/**
 * Firefox's clearer: the alarm is the timer, and an event page that Firefox suspended
 * in between wakes up for it without the secret. The real thing runs in Firefox too
 * (tests/firefox/core-flows.test.ts); here the clock and the suspension are ours.
 */
const SECRET = 'S'.repeat(32);

function fakeClipboard(text: string) {
  const state = { text, writes: 0 };
  const access: ClipboardAccess = {
    write: async (next) => {
      state.text = next;
      state.writes += 1;
      return true;
    },
    read: async () => state.text,
  };
  return { state, access };
}

describe('the background clearer (Firefox)', () => {
  let told: unknown[];
  afterEach(() => vi.useRealTimers());
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    told = [];
    // The fake browser has neither: clipboardRead is granted here; its one tab is told.
    Object.assign(fakeBrowser.permissions, { contains: async () => true });
    Object.assign(fakeBrowser.tabs, { sendMessage: async (_tabId: number, message: unknown) => void told.push(message) });
  });

  it('sets its alarm at the deadline itself, and clears only while the clipboard holds the secret', async () => {
    const { state, access } = fakeClipboard(SECRET);
    const clearer = backgroundClearer(access);
    const { clearsAt, checksContent } = await clearer.clearLater(SECRET, 10, Date.now());
    expect(checksContent).toBe(true);
    expect((await fakeBrowser.alarms.get(CLIPBOARD_ALARM))?.scheduledTime).toBe(clearsAt);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain(SECRET);

    await clearer.onAlarm();
    expect(state.text).toBe(SECRET);
    vi.setSystemTime(clearsAt);
    await clearer.onAlarm();
    expect(state.text).toBe('');
    expect(told).toEqual([{ target: 'tw-clipboard-outcome', outcome: 'cleared', deadline: clearsAt }]);
    // Done once: a second alarm finds nothing owed.
    await clearer.onAlarm();
    expect(state.writes).toBe(1);
  });

  it('after a suspension it clears without comparing, but never what the person copied since', async () => {
    const { state, access } = fakeClipboard('the person’s own text');
    const { clearsAt } = await backgroundClearer(access).clearLater(SECRET, 10, Date.now());
    vi.setSystemTime(clearsAt);
    // A new event page: the memory of the old one (the secret to compare with) is gone.
    await backgroundClearer(access).onAlarm();
    expect(state.text).toBe('');
    expect(told).toEqual([{ target: 'tw-clipboard-outcome', outcome: 'cleared', deadline: clearsAt }]);

    state.text = 'copied elsewhere';
    const second = await backgroundClearer(access).clearLater(SECRET, 10, Date.now() - 5);
    await backgroundClearer(access).copiedElsewhere(Date.now());
    vi.setSystemTime(second.clearsAt);
    await backgroundClearer(access).onAlarm();
    expect(state.text).toBe('copied elsewhere');
    expect(told.at(-1)).toEqual({ target: 'tw-clipboard-outcome', outcome: 'left-alone', deadline: second.clearsAt });
  });

  it('a copy elsewhere heard before the clear request, but made after our copy, is left alone, also after a suspension', async () => {
    const { state, access } = fakeClipboard('the person’s quick copy');
    const copiedAt = Date.now();
    vi.setSystemTime(copiedAt + 20);
    // Without clipboardRead nothing can be compared: only the order in time decides.
    Object.assign(fakeBrowser.permissions, { contains: async () => false });
    await backgroundClearer(access).copiedElsewhere(copiedAt + 10);
    const { clearsAt } = await backgroundClearer(access).clearLater(SECRET, 10, copiedAt);
    vi.setSystemTime(clearsAt);
    await backgroundClearer(access).onAlarm();
    expect(state.text).toBe('the person’s quick copy');
    expect(told.at(-1)).toEqual({ target: 'tw-clipboard-outcome', outcome: 'left-alone', deadline: clearsAt });
  });

  it('a copy elsewhere made before ours but heard of after it does not spare the secret', async () => {
    const { state, access } = fakeClipboard(SECRET);
    Object.assign(fakeBrowser.permissions, { contains: async () => false });
    const clearer = backgroundClearer(access);
    const copiedAt = Date.now();
    const { clearsAt } = await clearer.clearLater(SECRET, 10, copiedAt);
    await clearer.copiedElsewhere(copiedAt - 30);
    vi.setSystemTime(clearsAt);
    await clearer.onAlarm();
    expect(state.text).toBe('');
  });
});
