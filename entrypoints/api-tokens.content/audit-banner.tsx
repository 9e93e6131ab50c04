import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { AuditBanner, AUDIT_BANNER_CSS } from '../../components/AuditBanner';
import { auditReportCsv, auditReportFileName, auditReportJson } from '../../utils/audit/audit-report';
import type { FixKind } from '../../utils/audit/fixes';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';
import { downloadFile } from '../../utils/download-file';

/**
 * Feature: the audit banner above WHM's token table. WHM's AngularJS view is
 * re-created on every route change, so the banner re-mounts — and audits afresh,
 * since a token may have been created or edited meanwhile — whenever the table
 * container re-appears. (The first audit is started by the content script itself.)
 */
export async function mountAuditBanner(
  ctx: ContentScriptContext,
  store: AuditStore,
  fix: (kind: FixKind, name: string) => void,
  revoke: (names: string[]) => void,
): Promise<void> {
  let mounts = 0;
  const ui = await createShadowRootUi(ctx, {
    name: 'token-warden-banner',
    position: 'inline',
    anchor: WHM_SELECTORS.tableContainer,
    append: 'before',
    css: AUDIT_BANNER_CSS,
    onMount(container) {
      const unmounted = new AbortController();
      store.subscribe(
        (state) =>
          render(
            <AuditBanner
              state={state}
              onRetry={() => void store.refresh()}
              onFix={fix}
              onRevoke={revoke}
              onExport={(format) => {
                if (store.state.phase !== 'ready') return;
                const { report } = store.state;
                const text = format === 'csv' ? auditReportCsv(report) : auditReportJson(report);
                downloadFile(document, auditReportFileName(report, format), text, format === 'csv' ? 'text/csv' : 'application/json');
              }}
            />,
            container,
          ),
        unmounted.signal,
      );
      if (mounts++ > 0) void store.refresh();
      return { container, unmounted };
    },
    onRemove(mounted) {
      mounted?.unmounted.abort();
      if (mounted) render(null, mounted.container);
    },
  });
  ui.autoMount();
}
