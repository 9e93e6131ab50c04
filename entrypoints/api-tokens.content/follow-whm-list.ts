import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isShown, WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';
import { watchPage } from './page-watcher';

/**
 * Feature: the banner follows what WHM's own table does, so it never counts a token
 * WHM just removed.
 * - WHM's Refresh lists again: its loading row is shown, then hidden. WHM 11.120 keeps
 *   that row in the DOM and toggles the `ng-hide` class (whm.md §4), so class changes
 *   count, not only added and removed rows. A table's first load is not a reload: the
 *   banner audits as it mounts.
 * - WHM's own Revoke (a row's button, or "Revoke selected"/"Revoke all" in the gear
 *   menu) does not list again: after its modal, WHM removes the rows locally. So once
 *   one of those controls was used, the next change of the rows means "revoked".
 */
export function followWhmList(ctx: ContentScriptContext, store: AuditStore): void {
  const shownTables = new WeakSet<Element>();
  let loading = false;
  let isReload = false;
  let revokeStarted = false;
  let lastRows = '';

  const rowNames = () => [...document.querySelectorAll(WHM_SELECTORS.tokenRow)].map((row) => row.id).join('\n');

  const check = () => {
    const table = document.querySelector(WHM_SELECTORS.tokenTable);
    const nowLoading = isShown(document.querySelector(WHM_SELECTORS.loadingRow));
    if (!loading && nowLoading) isReload = !!table && shownTables.has(table);
    const rows = rowNames();
    const rowsChanged = rows !== lastRows;
    lastRows = rows;
    if (loading && !nowLoading && isReload) {
      revokeStarted = false;
      void store.refresh();
    } else if (revokeStarted && rowsChanged && !nowLoading) {
      revokeStarted = false;
      void store.refresh();
    }
    if (table && !nowLoading && (rows || isShown(table.querySelector(WHM_SELECTORS.emptyRow)))) shownTables.add(table);
    loading = nowLoading;
  };

  // Any click, scripted or not: we only audit again, which gives a page script nothing.
  const onClick = (event: Event) => {
    if ((event.target as Element | null)?.closest?.(WHM_SELECTORS.whmRevokeControls)) revokeStarted = true;
  };
  document.addEventListener('click', onClick, true);
  watchPage(document, check, { signal: ctx.signal, within: WHM_SELECTORS.tokenTable, classes: true });
  ctx.onInvalidated(() => {
    document.removeEventListener('click', onClick, true);
  });
  check();
}
