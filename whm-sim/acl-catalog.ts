// WHM's privilege (ACL) catalogue as data, written from the facts in
// reference/whm.md §3. The titles and warning texts are our own wording; only the ACL
// names, the categories and their order come from WHM.
//
// The simulator uses it to know what root holds; the simulated page uses it for the
// privilege checkboxes (WHM's page embeds the same kind of table, no API returns it).

export interface AclInfo {
  /** The ACL name WHM's API uses, e.g. `list-accts`. */
  name: string;
  /** Human title shown next to the checkbox. */
  title: string;
  /** Present when WHM shows a warning (⚠) for this ACL. */
  warning?: string;
}

export interface AclSubcategory {
  /** Used in element ids: `#acl-subcategory-<id>-checkbox`. */
  id: string;
  title: string;
  acls: AclInfo[];
}

export interface AclCategory {
  /** basic | standard | package | additional-software | global | super | root */
  id: string;
  title: string;
  subcategories: AclSubcategory[];
}

export type AclCatalog = AclCategory[];

const BYPASS_WARNING =
  'A token with this privilege can get around the restrictions set on the token itself.';

export const ACL_CATALOG: AclCatalog = [
  {
    id: 'basic',
    title: 'Initial Privileges',
    subcategories: [
      {
        id: 'initialprivs',
        title: 'Initial Privileges',
        acls: [
          { name: 'acct-summary', title: 'Account summaries' },
          { name: 'basic-system-info', title: 'Basic system information' },
          { name: 'basic-whm-functions', title: 'Basic WHM functions' },
          { name: 'connected-applications', title: 'Connected applications' },
          { name: 'cors-proxy-get', title: 'Cross-origin proxy (GET requests)' },
          { name: 'cpanel-api', title: 'Call cPanel APIs for owned accounts', warning: BYPASS_WARNING },
          { name: 'cpanel-integration', title: 'cPanel integration links' },
          { name: 'create-user-session', title: 'Log in to owned accounts without a password', warning: BYPASS_WARNING },
          { name: 'digest-auth', title: 'Digest authentication' },
          { name: 'generate-email-config', title: 'Generate mail client configuration' },
          { name: 'list-pkgs', title: 'List packages' },
          { name: 'manage-api-tokens', title: 'Manage API tokens', warning: BYPASS_WARNING },
          { name: 'manage-dns-records', title: 'Manage DNS records' },
          { name: 'manage-oidc', title: 'Manage external authentication (OpenID Connect)' },
          { name: 'manage-styles', title: 'Manage interface styles' },
          { name: 'mysql-info', title: 'Database server information' },
          { name: 'ns-config', title: 'Nameserver configuration' },
          { name: 'public-contact', title: 'Public contact information' },
          { name: 'ssl-info', title: 'SSL certificate information' },
          { name: 'track-email', title: 'Track email delivery' },
        ],
      },
    ],
  },
  {
    id: 'standard',
    title: 'Standard Privileges',
    subcategories: [
      {
        id: 'account-information',
        title: 'Account Information',
        acls: [
          { name: 'list-accts', title: 'List accounts' },
          { name: 'show-bandwidth', title: 'View bandwidth usage' },
        ],
      },
      {
        id: 'accountmanagement_standard',
        title: 'Account Management',
        acls: [
          { name: 'create-acct', title: 'Create accounts' },
          { name: 'kill-acct', title: 'Terminate accounts' },
          { name: 'suspend-acct', title: 'Suspend and unsuspend accounts' },
          { name: 'upgrade-account', title: 'Upgrade and downgrade accounts' },
          { name: 'ssl', title: 'Install SSL certificates' },
          { name: 'ssl-buy', title: 'Buy SSL certificates' },
          { name: 'ssl-gencrt', title: 'Generate SSL certificates and signing requests' },
          { name: 'edit-mx', title: 'Edit MX records' },
          {
            name: 'passwd',
            title: 'Change account passwords',
            warning: 'A token with this privilege can change account passwords and then log in with them.',
          },
          { name: 'file-restore', title: 'Restore files from backups' },
        ],
      },
      {
        id: 'dns',
        title: 'DNS',
        acls: [
          { name: 'create-dns', title: 'Add DNS zones' },
          { name: 'kill-dns', title: 'Remove DNS zones' },
          { name: 'park-dns', title: 'Park domains' },
          { name: 'edit-dns', title: 'Edit DNS zones' },
        ],
      },
      {
        id: 'packages',
        title: 'Packages',
        acls: [
          { name: 'add-pkg', title: 'Add packages' },
          { name: 'edit-pkg', title: 'Edit packages' },
        ],
      },
      {
        id: 'third-party-services',
        title: 'Third-Party Services',
        acls: [{ name: 'thirdparty', title: 'Manage third-party services' }],
      },
      {
        id: 'troubleshooting',
        title: 'Troubleshooting',
        acls: [{ name: 'mailcheck', title: 'Troubleshoot mail delivery' }],
      },
      {
        id: 'cpanel-management',
        title: 'cPanel Management',
        acls: [{ name: 'news', title: 'Edit cPanel news' }],
      },
      {
        id: 'root-account-enhancements',
        title: 'Account Enhancements',
        acls: [{ name: 'assign-root-account-enhancements', title: 'Assign root account enhancements' }],
      },
    ],
  },
  {
    id: 'package',
    title: 'Package Privileges',
    subcategories: [
      {
        id: 'package-access',
        title: 'Package Access',
        acls: [
          { name: 'allow-shell', title: 'Allow shell access in packages' },
          { name: 'viewglobalpackages', title: 'View global packages' },
          { name: 'allow-addoncreate', title: 'Allow addon domains in packages' },
          { name: 'allow-parkedcreate', title: 'Allow parked domains in packages' },
          { name: 'add-pkg-ip', title: 'Packages with a dedicated IP address' },
          { name: 'add-pkg-shell', title: 'Packages with shell access' },
          { name: 'allow-unlimited-pkgs', title: 'Packages with unlimited features' },
          { name: 'allow-emaillimits-pkgs', title: 'Set email sending limits in packages' },
          {
            name: 'allow-unlimited-disk-pkgs',
            title: 'Packages with unlimited disk space',
            warning: 'Accounts on such packages can fill the server’s disks.',
          },
          {
            name: 'allow-unlimited-bw-pkgs',
            title: 'Packages with unlimited bandwidth',
            warning: 'Accounts on such packages can use the server’s whole bandwidth.',
          },
        ],
      },
    ],
  },
  {
    // Plugin ACLs are defined at runtime by installed software; none in the simulator.
    id: 'additional-software',
    title: 'Additional Software',
    subcategories: [],
  },
  {
    id: 'global',
    title: 'Global Privileges',
    subcategories: [
      {
        id: 'server-information',
        title: 'Server Information',
        acls: [
          { name: 'status', title: 'View service status' },
          { name: 'stats', title: 'View server statistics' },
          { name: 'restart', title: 'Restart services' },
          { name: 'resftp', title: 'Resynchronize FTP passwords' },
        ],
      },
    ],
  },
  {
    id: 'super',
    title: 'Super Privileges',
    subcategories: [
      {
        id: 'super-privileges',
        title: 'Super Privileges',
        acls: [
          {
            name: 'edit-account',
            title: 'Modify accounts',
            warning: 'A token with this privilege can change any setting of an owned account.',
          },
          {
            name: 'limit-bandwidth',
            title: 'Change bandwidth limits',
            warning: 'A token with this privilege can lift the bandwidth limits of accounts.',
          },
          {
            name: 'quota',
            title: 'Change disk quotas',
            warning: 'A token with this privilege can lift the disk quotas of accounts.',
          },
          { name: 'demo-setup', title: 'Turn demo mode on and off' },
          { name: 'rearrange-accts', title: 'Move accounts between partitions' },
          {
            name: 'clustering',
            title: 'DNS clustering',
            warning: 'A token with this privilege can change which servers receive your DNS zones.',
          },
          {
            name: 'locale-edit',
            title: 'Edit locales',
            warning: 'A token with this privilege can change texts every user of the server sees.',
          },
        ],
      },
    ],
  },
  {
    id: 'root',
    title: 'Everything',
    subcategories: [
      {
        id: 'everything',
        title: 'Everything',
        acls: [
          {
            name: 'all',
            title: 'All privileges',
            warning: 'Complete access to the entire system, as root.',
          },
        ],
      },
    ],
  },
];

/** Every ACL name of the catalogue in catalogue order, `all` last. */
export const CATALOG_ACL_NAMES: readonly string[] = ACL_CATALOG.flatMap((c) =>
  c.subcategories.flatMap((s) => s.acls.map((a) => a.name)),
);

/** ACLs WHM shows a warning for. */
export const WARNED_ACLS: readonly string[] = ACL_CATALOG.flatMap((c) =>
  c.subcategories.flatMap((s) => s.acls.filter((a) => a.warning !== undefined).map((a) => a.name)),
);

export function findAcl(name: string): AclInfo | undefined {
  for (const c of ACL_CATALOG) for (const s of c.subcategories) for (const a of s.acls) if (a.name === name) return a;
  return undefined;
}
