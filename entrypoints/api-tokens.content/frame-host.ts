import { browser } from 'wxt/browser';
import type { FrameTaskRequest, FrameToHost, HostToFrame } from '../../utils/frame-protocol';
import { t } from '../../utils/i18n';
import { ownOrigin, SECURE_FRAME_PATH } from '../../utils/own-pages';
import { sendRequest } from '../../utils/send-request';
import type { WhmErrorInfo } from '../../utils/whm/errors';
import type { PageContext } from '../../utils/whm/page-context';
import HOST_CSS from './frame-host.css?inline';
import { adoptCss } from './shadow-ui';

/**
 * Frames our extension page into WHM's page for one task (frame-protocol.ts): asks the
 * background for the task's handle, creates the iframe, and hands the handle over by
 * postMessage to the extension's origin only — so a page script that swapped the
 * frame's address gets nothing. Afterwards everything goes over a MessagePort.
 */
export interface OpenedFrame {
  iframe: HTMLIFrameElement;
  send(message: HostToFrame): void;
  close(): void;
}

export interface OpenFrameOptions {
  page: PageContext;
  task: FrameTaskRequest;
  /** The secure step's secret, read once from WHM's callout; the caller keeps no copy. */
  secret?: string;
  /** Inline before `before` (inside WHM's callout), or a modal dialog over the page. */
  placement: { before: Element } | 'modal';
  /** The iframe's accessible name. */
  label: string;
  onMessage?: (message: FrameToHost) => void;
  signal: AbortSignal;
}

const HOST_TAG = 'token-warden-frame';

/** Frames whose new secret is not stored yet: leaving the page asks first. */
const unsaved = new Set<HTMLIFrameElement>();
let unloadGuard = false;
function guardUnload(): void {
  if (unloadGuard) return;
  unloadGuard = true;
  window.addEventListener('beforeunload', (event) => {
    if (![...unsaved].some((frame) => frame.isConnected)) return;
    event.preventDefault();
    event.returnValue = '';
  });
}

export async function openFrame(options: OpenFrameOptions): Promise<OpenedFrame | { error: WhmErrorInfo }> {
  const { page, task, secret, placement, signal } = options;
  // Before the round trip: the button the user pressed still has the keyboard.
  const opener = placement === 'modal' ? rememberOpener() : null;
  const reply = await sendRequest({ type: 'frame:open', origin: page.origin, cpsess: page.cpsess, task, ...(secret ? { secret } : {}) });
  if (!reply.ok) return { error: reply.error };
  if (signal.aborted) return { error: { kind: 'network', message: t('panel.handOffFailed', ['aborted']) } };
  const { handle } = reply.value;

  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptCss(shadow, HOST_CSS);
  const iframe = document.createElement('iframe');
  // Copy happens inside the frame, in the user's click: the frame needs the permission,
  // and a permissions policy is fixed when the frame's document starts — set it first.
  // Named by origin: the default ('src') would be Chrome's dynamic address, while the
  // document itself lives at the extension's own origin.
  iframe.allow = `clipboard-write ${ownOrigin()}`;
  iframe.src = browser.runtime.getURL(SECURE_FRAME_PATH);
  iframe.title = options.label;
  iframe.dataset.testid = 'secure-frame';
  iframe.dataset.kind = task.kind;
  iframe.style.height = '120px';
  const channel = new MessageChannel();
  let dialog: HTMLDialogElement | null = null;
  let closing = false;
  if (placement === 'modal') {
    // A real modal: showModal() puts our dialog in the top layer and makes the rest of
    // WHM's page inert, so neither Tab nor a click reaches WHM's buttons behind it.
    const modal = (dialog = document.createElement('dialog'));
    modal.setAttribute('aria-label', options.label);
    modal.append(iframe);
    shadow.append(modal);
    document.body.append(host);
    modal.showModal();
    // Escape with the keyboard in WHM's document (not in our frame) cancels the dialog:
    // the frame decides what Escape means (a rotation with an unsaved secret asks first).
    modal.addEventListener('cancel', (event) => {
      event.preventDefault();
      channel.port1.postMessage({ type: 'escape' } satisfies HostToFrame);
    });
    // The browser may close a dialog despite preventDefault (repeated Escape without a
    // click in between): open it again, the frame still has to decide.
    modal.addEventListener('close', () => {
      if (closing || !host.isConnected) return;
      modal.showModal();
      channel.port1.postMessage({ type: 'escape' } satisfies HostToFrame);
    });
  } else {
    shadow.append(iframe);
    placement.before.before(host);
  }

  let helloSent = false;
  iframe.addEventListener('load', () => {
    // Once: the handle is single-use, and a page script may navigate the frame later.
    if (helloSent) return;
    helloSent = true;
    iframe.contentWindow?.postMessage({ type: 'tw:hello', handle }, ownOrigin(), [channel.port2]);
    if (placement === 'modal') iframe.focus();
  });

  const opened: OpenedFrame = {
    iframe,
    send: (message) => channel.port1.postMessage(message),
    close: () => {
      unsaved.delete(iframe);
      channel.port1.close();
      closing = true;
      dialog?.close();
      // Gone at once for the user, removed a moment later: the click that closed it may
      // still be being delivered to the frame, and tearing a frame down under its own
      // input event can leave that event unanswered.
      host.style.display = 'none';
      iframe.removeAttribute('data-testid');
      setTimeout(() => host.remove(), 100);
      opener?.()?.focus();
    },
  };
  channel.port1.onmessage = (event: MessageEvent<FrameToHost>) => {
    const message = event.data;
    if (message.type === 'height') {
      iframe.style.height = placement === 'modal' ? `min(${message.px}px, 90vh)` : `${message.px}px`;
    } else if (message.type === 'saved') {
      if (message.saved) unsaved.delete(iframe);
      else {
        unsaved.add(iframe);
        guardUnload();
      }
    } else if (message.type === 'reveal') {
      const top = iframe.getBoundingClientRect().top + window.scrollY + message.top;
      window.scrollTo({ top: Math.max(0, top - Math.max(0, (window.innerHeight - message.height) / 2)), behavior: 'instant' });
      iframe.focus();
      channel.port1.postMessage({ type: 'revealed' } satisfies HostToFrame);
    }
    options.onMessage?.(message);
  };
  signal.addEventListener('abort', () => opened.close(), { once: true });
  return opened;
}

/**
 * The element that opened a dialog, to give the keyboard back to when it closes. Our
 * buttons may be drawn again meanwhile (the banner and WHM's rows re-render after a
 * change), so a button that is gone is found again by what it is for.
 */
function rememberOpener(): () => HTMLElement | null {
  const el = deepActiveElement();
  if (!el) return () => null;
  const marks = ['testid', 'token', 'fix', 'rotate'].filter((key) => el.dataset[key] !== undefined);
  const selector = marks.length ? marks.map((key) => `[data-${key}="${CSS.escape(el.dataset[key]!)}"]`).join('') : null;
  return () => (el.isConnected || !selector ? el : findDeep(document, selector));
}

function findDeep(root: Document | ShadowRoot, selector: string): HTMLElement | null {
  const hit = root.querySelector<HTMLElement>(selector);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const found = el.shadowRoot ? findDeep(el.shadowRoot, selector) : null;
    if (found) return found;
  }
  return null;
}

/** The focused element, inside our own shadow roots too (the banner's buttons live in one). */
function deepActiveElement(): HTMLElement | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}
