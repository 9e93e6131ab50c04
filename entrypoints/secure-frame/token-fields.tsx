import { useEffect, useState } from 'preact/hooks';
import { addLocalDays, checkExpiry, endOfDayUnix, toDateInput } from '../../utils/expiry';
import { formatDateTime, t } from '../../utils/i18n';
import type { ClaimedFrameTask, PresetChoice, TokenPlan } from '../../utils/messages';
import { checkTokenName } from '../../utils/naming';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { tokenAclName } from '../../utils/policy/policy-acls';
import { sendRequest } from '../../utils/send-request';
import type { WhmErrorInfo } from '../../utils/whm/errors';
import type { WhmToken } from '../../utils/whm/schemas';

/**
 * The fields the fix and rotation dialogs share — a token name, an expiry day, a choice
 * of privileges — each checked live the way the background will check it. A check has
 * two kinds of problem: what WHM itself would refuse (always blocks) and what the policy
 * says (blocks in block mode, a warning otherwise).
 */
export interface FieldCheck {
  whm: string[];
  policy: string[];
}

export function blocks(check: FieldCheck, policy: EffectivePolicy): boolean {
  return check.whm.length > 0 || (policy.enforcement === 'block' && check.policy.length > 0);
}

/** The dialog's token as WHM lists it now, with what the background offers for it. */
export function usePlan(claimed: ClaimedFrameTask, name: string): { plan: TokenPlan } | { error: WhmErrorInfo } | null {
  const [state, setState] = useState<{ plan: TokenPlan } | { error: WhmErrorInfo } | null>(null);
  useEffect(() => {
    void sendRequest({ type: 'token:plan', origin: claimed.origin, cpsess: claimed.cpsess, name }).then((reply) =>
      setState(reply.ok ? { plan: reply.value } : { error: reply.error }),
    );
  }, []);
  return state;
}

export function checkName(name: string, policy: EffectivePolicy, names: readonly string[], current: string): FieldCheck {
  const whm = checkTokenName(name, { pattern: null, hint: null }).problems;
  if (name === current) whm.push(t('fix.sameName', [current]));
  else if (names.includes(name)) whm.push(t('fix.nameTaken', [name]));
  const policyProblems = checkTokenName(name, policy.naming).problems.filter((problem) => !whm.includes(problem));
  return { whm, policy: policyProblems };
}

/** The end of the chosen local day, as WHM's own form sends it, and what is wrong with it. */
export function checkExpiryDay(day: string, policy: EffectivePolicy, now: number): { expiresAt: number | null; check: FieldCheck } {
  const expiresAt = endOfDayUnix(day);
  if (expiresAt === null) return { expiresAt, check: { whm: [t('fix.badDate')], policy: [] } };
  const whm = expiresAt <= now ? [t('expiry.past')] : [];
  const policyProblems = checkExpiry(expiresAt, new Date(now * 1000), policy.expiry).problems.filter((problem) => !whm.includes(problem));
  return { expiresAt, check: { whm, policy: policyProblems } };
}

/** One line under a field: the first problem, or that all is well. */
export function CheckLine({ id, testid, check, policy, ok }: { id: string; testid: string; check: FieldCheck; policy: EffectivePolicy; ok: string }) {
  const problem = check.whm[0] ?? check.policy[0];
  const blocked = blocks(check, policy);
  return (
    <p id={id} class={problem ? (blocked ? 'tw-problem' : 'tw-warn') : 'tw-ok'} data-testid={testid} data-valid={String(!problem)} aria-live="polite">
      {problem ? (blocked ? problem : t('fix.policyWarns', [problem])) : ok}
    </p>
  );
}

export function NameField(props: { id: string; testid: string; label: string; value: string; onInput: (value: string) => void; check: FieldCheck; policy: EffectivePolicy }) {
  const { id, testid, label, value, onInput, check, policy } = props;
  return (
    <div class="tw-field">
      <label for={id}>{label}</label>
      <input id={id} type="text" data-testid={testid} value={value} maxLength={50} spellcheck={false} autocomplete="off" aria-describedby={`${id}-check`} aria-invalid={blocks(check, policy)} onInput={(e) => onInput(e.currentTarget.value.trim())} />
      <CheckLine id={`${id}-check`} testid={`${testid}-check`} check={check} policy={policy} ok={policy.naming.pattern ? t('fix.nameFollows') : t('fix.nameValid')} />
    </div>
  );
}

export function ExpiryField(props: { id: string; testid: string; label: string; value: string; onInput: (value: string) => void; check: FieldCheck; policy: EffectivePolicy; now: number }) {
  const { id, testid, label, value, onInput, check, policy, now } = props;
  const today = new Date(now * 1000);
  return (
    <div class="tw-field">
      <label for={id}>{label}</label>
      {/* Text, as WHM's own date picker takes it: a native date input splits into parts
          that Tab walks through, which a dialog's Tab loop cannot tell apart. */}
      <input id={id} type="text" inputMode="numeric" data-testid={testid} value={value} maxLength={10} spellcheck={false} autocomplete="off" aria-describedby={`${id}-hint ${id}-check`} aria-invalid={blocks(check, policy)} onInput={(e) => onInput(e.currentTarget.value.trim())} />
      <span id={`${id}-hint`} class="tw-hint tw-block">
        {t('fix.expiryHint', [toDateInput(today), toDateInput(addLocalDays(today, policy.expiry.maxDays))])}
      </span>
      <CheckLine id={`${id}-check`} testid={`${testid}-check`} check={check} policy={policy} ok={t('fix.expiryOk', [value])} />
    </div>
  );
}

/** The ACLs of a preset (or a token) by title, for the user to read what they grant. */
export function aclList(acls: readonly string[], titles: Record<string, string>): string {
  return acls.map((acl) => titles[acl] ?? acl).join(', ');
}

/** Why a preset cannot be chosen here: ACLs the user does not hold, or ones block mode forbids. */
export function presetProblem(preset: PresetChoice, policy: EffectivePolicy): string | null {
  if (preset.missing.length) return t('fix.presetMissing', [preset.missing.join(', ')]);
  const forbidden = new Set(policy.privileges.forbidden.map(tokenAclName));
  const hit = preset.acls.filter((acl) => forbidden.has(acl));
  return hit.length && policy.enforcement === 'block' ? t('fix.presetForbidden', [hit.join(', ')]) : null;
}

export function PresetChoices(props: {
  name: string;
  legend: string;
  presets: PresetChoice[];
  titles: Record<string, string>;
  policy: EffectivePolicy;
  value: string | null;
  onChange: (id: string) => void;
  /** The rotation's "keep the same privileges" choice, first, with what it would copy. */
  keep?: { label: string; warning: string | null };
}) {
  const { name, legend, presets, titles, policy, value, onChange, keep } = props;
  return (
    <fieldset class="tw-choices" data-testid={`${name}-choices`}>
      <legend>{legend}</legend>
      {keep && (
        <label class="tw-choice">
          <input type="radio" name={name} value="keep" data-keep="" checked={value === 'keep'} onChange={() => onChange('keep')} />
          <span>
            {keep.label}
            {keep.warning && <span class="tw-warn tw-block">{keep.warning}</span>}
          </span>
        </label>
      )}
      {presets.map((preset) => {
        const problem = presetProblem(preset, policy);
        return (
          <label class={`tw-choice${problem ? ' tw-muted' : ''}`} key={preset.id}>
            <input type="radio" name={name} value={preset.id} data-preset={preset.id} disabled={problem !== null} checked={value === preset.id} onChange={() => onChange(preset.id)} />
            <span>
              <strong>{preset.label}</strong>: {aclList(preset.acls, titles)}
              {problem && <span class="tw-hint tw-block">{problem}</span>}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** The token as it is now: what the change is measured against. */
export function TokenFacts({ token, titles, fullAccess }: { token: WhmToken; titles: Record<string, string>; fullAccess: boolean }) {
  return (
    <dl class="tw-facts" data-testid="token-now">
      <dt>{t('panel.privileges')}</dt>
      <dd>{fullAccess ? t('panel.fullAccess') : aclList(token.acls, titles)}</dd>
      <dt>{t('panel.expires')}</dt>
      <dd>{token.expiresAt === null ? t('panel.never') : formatDateTime(token.expiresAt)}</dd>
      <dt>{t('panel.ipAllowlist')}</dt>
      <dd>{token.whitelistIps.length ? token.whitelistIps.join(', ') : t('panel.anyAddress')}</dd>
    </dl>
  );
}

/** A dialog's only way on: Close after a result or an error, Cancel while it loads. */
export function LoneButton({ testid, label, onClick }: { testid: string; label: string; onClick: () => void }) {
  return (
    <div class="tw-row">
      <button type="button" data-testid={testid} onClick={onClick}>
        {label}
      </button>
    </div>
  );
}
