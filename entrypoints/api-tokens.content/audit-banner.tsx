import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { AuditBanner, AUDIT_BANNER_CSS, type BannerState } from '../../components/AuditBanner';
import type { PageContext } from '../../utils/whm/page-context';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import { sendRequest } from './send-request';

/**
 * Feature: the audit banner above WHM's token table. WHM's AngularJS view is
 * re-created on every route change, so the banner re-mounts (and re-reads the list)
 * whenever the table container re-appears.
 */
export async function mountAuditBanner(ctx: ContentScriptContext, page: PageContext): Promise<void> {
  const ui = await createShadowRootUi(ctx, {
    name: 'token-warden-banner',
    position: 'inline',
    anchor: WHM_SELECTORS.tableContainer,
    append: 'before',
    css: AUDIT_BANNER_CSS,
    onMount(container) {
      const show = (state: BannerState) => render(<AuditBanner state={state} />, container);
      show({ phase: 'loading' });
      void sendRequest({ type: 'tokens:list', origin: page.origin, cpsess: page.cpsess }).then((reply) => {
        if (!ctx.isValid) return;
        show(reply.ok ? { phase: 'ready', tokens: reply.value.tokens } : { phase: 'error', error: reply.error });
      });
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  ui.autoMount();
}
