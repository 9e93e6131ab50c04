import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { SECRET_PANEL_CSS } from '../../components/SecretPanel';
import { t } from '../../utils/i18n';
import { readWhmUser, type PageContext } from '../../utils/whm/page-context';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import { SecretSession } from './secret-session';
import { sendRequest } from './send-request';

const SECRET = /^[0-9A-Z]{32}$/;

/**
 * Feature: the secure step when WHM shows a new token's secret once
 * (`#tokenAdded_container`). WHM's plain-text copy is masked (left in place, so WHM
 * keeps working); our panel offers reveal, copy with auto-clear, vault export and a
 * token test; leaving or pressing "Yes, I saved my token" before the secret was saved
 * asks first.
 */
export function mountSecurePanel(ctx: ContentScriptContext, page: PageContext): void {
  let active: { container: Element; session: SecretSession | null; remove: () => void } | null = null;
  let leaveApproved = false;

  const start = async (container: Element, code: HTMLElement, secret: string) => {
    // Mask WHM's own copy without touching its text (AngularJS owns it).
    code.style.setProperty('filter', 'blur(6px)');
    code.style.setProperty('user-select', 'none');
    code.setAttribute('aria-hidden', 'true');
    const current = { container, session: null as SecretSession | null, remove: () => undefined as void };
    active = current;
    leaveApproved = false;
    const ui = await createShadowRootUi(ctx, {
      name: 'token-warden-secret',
      position: 'inline',
      anchor: () => container,
      append: 'after',
      css: SECRET_PANEL_CSS,
      onMount: (panelRoot) => panelRoot,
    });
    ui.mount();
    current.remove = () => ui.remove();
    const shownName = /“([A-Za-z0-9_-]{1,50})”/.exec(container.textContent ?? '')?.[1];
    const name = shownName ?? t('panel.newToken');
    const policyReply = await sendRequest({ type: 'policy:get', origin: page.origin, cpsess: page.cpsess });
    const policy = policyReply.ok ? policyReply.value.policy : null;
    if (active !== current || !ui.mounted) return;
    current.session = new SecretSession({
      page,
      secret,
      container: ui.mounted,
      info: { name, server: new URL(page.origin).host, user: readWhmUser(document), acls: null, expiresAt: undefined, whitelistIps: null },
      clipboardClearSeconds: policy?.clipboardClearSeconds ?? 30,
      vaultAddress: policy?.vault.address ?? null,
      onLeaveAnyway: () => {
        leaveApproved = true;
        document.querySelector<HTMLElement>(WHM_SELECTORS.confirmAdded)?.click();
      },
    });
    const details = await sendRequest({ type: 'token:details', origin: page.origin, cpsess: page.cpsess, secret, ...(shownName ? { name: shownName } : {}) });
    if (details.ok && details.value.token) {
      const t = details.value.token;
      current.session?.update({ name: t.name, acls: t.acls, expiresAt: t.expiresAt, whitelistIps: t.whitelistIps });
    }
  };

  const stop = () => {
    active?.session?.dispose();
    active?.remove();
    active = null;
  };

  const watch = () => {
    const container = document.querySelector(WHM_SELECTORS.tokenAdded);
    if (active && active.container !== container) stop();
    if (!container || active) return;
    const code = container.querySelector<HTMLElement>('code');
    const secret = code?.textContent?.trim() ?? '';
    if (code && SECRET.test(secret)) void start(container, code, secret);
  };
  const observer = new MutationObserver(watch);
  observer.observe(document, { childList: true, subtree: true, characterData: true });

  // "Yes, I saved my token" before the secret went anywhere: ask first.
  const guardConfirm = (event: Event) => {
    const session = active?.session;
    if (!session || session.saved || leaveApproved) return;
    if (!(event.target as Element | null)?.closest(WHM_SELECTORS.confirmAdded)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    session.setState({ confirmingLeave: true });
  };
  const guardUnload = (event: BeforeUnloadEvent) => {
    if (active?.session && !active.session.saved) {
      event.preventDefault();
      event.returnValue = '';
    }
  };
  document.addEventListener('click', guardConfirm, true);
  window.addEventListener('beforeunload', guardUnload);
  ctx.onInvalidated(() => {
    observer.disconnect();
    stop();
    document.removeEventListener('click', guardConfirm, true);
    window.removeEventListener('beforeunload', guardUnload);
  });
  watch();
}
