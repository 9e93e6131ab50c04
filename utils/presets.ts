/**
 * Built-in least-privilege presets for the jobs resellers most often hand to a script.
 *
 * Each ACL must earn its place: `reasons` says which calls of the job need it, and none
 * of the built-ins grants a privilege WHM itself warns about (WHM_WARNED_ACLS) — those
 * let a token escape its own limits or take over accounts, which no routine automation
 * should be able to do. Where a common feature of the job would need a warned ACL, the
 * description says so, so the user adds it knowingly rather than finding it missing.
 *
 * Every built-in expires after 90 days: that is the default `rotation.maxAgeDays`, so a
 * longer lifetime would only turn the audit's "rotation due" warning on halfway through
 * it. It is also GitHub's longest preset and AWS's key-rotation period. Read-only
 * monitoring keeps 90 too: its account list (domains, contact addresses, owners) is
 * exactly what a phishing campaign needs, so it is not harmless if it leaks.
 */
import type { EffectivePolicy, Preset } from './policy/defaults';

const ROTATION_DAYS = 90;

// Frozen all the way down: features receive these objects, and a stray `acls.push` must
// not grant a privilege in every later form.
const freezePreset = (preset: Preset): Preset =>
  Object.freeze({ ...preset, acls: Object.freeze([...preset.acls]) as string[], reasons: Object.freeze({ ...preset.reasons }) });

const BUILT_IN_SOURCE: Preset[] = [
  {
    id: 'read-only-monitoring',
    label: 'Read-only monitoring',
    description:
      'For dashboards and monitoring checks: reads accounts, bandwidth, server information and service status; changes nothing. ' +
      'Server-wide statistics (`stats`) are left out; add them only if your monitor reads them.',
    acls: ['list-accts', 'acct-summary', 'show-bandwidth', 'basic-system-info', 'status'],
    reasons: {
      'list-accts': 'Lists the accounts to watch, with their disk use, package and suspension state (`list-accts`).',
      'acct-summary': 'Reads the details of one account when a check needs more than the list gives (`acct-summary`).',
      'show-bandwidth': 'Reads bandwidth use per account, to alert before a limit is reached (`show-bandwidth`).',
      'basic-system-info': 'Reads the WHM version, host name and load, which health checks report (`basic-system-info`).',
      status: 'Reads whether services such as the web, mail and DNS servers are up (`status`).',
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'billing-provisioning',
    label: 'Billing and provisioning (WHMCS-style)',
    description:
      'For a billing system’s server module: creates, suspends, unsuspends, terminates and changes the package of accounts, ' +
      'and reads usage for invoices. Deliberately left out: changing account passwords (`passwd` — the billing system’s ' +
      '"change password" button will fail), single sign-on into cPanel (`create-user-session`, `cpanel-api`) and direct ' +
      'account edits such as a domain change (`edit-account`). Each of those lets whoever holds the token take over ' +
      'customer accounts; add one only if you use that feature and accept the risk.',
    acls: ['list-accts', 'acct-summary', 'create-acct', 'suspend-acct', 'kill-acct', 'upgrade-account', 'list-pkgs', 'show-bandwidth'],
    reasons: {
      'list-accts': 'Finds existing accounts when syncing or importing services, and reads disk usage for usage billing (`list-accts`).',
      'acct-summary': 'Reads one account’s state before acting on it, e.g. to confirm a suspension (`acct-summary`).',
      'create-acct': 'Creates the hosting account when an order is paid (`create-acct`).',
      'suspend-acct': 'Suspends overdue accounts and unsuspends them once paid (`suspend-acct`).',
      'kill-acct': 'Terminates accounts when a service is cancelled (`kill-acct`).',
      'upgrade-account': 'Moves an account to another package on an upgrade or downgrade (`upgrade-account`).',
      'list-pkgs': 'Lists packages so products can be mapped to them (`list-pkgs`).',
      'show-bandwidth': 'Reads bandwidth use for usage billing and overage invoices (`show-bandwidth`).',
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'dns-management',
    label: 'DNS management',
    description:
      'For DNS automation (zone sync, record updates, DNS-01 certificate challenges): adds, edits and deletes zones and records. ' +
      'Parking domains (`park-dns`) and MX-only edits (`edit-mx`) are left out: they change accounts’ mail and domains, ' +
      'not just DNS. Changing the DNS cluster (`clustering`) is never needed for this.',
    acls: ['create-dns', 'edit-dns', 'kill-dns', 'manage-dns-records'],
    reasons: {
      'create-dns': 'Adds a zone for a domain that does not have one yet (`create-dns`).',
      'edit-dns': 'Reads and edits the records of any zone you own, e.g. TXT records for DNS-01 challenges (`edit-dns`).',
      'kill-dns': 'Deletes zones of domains that have left the server (`kill-dns`).',
      'manage-dns-records': 'Uses WHM’s record-level calls to add, change and remove records in owned zones (`manage-dns-records`).',
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'ssl-automation',
    label: 'SSL automation',
    description:
      'For certificate tooling: generates keys and signing requests, installs certificates and reads what is installed. ' +
      'Buying certificates (`ssl-buy`) is left out because it spends money. Proving control of a domain by writing files ' +
      'into its web root would need `cpanel-api`, which escapes token limits: prefer DNS-01 challenges with the DNS preset.',
    acls: ['ssl', 'ssl-gencrt', 'ssl-info'],
    reasons: {
      ssl: 'Installs the issued certificate on the domain (`ssl`).',
      'ssl-gencrt': 'Generates the private key and certificate signing request (`ssl-gencrt`).',
      'ssl-info': 'Reads installed certificates and their expiry, to know what to renew (`ssl-info`).',
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'account-suspension',
    label: 'Account suspension',
    description:
      'For abuse-handling or dunning scripts that only suspend and unsuspend: cannot create, change or delete accounts.',
    acls: ['suspend-acct', 'list-accts'],
    reasons: {
      'suspend-acct': 'Suspends and unsuspends accounts (`suspend-acct`).',
      'list-accts': 'Finds the account by domain or user and checks whether it is already suspended (`list-accts`).',
    },
    expiryDays: ROTATION_DAYS,
  },
];

export const BUILT_IN_PRESETS: readonly Preset[] = Object.freeze(BUILT_IN_SOURCE.map(freezePreset));

/** Team and user presets first (they know the job better), then every built-in whose id is still free. */
export function presetsFor(policy: EffectivePolicy): Preset[] {
  const seen = new Set<string>();
  const result: Preset[] = [];
  for (const preset of [...policy.presets, ...BUILT_IN_PRESETS]) {
    // First one wins: a team preset named like a built-in replaces it, and a policy
    // listing the same id twice does not show two choices that share a test id.
    if (seen.has(preset.id)) continue;
    seen.add(preset.id);
    result.push(preset);
  }
  return result;
}

export interface PresetAvailability {
  available: string[];
  missing: string[];
}

/**
 * Splits a preset's ACLs into those the reseller holds (per `myprivs`) and those it does
 * not. WHM refuses a create that asks for an ACL the caller lacks, and silently dropping
 * one would hand the user a token that fails at its job later, so the UI must show
 * `missing` rather than hide it.
 */
export function presetAvailability(preset: Preset, heldAcls: ReadonlySet<string>): PresetAvailability {
  // Holding `all` (root, or a reseller with everything) means every ACL can be granted,
  // including ones a newer WHM added that myprivs may list only as part of `all`.
  const holdsAll = heldAcls.has('all');
  const available: string[] = [];
  const missing: string[] = [];
  for (const acl of new Set(preset.acls)) {
    if (holdsAll || heldAcls.has(acl)) available.push(acl);
    else missing.push(acl);
  }
  return { available, missing };
}
