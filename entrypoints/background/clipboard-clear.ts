import { browser } from 'wxt/browser';
import { PendingClear, type ClipboardAccess } from '../../utils/clipboard/pending-clear';
import { CLIPBOARD_OUTCOME, OFFSCREEN_CLIPBOARD, type ClipboardOutcomeMessage, type OffscreenClipboardMessage } from '../../utils/clipboard/offscreen-messages';

/**
 * Clearing the clipboard after a secret was copied, from a context that outlives the
 * tab (security promise 5): Chrome's offscreen document (a service worker cannot write
 * the clipboard), Firefox's background page (it can, with `clipboardWrite`, without a
 * user gesture). The decision itself — clear only while it still holds the secret — is
 * PendingClear's, in both browsers.
 *
 * What is owed survives the holder of the timer: the deadline, and whether the person
 * copied something else since, are kept in storage.session (memory) — never the secret
 * — and an alarm wakes the background for them. In Firefox that alarm *is* the timer:
 * its alarms fire on time and wake a suspended event page, which Firefox suspends after
 * 30 s idle even while a panel is open. In Chrome it is a backstop for an offscreen
 * document Chrome closed, and fires no sooner than 30 s after it is set. Either way a
 * clear run by a background that woke up without the secret clears without comparing.
 */
export const CLIPBOARD_ALARM = 'tw-clipboard-clear';
const OWED_KEY = 'tw:clipboardClear';
// The latest copy elsewhere heard of: it may arrive before the clear request it follows.
const ELSEWHERE_KEY = 'tw:clipboardElsewhereAt';
const OFFSCREEN_PAGE = '/offscreen-clipboard.html';
// chrome.alarms fire no sooner than 30 s after they are set.
const CHROME_ALARM_FLOOR_MS = 30_000;

export interface ClipboardClearer {
  /** `copiedAt`: when our frame's write of the secret finished. */
  clearLater(secret: string, seconds: number, copiedAt: number): Promise<{ clearsAt: number; checksContent: boolean }>;
  /** `at`: when the person's own copy or cut happened. */
  copiedElsewhere(at: number): Promise<void>;
  onAlarm(): Promise<void>;
}

/** A clear that is owed, as kept in storage.session. */
interface OwedClear {
  deadline: number;
  copiedAt: number;
  copiedElsewhere: boolean;
}

const canReadClipboard = () => browser.permissions.contains({ permissions: ['clipboardRead'] }).catch(() => false);

type Offscreen = { hasDocument(): Promise<boolean>; createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void> };
const offscreenApi = (): Offscreen | undefined => (browser as unknown as { offscreen?: Offscreen }).offscreen;

export function createClipboardClearer(): ClipboardClearer {
  const offscreen = offscreenApi();
  return offscreen ? offscreenClearer(offscreen) : backgroundClearer(navigatorClipboard());
}

async function lastCopiedElsewhere(): Promise<number> {
  const at = (await browser.storage.session.get(ELSEWHERE_KEY))[ELSEWHERE_KEY];
  return typeof at === 'number' ? at : -Infinity;
}

/** Owes a clear; returns when the person copied something else after `copiedAt`, or null. */
async function oweClear(deadline: number, copiedAt: number, alarmAt: number): Promise<number | null> {
  const last = await lastCopiedElsewhere();
  const copiedElsewhere = last > copiedAt;
  await browser.storage.session.set({ [OWED_KEY]: { deadline, copiedAt, copiedElsewhere } satisfies OwedClear });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: alarmAt });
  return copiedElsewhere ? last : null;
}

async function owedClear(): Promise<OwedClear | null> {
  const owed = (await browser.storage.session.get(OWED_KEY))[OWED_KEY] as Partial<OwedClear> | undefined;
  if (typeof owed?.deadline !== 'number') return null;
  return { deadline: owed.deadline, copiedAt: typeof owed.copiedAt === 'number' ? owed.copiedAt : -Infinity, copiedElsewhere: owed.copiedElsewhere === true };
}

async function noteCopiedElsewhere(at: number): Promise<void> {
  await browser.storage.session.set({ [ELSEWHERE_KEY]: Math.max(at, await lastCopiedElsewhere()) });
  const owed = await owedClear();
  // A copy from before ours was overwritten by the secret: it changes nothing.
  if (owed && at > owed.copiedAt) await browser.storage.session.set({ [OWED_KEY]: { ...owed, copiedElsewhere: true } satisfies OwedClear });
}

// Our frame says when it copied; never later than now (a copy cannot come from the future).
const copyTime = (copiedAt: number) => Math.min(copiedAt, Date.now());

/** The owed clear once its deadline has come (`now` may run a little ahead), taken off the books; null otherwise. */
async function takeDueClear(now: number): Promise<OwedClear | null> {
  const owed = await owedClear();
  if (!owed || owed.deadline > now) return null;
  await browser.storage.session.remove(OWED_KEY);
  return owed;
}

function offscreenClearer(offscreen: Offscreen): ClipboardClearer {
  const ensureDocument = async () => {
    if (await offscreen.hasDocument()) return;
    await offscreen.createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['CLIPBOARD'],
      justification: 'Clear a copied API token secret from the clipboard after the delay the user chose.',
    });
  };
  const send = async (message: OffscreenClipboardMessage) => {
    await ensureDocument();
    return (await browser.runtime.sendMessage(message)) as { pending: number | null } | undefined;
  };
  return {
    async clearLater(secret, seconds, copiedAt) {
      const checksContent = await canReadClipboard();
      const deadline = Date.now() + seconds * 1000;
      const at = copyTime(copiedAt);
      await send({ target: OFFSCREEN_CLIPBOARD, type: 'schedule', secret: checksContent ? secret : null, deadline, copiedAt: at });
      // A copy elsewhere heard before this request, but made after our copy, still counts.
      const elsewhere = await oweClear(deadline, at, Math.max(deadline, Date.now() + CHROME_ALARM_FLOOR_MS) + 1_000);
      if (elsewhere !== null) await send({ target: OFFSCREEN_CLIPBOARD, type: 'copied-elsewhere', at: elsewhere });
      return { clearsAt: deadline, checksContent };
    },
    async copiedElsewhere(at) {
      await noteCopiedElsewhere(at);
      if (await offscreen.hasDocument()) await send({ target: OFFSCREEN_CLIPBOARD, type: 'copied-elsewhere', at });
    },
    async onAlarm() {
      const holderAlive = await offscreen.hasDocument();
      const owed = await takeDueClear(Date.now());
      // The document that held the timer has cleared (or left alone) already.
      if (!owed || holderAlive || owed.copiedElsewhere) return;
      // It is gone: clear now, without comparing.
      await send({ target: OFFSCREEN_CLIPBOARD, type: 'schedule', secret: null, deadline: Date.now(), copiedAt: owed.copiedAt });
    },
  };
}

function navigatorClipboard(): ClipboardAccess {
  return {
    write: (text) => navigator.clipboard.writeText(text).then(() => true, () => false),
    read: () => navigator.clipboard.readText().catch(() => null),
  };
}

// An alarm may fire a moment before its time by the wall clock: that is its time.
const ALARM_SLACK_MS = 1_000;

/** Firefox's: the background page writes the clipboard itself, woken by the alarm at the deadline. Exported for its test. */
export function backgroundClearer(clipboard: ClipboardAccess): ClipboardClearer {
  // Memory only, and only while this event page lives: the secret to compare with.
  const pending = new PendingClear(clipboard);
  return {
    async clearLater(secret, seconds, copiedAt) {
      const checksContent = await canReadClipboard();
      const deadline = Date.now() + seconds * 1000;
      const at = copyTime(copiedAt);
      pending.schedule(checksContent ? secret : null, deadline, at);
      // Firefox's alarms have no floor: the alarm fires at the deadline, page suspended or not.
      const elsewhere = await oweClear(deadline, at, deadline);
      if (elsewhere !== null) pending.copiedElsewhere(elsewhere);
      return { clearsAt: deadline, checksContent };
    },
    async copiedElsewhere(at) {
      pending.copiedElsewhere(at);
      await noteCopiedElsewhere(at);
    },
    async onAlarm() {
      const owed = await takeDueClear(Date.now() + ALARM_SLACK_MS);
      if (!owed) return;
      if (pending.deadline !== owed.deadline) {
        // The event page was suspended since the copy and woke up for this alarm: the
        // secret to compare with went with it, what the person did since did not.
        pending.schedule(null, owed.deadline, owed.copiedAt);
        if (owed.copiedElsewhere) pending.copiedElsewhere(Infinity);
      }
      const outcome = await pending.runIfDue(owed.deadline);
      if (outcome) await tellOurFrames({ target: CLIPBOARD_OUTCOME, outcome, deadline: owed.deadline });
    },
  };
}

/**
 * Firefox delivers runtime messages to extension pages only: our frames inside web
 * pages count as content scripts there and hear only what is sent to their tab. Every
 * tab is told (the outcome carries nothing secret); tabs without our frame ignore it.
 */
async function tellOurFrames(message: ClipboardOutcomeMessage): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message).catch(() => undefined))));
}
