import { browser } from 'wxt/browser';
import { PendingClear, type ClipboardAccess } from '../../utils/clipboard/pending-clear';
import { CLIPBOARD_OUTCOME, OFFSCREEN_CLIPBOARD, type OffscreenClipboardMessage } from '../../utils/clipboard/offscreen-messages';

/**
 * Clearing the clipboard after a secret was copied, from a context that outlives the
 * tab (security promise 5): Chrome's offscreen document (a service worker cannot write
 * the clipboard), Firefox's background page (it can, with `clipboardWrite`). The
 * decision itself — clear only while it still holds the secret — is PendingClear's, in
 * both browsers.
 *
 * A backstop alarm covers the one case where the timer holder is gone before the
 * deadline (Chrome closed the offscreen document, Firefox suspended the event page): it
 * then clears without comparing. Only the deadline is kept for it, in storage.session
 * (memory): never the secret.
 */
export const CLIPBOARD_ALARM = 'tw-clipboard-clear';
const DEADLINE_KEY = 'tw:clipboardClearAt';
const OFFSCREEN_PAGE = '/offscreen-clipboard.html';
// chrome.alarms fire no sooner than 30 s after they are set.
const ALARM_FLOOR_MS = 30_000;

export interface ClipboardClearer {
  clearLater(secret: string, seconds: number): Promise<{ clearsAt: number; checksContent: boolean }>;
  copiedElsewhere(): Promise<void>;
  onAlarm(): Promise<void>;
}

const canReadClipboard = () => browser.permissions.contains({ permissions: ['clipboardRead'] }).catch(() => false);

type Offscreen = { hasDocument(): Promise<boolean>; createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void> };
const offscreenApi = (): Offscreen | undefined => (browser as unknown as { offscreen?: Offscreen }).offscreen;

export function createClipboardClearer(): ClipboardClearer {
  const offscreen = offscreenApi();
  return offscreen ? offscreenClearer(offscreen) : backgroundClearer();
}

async function armBackstop(deadline: number): Promise<void> {
  await browser.storage.session.set({ [DEADLINE_KEY]: deadline });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: Math.max(deadline, Date.now() + ALARM_FLOOR_MS) + 1_000 });
}

/** The deadline of a clear whose holder may be gone; null when none is owed. */
async function overdueDeadline(): Promise<number | null> {
  const deadline = (await browser.storage.session.get(DEADLINE_KEY))[DEADLINE_KEY];
  if (typeof deadline !== 'number' || deadline > Date.now()) return null;
  await browser.storage.session.remove(DEADLINE_KEY);
  return deadline;
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
    async clearLater(secret, seconds) {
      const checksContent = await canReadClipboard();
      const deadline = Date.now() + seconds * 1000;
      await send({ target: OFFSCREEN_CLIPBOARD, type: 'schedule', secret: checksContent ? secret : null, deadline });
      await armBackstop(deadline);
      return { clearsAt: deadline, checksContent };
    },
    async copiedElsewhere() {
      if (await offscreen.hasDocument()) await send({ target: OFFSCREEN_CLIPBOARD, type: 'copied-elsewhere' });
    },
    async onAlarm() {
      const holderAlive = await offscreen.hasDocument();
      const overdue = await overdueDeadline();
      if (overdue === null || holderAlive) return;
      // The document that held the timer is gone: clear now, without comparing.
      await send({ target: OFFSCREEN_CLIPBOARD, type: 'schedule', secret: null, deadline: Date.now() });
    },
  };
}

function backgroundClearer(): ClipboardClearer {
  const clipboard: ClipboardAccess = {
    write: (text) => navigator.clipboard.writeText(text).then(() => true, () => false),
    read: () => navigator.clipboard.readText().catch(() => null),
  };
  const pending = new PendingClear(clipboard);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    const deadline = pending.deadline;
    const outcome = await pending.runIfDue(Date.now());
    if (!outcome) return;
    await browser.storage.session.remove(DEADLINE_KEY);
    void browser.runtime.sendMessage({ target: CLIPBOARD_OUTCOME, outcome, deadline }).catch(() => undefined);
  };
  return {
    async clearLater(secret, seconds) {
      const checksContent = await canReadClipboard();
      const deadline = Date.now() + seconds * 1000;
      pending.schedule(checksContent ? secret : null, deadline);
      clearTimeout(timer);
      timer = setTimeout(() => void run(), seconds * 1000);
      await armBackstop(deadline);
      return { clearsAt: deadline, checksContent };
    },
    async copiedElsewhere() {
      pending.copiedElsewhere();
    },
    async onAlarm() {
      if (pending.deadline !== null) return run();
      // The page was suspended and woke up for the alarm: nothing to compare with any more.
      if ((await overdueDeadline()) === null) return;
      pending.schedule(null, Date.now());
      await run();
    },
  };
}
