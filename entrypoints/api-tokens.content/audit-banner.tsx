import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { AuditBanner } from '../../components/AuditBanner';
import AUDIT_BANNER_CSS from '../../components/audit-banner.css?inline';
import type { FixKind } from '../../utils/audit/fixes';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';
import { createShadowUi, keepBeside } from './shadow-ui';

/**
 * Feature: the audit banner above WHM's token table. WHM's AngularJS view is
 * re-created on every route change, so the banner re-mounts — and audits afresh,
 * since a token may have been created or edited meanwhile — whenever the table
 * container re-appears. (The first audit is started by the content script itself.)
 */
export function mountAuditBanner(
  ctx: ContentScriptContext,
  store: AuditStore,
  fix: (kind: FixKind, name: string) => void,
  revoke: (names: string[]) => void,
): void {
  let mounts = 0;
  let unmounted: AbortController | null = null;
  const ui = createShadowUi(document, 'token-warden-banner', AUDIT_BANNER_CSS);
  const onExport = (format: 'csv' | 'json') => void store.exportReport(format);
  const unmount = () => {
    unmounted?.abort();
    unmounted = null;
    render(null, ui.container);
  };
  keepBeside(document, ui, {
    anchor: () => document.querySelector(WHM_SELECTORS.tableContainer),
    append: 'before',
    signal: ctx.signal,
    onMount() {
      unmount();
      unmounted = new AbortController();
      store.subscribe(
        (state) => render(<AuditBanner state={state} onRetry={() => void store.refresh()} onFix={fix} onRevoke={revoke} onExport={onExport} />, ui.container),
        unmounted.signal,
      );
      if (mounts++ > 0) void store.refresh();
    },
    onRemove: unmount,
  });
}
