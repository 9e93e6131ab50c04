import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { FrameHello, FrameToHost, HostToFrame } from '../../utils/frame-protocol';
import type { ClaimedFrameTask, Reply } from '../../utils/messages';

/**
 * The frame's side of the hand-off (frame-protocol.ts): wait for the content script's
 * hello with its port, claim the task by handle, then talk over that port only.
 *
 * A page script can post us a hello too. Its handle is a guess the background refuses,
 * so a refused claim is ignored and the frame keeps waiting for the real one.
 */
export interface FrameLink {
  claimed: ClaimedFrameTask;
  send(message: FrameToHost): void;
  onHostMessage(listener: (message: HostToFrame) => void): void;
}

const HELLO_WAIT_MS = 30_000;

export function connectToHost(): Promise<FrameLink | { error: string }> {
  return new Promise((resolve) => {
    // The last refusal is what the user is told if the real hello never comes.
    let lastError = 'no-hello';
    const timer = setTimeout(() => {
      window.removeEventListener('message', listener);
      resolve({ error: lastError });
    }, HELLO_WAIT_MS);
    const onMessage = async (event: MessageEvent) => {
      const hello = event.data as Partial<FrameHello> | null;
      const port = event.ports[0];
      if (event.source !== window.parent || hello?.type !== 'tw:hello' || typeof hello.handle !== 'string' || !port) return;
      const reply = (await browser.runtime.sendMessage({ type: 'frame:claim', handle: hello.handle }).catch(() => undefined)) as Reply<ClaimedFrameTask> | undefined;
      if (!reply?.ok) {
        lastError = reply?.error.message ?? 'no-background';
        return;
      }
      clearTimeout(timer);
      window.removeEventListener('message', listener);
      const listeners = new Set<(message: HostToFrame) => void>();
      port.onmessage = (e: MessageEvent<HostToFrame>) => listeners.forEach((l) => l(e.data));
      resolve({
        claimed: reply.value,
        send: (message) => port.postMessage(message),
        onHostMessage: (listener) => void listeners.add(listener),
      });
    };
    const listener = (event: MessageEvent) => void onMessage(event).catch(() => undefined);
    window.addEventListener('message', listener);
  });
}

/** Keeps the iframe as tall as what it shows. */
export function reportHeight(link: Pick<FrameLink, 'send'>): void {
  let last = 0;
  let before = 0;
  let changedAt = 0;
  const report = () => {
    const px = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (px === last) return;
    // A height that flips straight back (a scrollbar coming and going changes the
    // width, hence the height) settles on the larger of the two instead of looping.
    const flipping = px === before && performance.now() - changedAt < 250;
    const settled = flipping ? Math.max(px, last) : px;
    before = last;
    changedAt = performance.now();
    if (settled !== last) link.send({ type: 'height', px: (last = settled) });
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}

/**
 * Asks the host to scroll `el` into view and focus the frame, then gives `el` the
 * keyboard: a cross-origin frame cannot take the focus itself, its host can give it.
 */
export function revealAndFocus(link: Pick<FrameLink, 'send' | 'onHostMessage'>, el: HTMLElement | null | undefined, placement: 'inline' | 'modal'): void {
  if (!el) return;
  if (placement === 'modal') {
    // A dialog is on screen and has the keyboard already: only our own scroll is needed.
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    return;
  }
  const box = el.getBoundingClientRect();
  pendingFocus = el;
  el.focus();
  link.send({ type: 'reveal', top: box.top + window.scrollY, height: box.height });
}

let pendingFocus: HTMLElement | null = null;
const GUARD_MS = 1_500;
/** Installed once per frame: the host's answer to a reveal. */
export function focusWhenRevealed(link: Pick<FrameLink, 'onHostMessage'>): void {
  link.onHostMessage((message) => {
    if (message.type !== 'revealed' || !pendingFocus?.isConnected) return;
    const el = pendingFocus;
    pendingFocus = null;
    // The host's iframe.focus() reaches this frame's window from another process, on its
    // own time, and the browser may then start our document's focus on its body (seen in
    // 3 of 10 runs). For a moment after the reveal, a focus that fell back to the body goes
    // back to `el`; one the person put on another control of ours stays where they put it.
    const until = performance.now() + GUARD_MS;
    const back = () =>
      setTimeout(() => {
        const active = document.activeElement;
        if (performance.now() < until && el.isConnected && (active === null || active === document.body)) el.focus();
      }, 0);
    el.addEventListener('blur', back);
    window.addEventListener('focus', back);
    setTimeout(() => {
      el.removeEventListener('blur', back);
      window.removeEventListener('focus', back);
    }, GUARD_MS);
    el.focus();
  });
}

/**
 * A modal frame behaves like a modal: focus starts on `firstFocus` (as soon as it is
 * drawn: a dialog may first read its token from WHM), Tab and Shift+Tab go round inside
 * the frame, and Escape calls `onEscape`. The host also forwards an Escape that reached
 * the dialog around the frame (main.tsx replays it here). WHM's page behind is inert
 * while the host's <dialog> is open; the frame's own last element must still not hand
 * the keyboard to the browser, hence the loop.
 */
export function useDialogKeys(onEscape: () => void, firstFocus: string): void {
  useEffect(() => {
    const focus = () => {
      const el = document.querySelector<HTMLElement>(firstFocus);
      el?.focus();
      return Boolean(el);
    };
    if (focus()) return;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
      if (event.key === 'Tab') keepTabInside(document, event);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/** What Tab visits in `doc`, in order: enabled, shown, and one radio per group (the checked one, else the first). */
function tabbables(doc: Document): HTMLElement[] {
  const radioGroups = new Set<string>();
  return [...doc.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.getClientRects().length === 0) return false;
    if (!(el instanceof HTMLInputElement)) return true;
    if (el.type === 'hidden') return false;
    if (el.type !== 'radio' || !el.name) return true;
    const group = [...doc.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:not(:disabled)`)];
    const stop = group.find((radio) => radio.checked) ?? group[0];
    if (radioGroups.has(el.name) || stop !== el) return false;
    radioGroups.add(el.name);
    return true;
  });
}

/** Tab past the last element goes to the first, Shift+Tab before the first to the last. */
function keepTabInside(doc: Document, event: KeyboardEvent): void {
  const list = tabbables(doc);
  const first = list[0];
  const last = list.at(-1);
  if (!first || !last) return;
  const active = doc.activeElement as HTMLElement | null;
  const inside = active !== null && list.includes(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
