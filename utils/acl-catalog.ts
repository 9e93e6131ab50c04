/**
 * The extension's own labels and hints for WHM's ACLs (reference/whm.md §3).
 *
 * No WHM API returns titles or categories, and newer WHM versions add ACLs, so this
 * catalogue is only for display: the grantable list always comes from `myprivs` at
 * runtime. The titles are ours, written from what each privilege lets a token do.
 */
import { t } from './i18n';

export type AclCategory = 'basic' | 'standard' | 'package' | 'additional' | 'global' | 'super' | 'root';

export interface AclInfo {
  name: string;
  /** Our title, in the user's language. */
  readonly title: string;
  category: AclCategory;
  /** WHM itself warns about it */
  warned: boolean;
  /** plain-language why it is dangerous, for warned ones, in the user's language */
  readonly warning?: string;
}

/** WHM's category order; 'additional' (plugin ACLs) is defined at runtime, so no entry here uses it. */
export const ACL_CATEGORY_ORDER: readonly AclCategory[] = ['basic', 'standard', 'package', 'additional', 'global', 'super', 'root'];

// Titles and warnings are messages, read when asked for: the browser answers in the UI
// language, and a test or the simulator can load the catalogue without one.
const acl = (name: string, title: () => string, category: AclCategory): AclInfo => ({
  name,
  get title() {
    return title();
  },
  category,
  warned: false,
});
const warned = (name: string, title: () => string, category: AclCategory, warning: () => string): AclInfo => ({
  name,
  get title() {
    return title();
  },
  category,
  warned: true,
  get warning() {
    return warning();
  },
});

export const ACL_CATALOG: readonly AclInfo[] = Object.freeze([
  // Initial privileges
  acl('acct-summary', () => t('aclTitle.acctSummary'), 'basic'),
  acl('basic-system-info', () => t('aclTitle.basicSystemInfo'), 'basic'),
  acl('basic-whm-functions', () => t('aclTitle.basicWhmFunctions'), 'basic'),
  acl('connected-applications', () => t('aclTitle.connectedApplications'), 'basic'),
  acl('cors-proxy-get', () => t('aclTitle.corsProxyGet'), 'basic'),
  warned('cpanel-api', () => t('aclTitle.cpanelApi'), 'basic', () => t('aclWarning.cpanelApi', [t('aclWarning.bypass')])),
  acl('cpanel-integration', () => t('aclTitle.cpanelIntegration'), 'basic'),
  warned('create-user-session', () => t('aclTitle.createUserSession'), 'basic', () => t('aclWarning.createUserSession', [t('aclWarning.bypass')])),
  acl('digest-auth', () => t('aclTitle.digestAuth'), 'basic'),
  acl('generate-email-config', () => t('aclTitle.generateEmailConfig'), 'basic'),
  acl('list-pkgs', () => t('aclTitle.listPkgs'), 'basic'),
  warned('manage-api-tokens', () => t('aclTitle.manageApiTokens'), 'basic', () => t('aclWarning.manageApiTokens', [t('aclWarning.bypass')])),
  acl('manage-dns-records', () => t('aclTitle.manageDnsRecords'), 'basic'),
  acl('manage-oidc', () => t('aclTitle.manageOidc'), 'basic'),
  acl('manage-styles', () => t('aclTitle.manageStyles'), 'basic'),
  acl('mysql-info', () => t('aclTitle.mysqlInfo'), 'basic'),
  acl('ns-config', () => t('aclTitle.nsConfig'), 'basic'),
  acl('public-contact', () => t('aclTitle.publicContact'), 'basic'),
  acl('ssl-info', () => t('aclTitle.sslInfo'), 'basic'),
  acl('track-email', () => t('aclTitle.trackEmail'), 'basic'),

  // Standard privileges: account information
  acl('list-accts', () => t('aclTitle.listAccts'), 'standard'),
  acl('show-bandwidth', () => t('aclTitle.showBandwidth'), 'standard'),
  // Standard privileges: account management
  acl('create-acct', () => t('aclTitle.createAcct'), 'standard'),
  acl('kill-acct', () => t('aclTitle.killAcct'), 'standard'),
  acl('suspend-acct', () => t('aclTitle.suspendAcct'), 'standard'),
  acl('upgrade-account', () => t('aclTitle.upgradeAccount'), 'standard'),
  acl('ssl', () => t('aclTitle.ssl'), 'standard'),
  acl('ssl-buy', () => t('aclTitle.sslBuy'), 'standard'),
  acl('ssl-gencrt', () => t('aclTitle.sslGencrt'), 'standard'),
  acl('edit-mx', () => t('aclTitle.editMx'), 'standard'),
  warned('passwd', () => t('aclTitle.passwd'), 'standard', () => t('aclWarning.passwd')),
  acl('file-restore', () => t('aclTitle.fileRestore'), 'standard'),
  // Standard privileges: DNS
  acl('create-dns', () => t('aclTitle.createDns'), 'standard'),
  acl('kill-dns', () => t('aclTitle.killDns'), 'standard'),
  acl('park-dns', () => t('aclTitle.parkDns'), 'standard'),
  acl('edit-dns', () => t('aclTitle.editDns'), 'standard'),
  // Standard privileges: packages and the rest
  acl('add-pkg', () => t('aclTitle.addPkg'), 'standard'),
  acl('edit-pkg', () => t('aclTitle.editPkg'), 'standard'),
  acl('thirdparty', () => t('aclTitle.thirdparty'), 'standard'),
  acl('mailcheck', () => t('aclTitle.mailcheck'), 'standard'),
  acl('news', () => t('aclTitle.news'), 'standard'),
  acl('assign-root-account-enhancements', () => t('aclTitle.assignRootAccountEnhancements'), 'standard'),

  // Package privileges
  acl('allow-shell', () => t('aclTitle.allowShell'), 'package'),
  acl('viewglobalpackages', () => t('aclTitle.viewglobalpackages'), 'package'),
  acl('allow-addoncreate', () => t('aclTitle.allowAddoncreate'), 'package'),
  acl('allow-parkedcreate', () => t('aclTitle.allowParkedcreate'), 'package'),
  acl('add-pkg-ip', () => t('aclTitle.addPkgIp'), 'package'),
  acl('add-pkg-shell', () => t('aclTitle.addPkgShell'), 'package'),
  acl('allow-unlimited-pkgs', () => t('aclTitle.allowUnlimitedPkgs'), 'package'),
  acl('allow-emaillimits-pkgs', () => t('aclTitle.allowEmaillimitsPkgs'), 'package'),
  warned('allow-unlimited-disk-pkgs', () => t('aclTitle.allowUnlimitedDiskPkgs'), 'package', () => t('aclWarning.allowUnlimitedDiskPkgs')),
  warned('allow-unlimited-bw-pkgs', () => t('aclTitle.allowUnlimitedBwPkgs'), 'package', () => t('aclWarning.allowUnlimitedBwPkgs')),

  // Global privileges
  acl('status', () => t('aclTitle.status'), 'global'),
  acl('stats', () => t('aclTitle.stats'), 'global'),
  acl('restart', () => t('aclTitle.restart'), 'global'),
  acl('resftp', () => t('aclTitle.resftp'), 'global'),

  // Super privileges
  warned('edit-account', () => t('aclTitle.editAccount'), 'super', () => t('aclWarning.editAccount')),
  warned('limit-bandwidth', () => t('aclTitle.limitBandwidth'), 'super', () => t('aclWarning.limitBandwidth')),
  warned('quota', () => t('aclTitle.quota'), 'super', () => t('aclWarning.quota')),
  acl('demo-setup', () => t('aclTitle.demoSetup'), 'super'),
  acl('rearrange-accts', () => t('aclTitle.rearrangeAccts'), 'super'),
  warned('clustering', () => t('aclTitle.clustering'), 'super', () => t('aclWarning.clustering')),
  warned('locale-edit', () => t('aclTitle.localeEdit'), 'super', () => t('aclWarning.localeEdit')),

  // Root
  warned('all', () => t('aclTitle.all'), 'root', () => t('aclWarning.all')),
]);

export const KNOWN_ACLS: ReadonlySet<string> = new Set(ACL_CATALOG.map((info) => info.name));

const BY_NAME: ReadonlyMap<string, AclInfo> = new Map(ACL_CATALOG.map((info) => [info.name, info]));

export function aclInfo(name: string): AclInfo | undefined {
  return BY_NAME.get(name);
}

/** The title, or the bare name for ACLs a newer WHM added that this catalogue does not know. */
export function aclTitle(name: string): string {
  return BY_NAME.get(name)?.title ?? name;
}

/** "Title (acl)" for messages, or the bare name for an ACL the catalogue does not know. */
export function describeAcl(name: string): string {
  const title = aclTitle(name);
  return title === name ? name : `${title} (${name})`;
}
