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
import { t } from './i18n';
import type { EffectivePolicy, Preset } from './policy/defaults';

const ROTATION_DAYS = 90;

// Frozen: features receive these objects, and a stray `acls.push` must not grant a
// privilege in every later form. The texts are getters over the messages
// (`builtInPresets.*` in locales/), so a preset speaks the language of the browser that
// shows it, and importing this module needs no browser.
const freezePreset = (preset: Preset): Preset => {
  Object.freeze(preset.acls);
  return Object.freeze(preset);
};

const BUILT_IN_SOURCE: Preset[] = [
  {
    id: 'read-only-monitoring',
    get label() {
      return t('builtInPresets.readOnlyMonitoring.label');
    },
    get description() {
      return t('builtInPresets.readOnlyMonitoring.description');
    },
    acls: ['list-accts', 'acct-summary', 'show-bandwidth', 'basic-system-info', 'status'],
    get reasons() {
      return {
        'list-accts': t('builtInPresets.readOnlyMonitoring.reasons.listAccts'),
        'acct-summary': t('builtInPresets.readOnlyMonitoring.reasons.acctSummary'),
        'show-bandwidth': t('builtInPresets.readOnlyMonitoring.reasons.showBandwidth'),
        'basic-system-info': t('builtInPresets.readOnlyMonitoring.reasons.basicSystemInfo'),
        status: t('builtInPresets.readOnlyMonitoring.reasons.status'),
      };
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'billing-provisioning',
    get label() {
      return t('builtInPresets.billingProvisioning.label');
    },
    get description() {
      return t('builtInPresets.billingProvisioning.description');
    },
    acls: ['list-accts', 'acct-summary', 'create-acct', 'suspend-acct', 'kill-acct', 'upgrade-account', 'list-pkgs', 'show-bandwidth'],
    get reasons() {
      return {
        'list-accts': t('builtInPresets.billingProvisioning.reasons.listAccts'),
        'acct-summary': t('builtInPresets.billingProvisioning.reasons.acctSummary'),
        'create-acct': t('builtInPresets.billingProvisioning.reasons.createAcct'),
        'suspend-acct': t('builtInPresets.billingProvisioning.reasons.suspendAcct'),
        'kill-acct': t('builtInPresets.billingProvisioning.reasons.killAcct'),
        'upgrade-account': t('builtInPresets.billingProvisioning.reasons.upgradeAccount'),
        'list-pkgs': t('builtInPresets.billingProvisioning.reasons.listPkgs'),
        'show-bandwidth': t('builtInPresets.billingProvisioning.reasons.showBandwidth'),
      };
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'dns-management',
    get label() {
      return t('builtInPresets.dnsManagement.label');
    },
    get description() {
      return t('builtInPresets.dnsManagement.description');
    },
    acls: ['create-dns', 'edit-dns', 'kill-dns', 'manage-dns-records'],
    get reasons() {
      return {
        'create-dns': t('builtInPresets.dnsManagement.reasons.createDns'),
        'edit-dns': t('builtInPresets.dnsManagement.reasons.editDns'),
        'kill-dns': t('builtInPresets.dnsManagement.reasons.killDns'),
        'manage-dns-records': t('builtInPresets.dnsManagement.reasons.manageDnsRecords'),
      };
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'ssl-automation',
    get label() {
      return t('builtInPresets.sslAutomation.label');
    },
    get description() {
      return t('builtInPresets.sslAutomation.description');
    },
    acls: ['ssl', 'ssl-gencrt', 'ssl-info'],
    get reasons() {
      return {
        ssl: t('builtInPresets.sslAutomation.reasons.ssl'),
        'ssl-gencrt': t('builtInPresets.sslAutomation.reasons.sslGencrt'),
        'ssl-info': t('builtInPresets.sslAutomation.reasons.sslInfo'),
      };
    },
    expiryDays: ROTATION_DAYS,
  },
  {
    id: 'account-suspension',
    get label() {
      return t('builtInPresets.accountSuspension.label');
    },
    get description() {
      return t('builtInPresets.accountSuspension.description');
    },
    acls: ['suspend-acct', 'list-accts'],
    get reasons() {
      return {
        'suspend-acct': t('builtInPresets.accountSuspension.reasons.suspendAcct'),
        'list-accts': t('builtInPresets.accountSuspension.reasons.listAccts'),
      };
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
