/**
 * Every selector of WHM's Manage API Tokens page that Token Warden touches, in one
 * place (reference/whm.md §4). When WHM changes its markup, this is the file to fix.
 */
export const WHM_SELECTORS = {
  /** `<cp-root-variables user=… directory-prefix=… host-name=…>` on every WHM page. */
  rootVariables: 'cp-root-variables',
  appRoot: '#masterContainer[data-app-key="api_tokens"]',
  /** Home view: the block around the token table; our banner goes right above it. */
  tableContainer: '#tableShowHideContainer',
  tokenTable: 'table#tokenTable',
  /** One per token; its `id` is the token name (may start with a digit: use CSS.escape). */
  tokenRow: 'tr.token-row',
  nameCell: 'td.name-column',
  loadingRow: 'tr#loadingNotice',
  emptyRow: 'tr#emptyListNotice',
  refreshList: '#refreshList',
} as const;
