import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';

/**
 * Feature: audit again whenever WHM reloads a list it had already shown (its Refresh,
 * or the reload after WHM's own revoke), so the banner never counts a token WHM just
 * removed. A table's first load is not a reload: the banner audits as it mounts.
 */
export function auditAfterWhmReload(ctx: ContentScriptContext, store: AuditStore): void {
  const shownTables = new WeakSet<Element>();
  let loading = false;
  let isReload = false;
  const observer = new MutationObserver(() => {
    const table = document.querySelector(WHM_SELECTORS.tokenTable);
    const nowLoading = document.querySelector(WHM_SELECTORS.loadingRow) !== null;
    if (!loading && nowLoading) isReload = !!table && shownTables.has(table);
    if (loading && !nowLoading && isReload) void store.refresh();
    if (table && !nowLoading && table.querySelector(`${WHM_SELECTORS.tokenRow}, ${WHM_SELECTORS.emptyRow}`)) shownTables.add(table);
    loading = nowLoading;
  });
  observer.observe(document, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}
