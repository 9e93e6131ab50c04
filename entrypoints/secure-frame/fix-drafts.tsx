import type { ComponentChildren } from 'preact';
import { currentAcls, type FixChange, type UpdateFixKind } from '../../utils/audit/fixes';
import { parseDateInput } from '../../utils/expiry';
import { formatNumber, t } from '../../utils/i18n';
import { checkAllowlist, MAX_ALLOWLIST_ENTRIES } from '../../utils/ip-allowlist';
import type { PresetChoice, TokenPlan } from '../../utils/messages';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { policyViolations } from '../../utils/policy/enforce-policy';
import { tokenAclName } from '../../utils/policy/policy-acls';
import { aclList, checkExpiryDay, checkName, CheckLine, ExpiryField, NameField, presetProblem, PresetChoices, type FieldCheck } from './token-fields';

/**
 * One fix as the user is setting it up: its field, the change it would send, what is
 * wrong with it, and the sentences that name the change before it is confirmed.
 */
export interface FixDraft {
  field: ComponentChildren;
  change: FixChange | null;
  check: FieldCheck;
  summary: string[];
  confirm: string;
}

/** What the user has typed or chosen so far, for every kind (only the dialog's own kind is used). */
export interface DraftInputs {
  day: string;
  name: string;
  presetId: string | null;
  ips: string;
}

export interface DraftContext {
  plan: TokenPlan;
  policy: EffectivePolicy;
  fullAccess: boolean;
  defaultDay: string;
  inputs: DraftInputs;
  set: (next: Partial<DraftInputs>) => void;
}

export const FIRST_FIELD: Record<UpdateFixKind, string> = {
  'set-expiry': '[data-testid=fix-expiry]',
  rename: '[data-testid=fix-name]',
  restrict: '[data-testid=fix-preset-choices] input:checked, [data-testid=fix-preset-choices] input:not(:disabled)',
  allowlist: '[data-testid=fix-ips]',
};

export const FIX_TITLE: Record<UpdateFixKind, (name: string) => string> = {
  'set-expiry': (name) => t('fix.setExpiry.title', [name]),
  rename: (name) => t('fix.rename.title', [name]),
  restrict: (name) => t('fix.restrict.title', [name]),
  allowlist: (name) => t('fix.allowlist.title', [name]),
};

export function draftFix(kind: UpdateFixKind, ctx: DraftContext): FixDraft {
  if (kind === 'set-expiry') return expiryDraft(ctx);
  if (kind === 'rename') return renameDraft(ctx);
  if (kind === 'restrict') return restrictDraft(ctx);
  return allowlistDraft(ctx);
}

const days = (n: number) => t('common.days', n, [formatNumber(n)]);

function expiryDraft({ plan, policy, defaultDay, inputs, set }: DraftContext): FixDraft {
  const { expiresAt, check } = checkExpiryDay(inputs.day, policy, plan.now);
  const today = new Date(plan.now * 1000);
  today.setHours(0, 0, 0, 0);
  const ahead = Math.round(((parseDateInput(inputs.day)?.getTime() ?? today.getTime()) - today.getTime()) / 86_400_000);
  // "The policy's default" only when that is what the day is: a default beyond the maximum is capped.
  const isDefault = inputs.day === defaultDay && policy.expiry.defaultDays <= policy.expiry.maxDays;
  const why = isDefault ? t('fix.setExpiry.policyDefault', [days(policy.expiry.defaultDays)]) : t('fix.setExpiry.fromToday', [days(ahead)]);
  return {
    field: <ExpiryField id="tw-fix-expiry" testid="fix-expiry" label={t('fix.setExpiry.label')} value={inputs.day} onInput={(day) => set({ day })} check={check} policy={policy} now={plan.now} />,
    change: expiresAt === null ? null : { kind: 'set-expiry', expiresAt },
    check,
    summary: expiresAt === null ? [] : [t('fix.setExpiry.summary', [plan.token.name, inputs.day, why])],
    confirm: t('fix.setExpiry.confirm'),
  };
}

function renameDraft({ plan, policy, inputs, set }: DraftContext): FixDraft {
  const named = checkName(inputs.name, policy, plan.names, plan.token.name);
  // Renaming is the fix for an off-convention name: the new one must follow it, in any mode.
  const check = { whm: [...named.whm, ...named.policy], policy: [] };
  return {
    field: <NameField id="tw-fix-name" testid="fix-name" label={t('fix.rename.label')} value={inputs.name} onInput={(name) => set({ name })} check={check} policy={policy} />,
    change: { kind: 'rename', newName: inputs.name },
    check,
    summary: [t('fix.rename.summary', [plan.token.name, inputs.name]), t('fix.rename.scripts')],
    confirm: t('fix.rename.confirm'),
  };
}

/** A preset to pre-select: the smallest one that does everything the token does, bar what the policy calls risky. */
export function suggestedPreset(plan: TokenPlan, policy: EffectivePolicy, fullAccess: boolean): string | null {
  if (fullAccess) return null;
  const risky = new Set([...policy.privileges.risky, ...policy.privileges.forbidden].map(tokenAclName));
  const needed = plan.token.acls.filter((acl) => !risky.has(acl));
  const fits = plan.presets.filter((p) => presetProblem(p, policy) === null && p.acls.every((acl) => !risky.has(acl)) && needed.every((acl) => p.acls.includes(acl)));
  return fits.sort((a, b) => a.acls.length - b.acls.length)[0]?.id ?? null;
}

export function presetById(presets: readonly PresetChoice[], id: string | null): PresetChoice | null {
  return presets.find((p) => p.id === id) ?? null;
}

function restrictDraft({ plan, policy, fullAccess, inputs, set }: DraftContext): FixDraft {
  const preset = presetById(plan.presets, inputs.presetId);
  const titles = plan.aclTitles;
  const acls = preset ? [...preset.acls] : [];
  const intent = { name: plan.token.name, acls, expiresAt: plan.token.expiresAt, whitelistIps: plan.token.whitelistIps };
  const warnings = preset ? policyViolations(intent, policy, new Date(plan.now * 1000), (acl) => titles[acl] ?? acl).filter((v) => v.field === 'acls').map((v) => v.message) : [];
  const check = { whm: preset ? [] : [t('fix.restrict.choose')], policy: warnings };
  const held = currentAcls(plan.token);
  const lost = held.filter((acl) => !acls.includes(acl));
  const gained = acls.filter((acl) => !held.includes(acl));
  const summary = preset
    ? [
        t('fix.restrict.summary', [plan.token.name, preset.label, aclList(acls, titles)]),
        fullAccess ? t('fix.restrict.losesAll') : lost.length ? t('fix.restrict.loses', [aclList(lost, titles)]) : t('fix.restrict.losesNothing'),
        ...(gained.length && !fullAccess ? [t('fix.restrict.gains', [aclList(gained, titles)])] : []),
      ]
    : [];
  return {
    field: (
      <>
        <PresetChoices name="fix-preset" legend={t('fix.restrict.legend')} presets={plan.presets} titles={titles} policy={policy} value={inputs.presetId} onChange={(presetId) => set({ presetId })} />
        <CheckLine id="tw-fix-preset-check" testid="fix-preset-check" check={check} policy={policy} ok={t('fix.restrict.chosen')} />
      </>
    ),
    change: preset ? { kind: 'restrict', acls } : null,
    check,
    summary,
    confirm: t('fix.restrict.confirm'),
  };
}

function allowlistDraft({ plan, policy, inputs, set }: DraftContext): FixDraft {
  const typed = checkAllowlist(inputs.ips);
  const whm = [
    ...(typed.entries.length === 0 && typed.invalid.length === 0 ? [t('fix.allowlist.empty')] : []),
    ...(typed.invalid.length ? [t('fix.badAddresses', [typed.invalid.join(', ')])] : []),
    ...(typed.tooMany ? [t('fix.allowlist.tooMany', [formatNumber(MAX_ALLOWLIST_ENTRIES)])] : []),
  ];
  const check = { whm, policy: [] };
  return {
    field: (
      <div class="tw-field">
        <label for="tw-fix-ips">{t('fix.allowlist.label')}</label>
        <textarea id="tw-fix-ips" data-testid="fix-ips" rows={4} spellcheck={false} value={inputs.ips} aria-describedby="tw-fix-ips-check" aria-invalid={whm.length > 0} onInput={(e) => set({ ips: e.currentTarget.value })} />
        <CheckLine id="tw-fix-ips-check" testid="fix-ips-check" check={check} policy={policy} ok={t('fix.allowlist.count', typed.entries.length, [formatNumber(typed.entries.length)])} />
      </div>
    ),
    change: whm.length ? null : { kind: 'allowlist', ips: typed.entries },
    check,
    summary: typed.entries.length ? [t('fix.allowlist.summary', [plan.token.name, typed.entries.join(', ')]), t('fix.allowlist.others')] : [],
    confirm: t('fix.allowlist.confirm'),
  };
}
