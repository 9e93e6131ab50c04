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
/** Installed once per frame: the host's answer to a reveal. */
export function focusWhenRevealed(link: Pick<FrameLink, 'onHostMessage'>): void {
  link.onHostMessage((message) => {
    if (message.type !== 'revealed' || !pendingFocus?.isConnected) return;
    pendingFocus.focus();
    pendingFocus = null;
  });
}

/** A modal frame behaves like a modal: Escape closes it, and focus starts on `firstFocus`. */
export function useDialogKeys(onEscape: () => void, firstFocus: string): void {
  useEffect(() => {
    document.querySelector<HTMLElement>(firstFocus)?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
}
