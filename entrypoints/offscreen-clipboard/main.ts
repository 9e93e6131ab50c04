import { browser } from 'wxt/browser';
import { PendingClear, type ClipboardAccess } from '../../utils/clipboard/pending-clear';
import { CLIPBOARD_OUTCOME, OFFSCREEN_CLIPBOARD, type OffscreenClipboardMessage } from '../../utils/clipboard/offscreen-messages';

/**
 * Chrome's offscreen document for the clipboard (reason CLIPBOARD), as Bitwarden does
 * it: a service worker cannot touch the clipboard, and a page's timer dies with the
 * tab. This document lives until the extension closes it, so the clear happens after
 * the delay wherever the user went. It has no focus, so it uses execCommand on its own
 * textarea: `copy` needs `clipboardWrite`, `paste` the optional `clipboardRead`.
 */
const buffer = document.getElementById('clipboard-buffer') as HTMLTextAreaElement;

const clipboard: ClipboardAccess = {
  async write(text) {
    // An empty selection copies nothing: set the data in the copy event instead.
    const onCopy = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    document.addEventListener('copy', onCopy, { once: true });
    const done = document.execCommand('copy');
    document.removeEventListener('copy', onCopy);
    return done;
  },
  async read() {
    buffer.value = '';
    buffer.focus();
    const pasted = document.execCommand('paste') ? buffer.value : null;
    buffer.value = '';
    return pasted;
  },
};

const pending = new PendingClear(clipboard);
let timer: ReturnType<typeof setTimeout> | undefined;

async function runIfDue(): Promise<void> {
  const deadline = pending.deadline;
  const outcome = await pending.runIfDue(Date.now());
  if (outcome) void browser.runtime.sendMessage({ target: CLIPBOARD_OUTCOME, outcome, deadline }).catch(() => undefined);
}

browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (reply: unknown) => void) => {
  const m = message as OffscreenClipboardMessage | undefined;
  if (m?.target !== OFFSCREEN_CLIPBOARD) return undefined;
  if (m.type === 'schedule') {
    pending.schedule(m.secret, m.deadline, m.copiedAt);
    clearTimeout(timer);
    timer = setTimeout(() => void runIfDue(), Math.max(0, m.deadline - Date.now()));
  } else if (m.type === 'copied-elsewhere') {
    pending.copiedElsewhere(m.at);
  }
  sendResponse({ pending: pending.deadline });
  return true;
});
