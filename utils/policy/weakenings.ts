import type { EffectivePolicy } from './defaults';
import type { PolicyFile } from './policy-file';
import { resolvePolicy, type PolicyField, type PolicyLayers } from './resolve-policy';
import { formatNumber, listAnd, t } from '../i18n';

/**
 * What importing a team file would weaken (GitHub issue 11, item 5). A team file
 * outranks the user's own settings, so a file that says `"enforcement": "warn"` or
 * `"clipboardClearSeconds": 0` would quietly undo what the user chose; the options page
 * lists these and imports only after the user confirms.
 *
 * Both sides are *effective* policies, resolved with every layer: a value an
 * administrator set (storage.managed) stays in force whatever the file says, so the
 * file cannot weaken it and nothing is reported for it.
 */

/** Every kind of weakening, in the order the options page lists the settings (and the confirmation lists what it found). */
export const WEAKENING_IDS = [
  'enforcement-warn',
  'naming-pattern-removed',
  'naming-pattern-changed',
  'expiry-default-raised',
  'expiry-max-raised',
  'expiry-never-allowed',
  'expiry-warn-later',
  'rotation-age-raised',
  'forbidden-removed',
  'risky-removed',
  'ip-allowlist-not-required',
  'clipboard-never-cleared',
  'clipboard-cleared-later',
  'vault-address-changed',
  'vault-mount-changed',
  'vault-path-changed',
] as const;
export type WeakeningId = (typeof WEAKENING_IDS)[number];

export type PolicyValue = string | number | boolean | string[] | null;

export interface Weakening {
  id: WeakeningId;
  /** The setting it is about (the options page's `data-field`). */
  field: Exclude<PolicyField, 'presets'>;
  /** The value in force now, and the one the import would put in force. */
  before: PolicyValue;
  after: PolicyValue;
  /** What changes for the user, in a sentence. */
  message: string;
}

/**
 * Every way `next` is weaker than `current`, in the order the options page lists the
 * settings. Empty when `next` is as strict or stricter everywhere.
 */
export function policyWeakenings(current: EffectivePolicy, next: EffectivePolicy): Weakening[] {
  const found: Weakening[] = [];
  const add = (id: WeakeningId, field: Weakening['field'], before: PolicyValue, after: PolicyValue, message: string) =>
    found.push({ id, field, before, after, message });

  if (current.enforcement === 'block' && next.enforcement === 'warn') {
    add('enforcement-warn', 'enforcement', 'block', 'warn', t('weakening.enforcement'));
  }

  const pattern = { before: current.naming.pattern, after: next.naming.pattern };
  if (pattern.before !== null && pattern.after === null) {
    add('naming-pattern-removed', 'naming.pattern', pattern.before, null, t('weakening.namingRemoved'));
  } else if (pattern.before !== null && pattern.after !== null && pattern.before !== pattern.after) {
    // Whether one regular expression admits more names than another is not decidable in
    // general: a replaced convention is reported as a change for the user to judge.
    add('naming-pattern-changed', 'naming.pattern', pattern.before, pattern.after, t('weakening.namingChanged'));
  }

  const days = (n: number) => t('common.days', n, [formatNumber(n)]);
  const was = current.expiry;
  const will = next.expiry;
  if (will.defaultDays > was.defaultDays) {
    add('expiry-default-raised', 'expiry.defaultDays', was.defaultDays, will.defaultDays, t('weakening.defaultDays', [days(will.defaultDays), days(was.defaultDays)]));
  }
  if (will.maxDays > was.maxDays) {
    add('expiry-max-raised', 'expiry.maxDays', was.maxDays, will.maxDays, t('weakening.maxDays', [days(will.maxDays), days(was.maxDays)]));
  }
  if (!was.allowNever && will.allowNever) {
    add('expiry-never-allowed', 'expiry.allowNever', false, true, t('weakening.allowNever'));
  }
  if (will.warnDays < was.warnDays) {
    add('expiry-warn-later', 'expiry.warnDays', was.warnDays, will.warnDays, t('weakening.warnDays', [days(will.warnDays), days(was.warnDays)]));
  }
  if (next.rotation.maxAgeDays > current.rotation.maxAgeDays) {
    const [before, after] = [current.rotation.maxAgeDays, next.rotation.maxAgeDays];
    add('rotation-age-raised', 'rotation.maxAgeDays', before, after, t('weakening.rotation', [days(after), days(before)]));
  }

  const removed = (before: string[], after: string[]) => [...new Set(before)].filter((acl) => !after.includes(acl));
  const noLongerForbidden = removed(current.privileges.forbidden, next.privileges.forbidden);
  if (noLongerForbidden.length) {
    add('forbidden-removed', 'privileges.forbidden', [...current.privileges.forbidden], [...next.privileges.forbidden], t('weakening.forbiddenRemoved', noLongerForbidden.length, [listAnd(noLongerForbidden)]));
  }
  const noLongerRisky = removed(current.privileges.risky, next.privileges.risky);
  if (noLongerRisky.length) {
    add('risky-removed', 'privileges.risky', [...current.privileges.risky], [...next.privileges.risky], t('weakening.riskyRemoved', noLongerRisky.length, [listAnd(noLongerRisky)]));
  }

  if (current.requireIpAllowlist && !next.requireIpAllowlist) {
    add('ip-allowlist-not-required', 'requireIpAllowlist', true, false, t('weakening.ipAllowlist'));
  }

  // 0 means "never cleared", the weakest choice; otherwise a longer delay leaves a copied
  // secret on the clipboard longer. (A shorter delay is stricter.)
  const clipboard = { before: current.clipboardClearSeconds, after: next.clipboardClearSeconds };
  if (clipboard.before !== 0 && clipboard.after === 0) {
    add('clipboard-never-cleared', 'clipboardClearSeconds', clipboard.before, 0, t('weakening.clipboardNever'));
  } else if (clipboard.before !== 0 && clipboard.after > clipboard.before) {
    add('clipboard-cleared-later', 'clipboardClearSeconds', clipboard.before, clipboard.after, t('weakening.clipboardLater', [clipboardDelay(clipboard.after), clipboardDelay(clipboard.before)]));
  }

  // A Vault address is where secrets are pushed: any new destination asks, even a first
  // one. Removing the address is not reported — then nothing is pushed at all. The mount
  // and path only matter when there is an address to push to.
  const vault = { before: current.vault, after: next.vault };
  if (vault.after.address !== null && vault.after.address !== vault.before.address) {
    add('vault-address-changed', 'vault.address', vault.before.address, vault.after.address, t('weakening.vaultAddress', [vault.after.address]));
  }
  if (vault.after.address !== null && vault.after.mount !== vault.before.mount) {
    add('vault-mount-changed', 'vault.mount', vault.before.mount, vault.after.mount, t('weakening.vaultMount', [vault.after.mount]));
  }
  if (vault.after.address !== null && vault.after.pathTemplate !== vault.before.pathTemplate) {
    add('vault-path-changed', 'vault.pathTemplate', vault.before.pathTemplate, vault.after.pathTemplate, t('weakening.vaultPath', [vault.after.pathTemplate]));
  }

  return found;
}

/**
 * The effective policy once `team` replaces the team layer, the other layers as they are
 * (the options page passes the managed values and user settings it loaded).
 */
export function policyAfterImport(layers: Pick<PolicyLayers, 'managed' | 'user'>, team: PolicyFile): EffectivePolicy {
  return resolvePolicy({ managed: layers.managed ?? null, team, user: layers.user ?? null }).policy;
}

/** A value as the confirmation shows it, in the words of the options page (yes/no, warn/block, "30 seconds"). */
export function describePolicyValue(field: Weakening['field'], value: PolicyValue): string {
  if (value === null) return t('weakening.value.unset');
  if (Array.isArray(value)) return value.length ? value.join(', ') : t('weakening.value.none');
  if (typeof value === 'boolean') return value ? t('options.answerYes') : t('options.answerNo');
  if (field === 'enforcement') return value === 'block' ? t('options.block') : t('options.warn');
  if (field === 'clipboardClearSeconds' && typeof value === 'number') return clipboardDelay(value);
  if (typeof value === 'number') return t('common.days', value, [formatNumber(value)]);
  return value;
}

function clipboardDelay(seconds: number): string {
  if (seconds === 0) return t('options.clipboardNever');
  if (seconds < 60) return t('options.clipboardSeconds', seconds, [formatNumber(seconds)]);
  return t('options.clipboardMinutes', seconds / 60, [formatNumber(seconds / 60)]);
}
