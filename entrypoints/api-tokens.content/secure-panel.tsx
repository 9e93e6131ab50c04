import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../utils/i18n';
import { sendRequest } from '../../utils/send-request';
import { readWhmUser, type PageContext } from '../../utils/whm/page-context';
import { isShown, WHM_SELECTORS } from '../../utils/whm/selectors';
import { openFrame, type OpenedFrame } from './frame-host';
import { watchPage } from './page-watcher';

const SECRET = /^[0-9A-Z]{32}$/;

/**
 * Feature: the secure step when WHM shows a new token's secret once
 * (`#tokenAdded_container`). The secret is read from WHM's `<code>` once and handed to
 * the background; our tools (copy, exports, Vault, test) live in a frame of the
 * extension's own origin, placed before WHM's "Yes, I saved my token". WHM's copy is
 * blurred and left in place (WHM's page had it anyway). Pressing that button, or
 * leaving the page, before the secret is stored asks first.
 */
export function mountSecurePanel(ctx: ContentScriptContext, page: PageContext): void {
  let active: { container: Element; frame: OpenedFrame | null; saved: boolean; abort: AbortController } | null = null;
  let leaveApproved = false;

  const start = async (container: Element, code: HTMLElement) => {
    const current = { container, frame: null as OpenedFrame | null, saved: false, abort: new AbortController() };
    active = current;
    reportCopiesElsewhere(current.abort.signal);
    leaveApproved = false;
    // Mask WHM's own copy without touching its text (AngularJS owns it).
    code.style.setProperty('filter', 'blur(6px)');
    code.style.setProperty('user-select', 'none');
    const name = /“([A-Za-z0-9_-]{1,50})”/.exec(container.textContent ?? '')?.[1] ?? null;
    const confirm = container.querySelector(WHM_SELECTORS.confirmAdded);
    const opened = await openFrame({
      page,
      task: { kind: 'new-token', name, user: readWhmUser(document) },
      // Read once, handed over, not kept: from here on only the background and our frame have it.
      secret: code.textContent?.trim() ?? '',
      placement: { before: confirm ?? code },
      label: t('panel.frameLabel'),
      signal: current.abort.signal,
      onMessage: (message) => {
        if (message.type === 'saved') current.saved = message.saved;
        if (message.type === 'leave') {
          leaveApproved = true;
          document.querySelector<HTMLElement>(WHM_SELECTORS.confirmAdded)?.click();
        }
      },
    });
    if ('error' in opened) {
      // Never a lost secret without a word: WHM's box still has it.
      code.style.removeProperty('filter');
      code.style.removeProperty('user-select');
      showHandOffFailure(confirm ?? code, opened.error.message, current.abort.signal);
      return;
    }
    if (active !== current) opened.close();
    else current.frame = opened;
  };

  /**
   * While the panel is open: a copy the person makes in WHM's page means the clipboard
   * is theirs again. Told from the start, with its time, not only once our frame says it
   * copied: a quick Ctrl+C can beat that message, and the background orders by time.
   */
  const reportCopiesElsewhere = (signal: AbortSignal) => {
    const onCopy = (event: Event) => {
      if (event.isTrusted) void sendRequest({ type: 'clipboard:copied-elsewhere', origin: page.origin, cpsess: page.cpsess, at: Date.now() });
    };
    for (const type of ['copy', 'cut']) document.addEventListener(type, onCopy, { capture: true, signal });
  };

  const stop = () => {
    active?.abort.abort();
    active = null;
  };

  const watch = () => {
    const container = document.querySelector(WHM_SELECTORS.tokenAdded);
    // WHM 11.120 keeps the (hidden, empty) notice in the form from the start.
    const showing = !!container && isShown(container);
    if (active && (active.container !== container || !showing)) stop();
    if (!container || !showing || active) return;
    const code = container.querySelector<HTMLElement>('code');
    if (code && SECRET.test(code.textContent?.trim() ?? '')) void start(container, code);
  };
  watchPage(document, watch, { signal: ctx.signal, within: WHM_SELECTORS.tokenAdded, classes: true, text: true });

  // "Yes, I saved my token" before the secret went anywhere: the frame asks first.
  const guardConfirm = (event: Event) => {
    const current = active;
    if (!current?.frame || current.saved || leaveApproved) return;
    if (!(event.target as Element | null)?.closest?.(WHM_SELECTORS.confirmAdded)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    current.frame.send({ type: 'confirm-leave' });
  };
  document.addEventListener('click', guardConfirm, true);
  ctx.onInvalidated(() => {
    stop();
    document.removeEventListener('click', guardConfirm, true);
  });
  watch();
}

/** A small in-page note when the hand-off failed; it carries no secret. */
function showHandOffFailure(before: Element, reason: string, signal: AbortSignal): void {
  const host = document.createElement('token-warden-note');
  const shadow = host.attachShadow({ mode: 'open' });
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.dataset.testid = 'hand-off-failed';
  p.style.cssText = 'font: 14px system-ui, sans-serif; color: #8f1c12; margin: 8px 0;';
  p.textContent = t('panel.handOffFailed', [reason]);
  shadow.append(p);
  before.before(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });
}
