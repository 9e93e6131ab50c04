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
  actionsCell: 'td.actions-column',
  /** Always in the DOM in WHM 11.120; shown or hidden with the `ng-hide` class (use `isShown`). */
  loadingRow: 'tr#loadingNotice',
  emptyRow: 'tr#emptyListNotice',
  refreshList: '#refreshList',
  /** WHM's own ways to revoke: a row's button and the gear menu's two entries. */
  whmRevokeControls: '[id^="revoke_key_"], #revokeSelectedTokens, #revokeAllTokens',

  /** Generate / Edit view. */
  tokenName: 'input#token_name',
  tokenNameErrors: '#token_name_errors',
  neverExpires: 'input#tokenExpires_noExpiry',
  expires: 'input#tokenExpires_expiry',
  /** Exists only after "Specify an expiration date" is chosen (ng-if). */
  expiryDateInput: '#expiresDate_datePicker_input',
  whitelistIps: 'textarea#whitelistIps',
  /** One per ACL the user holds: `#acl-checkbox-<acl>`. */
  aclCheckbox: 'input[id^="acl-checkbox-"]',
  saveButton: 'button#save_button',
  cancelButton: 'button#cancel_generate_button',

  /** After a successful create: the once-only secret. */
  tokenAdded: '#tokenAdded_container',
  tokenAddedSecret: '#tokenAdded_container code',
  confirmAdded: 'button#confirm_added_token',
} as const;

/** The ACL an `#acl-checkbox-<acl>` stands for. */
export const aclOfCheckbox = (el: Element): string => el.id.slice('acl-checkbox-'.length);

/**
 * Whether one of WHM's always-present rows is showing. AngularJS (`ng-show`/`ng-hide`)
 * hides with the `ng-hide` class; older markup adds and removes the element instead.
 */
export const isShown = (el: Element | null): boolean => !!el && !el.classList.contains('ng-hide');
