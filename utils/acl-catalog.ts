/**
 * The extension's own labels and hints for WHM's ACLs (reference/whm.md §3).
 *
 * No WHM API returns titles or categories, and newer WHM versions add ACLs, so this
 * catalogue is only for display: the grantable list always comes from `myprivs` at
 * runtime. The titles are ours, written from what each privilege lets a token do.
 */

export type AclCategory = 'basic' | 'standard' | 'package' | 'additional' | 'global' | 'super' | 'root';

export interface AclInfo {
  name: string;
  title: string;
  category: AclCategory;
  /** WHM itself warns about it */
  warned: boolean;
  /** plain-language why it is dangerous, for warned ones */
  warning?: string;
}

/** WHM's category order; 'additional' (plugin ACLs) is defined at runtime, so no entry here uses it. */
export const ACL_CATEGORY_ORDER: readonly AclCategory[] = ['basic', 'standard', 'package', 'additional', 'global', 'super', 'root'];

export const ACL_CATEGORY_TITLES: Readonly<Record<AclCategory, string>> = {
  basic: 'Initial privileges',
  standard: 'Standard privileges',
  package: 'Package privileges',
  additional: 'Additional software',
  global: 'Global privileges',
  super: 'Super privileges',
  root: 'Everything',
};

const acl = (name: string, title: string, category: AclCategory): AclInfo => ({ name, title, category, warned: false });
const warned = (name: string, title: string, category: AclCategory, warning: string): AclInfo => ({
  name,
  title,
  category,
  warned: true,
  warning,
});

// The three "bypass" ACLs get the strongest wording: a token holding them can escape the
// very restrictions (ACLs, allowlist, expiry) the user is setting on it.
const BYPASS = 'A token with this can act outside the limits you set on the token.';

export const ACL_CATALOG: readonly AclInfo[] = Object.freeze([
  // Initial privileges
  acl('acct-summary', 'View account summaries', 'basic'),
  acl('basic-system-info', 'View basic server information', 'basic'),
  acl('basic-whm-functions', 'Use basic WHM functions', 'basic'),
  acl('connected-applications', 'Manage connected applications', 'basic'),
  acl('cors-proxy-get', 'Fetch remote URLs through the server (CORS proxy)', 'basic'),
  warned(
    'cpanel-api',
    'Call cPanel APIs as owned accounts',
    'basic',
    `Runs cPanel API calls as any account you own. ${BYPASS}`,
  ),
  acl('cpanel-integration', 'Manage cPanel integration links', 'basic'),
  warned(
    'create-user-session',
    'Log in to owned accounts without a password',
    'basic',
    `Opens cPanel or Webmail sessions as any account you own, without its password. ${BYPASS}`,
  ),
  acl('digest-auth', 'Manage Digest authentication', 'basic'),
  acl('generate-email-config', 'Generate mail client configuration', 'basic'),
  acl('list-pkgs', 'List packages', 'basic'),
  warned(
    'manage-api-tokens',
    'Manage API tokens',
    'basic',
    `Creates, changes and revokes API tokens, including tokens with more privileges than this one. ${BYPASS}`,
  ),
  acl('manage-dns-records', 'Edit DNS records of owned zones', 'basic'),
  acl('manage-oidc', 'Manage external authentication (OpenID Connect)', 'basic'),
  acl('manage-styles', 'Manage interface styles', 'basic'),
  acl('mysql-info', 'View MySQL/MariaDB server information', 'basic'),
  acl('ns-config', 'View nameserver configuration', 'basic'),
  acl('public-contact', 'Edit public contact information', 'basic'),
  acl('ssl-info', 'View SSL certificate information', 'basic'),
  acl('track-email', 'Track email delivery', 'basic'),

  // Standard privileges: account information
  acl('list-accts', 'List accounts', 'standard'),
  acl('show-bandwidth', 'View bandwidth usage', 'standard'),
  // Standard privileges: account management
  acl('create-acct', 'Create accounts', 'standard'),
  acl('kill-acct', 'Terminate accounts', 'standard'),
  acl('suspend-acct', 'Suspend and unsuspend accounts', 'standard'),
  acl('upgrade-account', 'Upgrade or downgrade accounts (change package)', 'standard'),
  acl('ssl', 'Install SSL certificates', 'standard'),
  acl('ssl-buy', 'Buy SSL certificates', 'standard'),
  acl('ssl-gencrt', 'Generate SSL certificates and signing requests', 'standard'),
  acl('edit-mx', 'Edit MX records', 'standard'),
  warned(
    'passwd',
    'Change account passwords',
    'standard',
    'Changes the password of any account you own; whoever holds the token can then log in as that account.',
  ),
  acl('file-restore', 'Restore files from backups', 'standard'),
  // Standard privileges: DNS
  acl('create-dns', 'Add DNS zones', 'standard'),
  acl('kill-dns', 'Delete DNS zones', 'standard'),
  acl('park-dns', 'Park domains', 'standard'),
  acl('edit-dns', 'Edit DNS zones', 'standard'),
  // Standard privileges: packages and the rest
  acl('add-pkg', 'Add packages', 'standard'),
  acl('edit-pkg', 'Edit and delete packages', 'standard'),
  acl('thirdparty', 'Manage third-party services', 'standard'),
  acl('mailcheck', 'Troubleshoot mail delivery', 'standard'),
  acl('news', 'Manage news shown to customers', 'standard'),
  acl('assign-root-account-enhancements', 'Assign account enhancements', 'standard'),

  // Package privileges
  acl('allow-shell', 'Allow shell access in created accounts', 'package'),
  acl('viewglobalpackages', 'Use root-owned packages', 'package'),
  acl('allow-addoncreate', 'Allow addon domains in packages', 'package'),
  acl('allow-parkedcreate', 'Allow parked domains (aliases) in packages', 'package'),
  acl('add-pkg-ip', 'Create packages with a dedicated IP', 'package'),
  acl('add-pkg-shell', 'Create packages with shell access', 'package'),
  acl('allow-unlimited-pkgs', 'Create packages with unlimited features', 'package'),
  acl('allow-emaillimits-pkgs', 'Set email sending limits in packages', 'package'),
  warned(
    'allow-unlimited-disk-pkgs',
    'Create packages with unlimited disk space',
    'package',
    'Lets accounts use unlimited disk space, which can fill the server.',
  ),
  warned(
    'allow-unlimited-bw-pkgs',
    'Create packages with unlimited bandwidth',
    'package',
    'Lets accounts use unlimited bandwidth, beyond what the server owner allotted.',
  ),

  // Global privileges
  acl('status', 'View service status', 'global'),
  acl('stats', 'View server information and statistics', 'global'),
  acl('restart', 'Restart services', 'global'),
  acl('resftp', 'Resynchronise FTP passwords', 'global'),

  // Super privileges
  warned(
    'edit-account',
    'Modify accounts',
    'super',
    'Changes any owned account directly — owner, domain, limits — bypassing package rules.',
  ),
  warned(
    'limit-bandwidth',
    'Change bandwidth limits',
    'super',
    'Raises or removes bandwidth limits of accounts, beyond what their package allows.',
  ),
  warned('quota', 'Change disk quotas', 'super', 'Raises or removes disk quotas of accounts, beyond what their package allows.'),
  acl('demo-setup', 'Turn demo mode on and off', 'super'),
  acl('rearrange-accts', 'Move accounts between disks', 'super'),
  warned(
    'clustering',
    'Configure DNS clustering',
    'super',
    'Changes which servers receive this server’s DNS zones, which can redirect every domain on it.',
  ),
  warned(
    'locale-edit',
    'Edit locales',
    'super',
    'Edits interface text that every user sees, which can be used to mislead them.',
  ),

  // Root
  warned(
    'all',
    'Everything (full access)',
    'root',
    'Complete access to everything the owner can do, now and after any privilege the owner gains later.',
  ),
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
