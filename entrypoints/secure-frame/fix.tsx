import { useEffect, useState } from 'preact/hooks';
import { auditTokens } from '../../utils/audit/audit-tokens';
import type { TokenSpec } from '../../utils/whm/client';
import { defaultExpiryDate } from '../../utils/expiry';
import { listAnd, t } from '../../utils/i18n';
import type { ClaimedFrameTask, FixOutcome, TokenPlan } from '../../utils/messages';
import { sendRequest } from '../../utils/send-request';
import type { WhmErrorInfo } from '../../utils/whm/errors';
import { useDialogKeys, type FrameLink } from './frame-link';
import { draftFix, FIRST_FIELD, FIX_TITLE, suggestedPreset, type DraftInputs } from './fix-drafts';
import { blocks, LoneButton, TokenFacts, usePlan } from './token-fields';

type FixClaim = ClaimedFrameTask & { task: { kind: 'fix' } };
type Result = FixOutcome | { error: WhmErrorInfo };

/**
 * One fix of one token, in our frame where a page script can neither read nor click:
 * the token is read afresh from WHM, the confirmation names the change, the background
 * sends the token's complete state with that one change, and the outcome is what a
 * fresh list shows. Nothing here can touch any other token: the name is the task's.
 */
export function FixFrame({ link, claimed }: { link: FrameLink; claimed: FixClaim }) {
  const { task } = claimed;
  const loaded = usePlan(claimed, task.name);
  const close = () => link.send({ type: 'close' });
  useDialogKeys(close, FIRST_FIELD[task.fix]);
  return (
    // Named for tests and tools once its fields are drawn (the token is read first).
    <div class="tw-modal" role="dialog" aria-modal="true" aria-labelledby="tw-fix-title" data-testid={loaded ? 'fix-dialog' : undefined} data-fix={task.fix} data-token={task.name}>
      <h2 id="tw-fix-title">{FIX_TITLE[task.fix](task.name)}</h2>
      {!loaded && <p role="status">{t('fix.reading', [task.name])}</p>}
      {loaded && 'error' in loaded && (
        <>
          <p role="alert" class="tw-problem" data-testid="fix-error" data-kind={loaded.error.kind}>
            {loaded.error.message}
          </p>
          <LoneButton testid="fix-cancel" label={t('common.close')} onClick={close} />
        </>
      )}
      {loaded && 'plan' in loaded && <FixForm link={link} claimed={claimed} plan={loaded.plan} onClose={close} />}
    </div>
  );
}

function FixForm({ link, claimed, plan, onClose }: { link: FrameLink; claimed: FixClaim; plan: TokenPlan; onClose: () => void }) {
  const { task, policy, origin, cpsess } = claimed;
  const fullAccess = auditTokens([plan.token], policy, plan.now).tokens[0]!.findings.some((f) => f.rule === 'full-access');
  const defaultDay = defaultExpiryDate(new Date(plan.now * 1000), policy.expiry);
  const [inputs, setInputs] = useState<DraftInputs>({ day: defaultDay, name: plan.suggested.rename, presetId: suggestedPreset(plan, policy, fullAccess), ips: '' });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const draft = draftFix(task.fix, { plan, policy, fullAccess, defaultDay, inputs, set: (next) => setInputs((i) => ({ ...i, ...next })) });

  if (result) return <FixResult result={result} onClose={onClose} />;
  const confirm = async () => {
    if (!draft.change) return;
    setBusy(true);
    const reply = await sendRequest({ type: 'token:fix', origin, cpsess, name: task.name, change: draft.change });
    // Whatever happened, the banner and WHM's table read the tokens again.
    link.send({ type: 'changed' });
    setResult(reply.ok ? reply.value : { error: reply.error });
  };
  return (
    <>
      <TokenFacts token={plan.token} titles={plan.aclTitles} fullAccess={fullAccess} />
      {draft.field}
      {draft.summary.length > 0 && (
        <div class="tw-summary" data-testid="fix-summary" aria-live="polite">
          {draft.summary.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <div class="tw-row">
        <button type="button" class="tw-primary" data-testid="fix-confirm" disabled={busy || !draft.change || blocks(draft.check, policy)} onClick={() => void confirm()}>
          {draft.confirm}
        </button>
        <button type="button" data-testid="fix-cancel" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      {busy && <p role="status">{t('fix.updating', [task.name])}</p>}
    </>
  );
}

const FIELD_NAME: Record<keyof TokenSpec, () => string> = {
  name: () => t('fix.fieldName'),
  acls: () => t('panel.privileges'),
  expiresAt: () => t('panel.expires'),
  whitelistIps: () => t('panel.ipAllowlist'),
};

function FixResult({ result, onClose }: { result: Result; onClose: () => void }) {
  useEffect(() => document.querySelector<HTMLElement>('[data-testid=fix-close]')?.focus(), []);
  const ok = !('error' in result) && result.ok;
  const text =
    'error' in result
      ? t('fix.result.error', [result.error.message])
      : result.refused
        ? t('fix.result.refused', [result.asked.name, result.refused])
        : result.ok
          ? t('fix.result.done', [result.asked.name])
          : t('fix.result.mismatch', [listAnd(result.mismatched.map((field) => FIELD_NAME[field]()))]);
  return (
    <div class="tw-result" role={ok ? 'status' : 'alert'} data-testid="fix-result" data-ok={String(ok)}>
      <p>{text}</p>
      {!('error' in result) && result.warnings.length > 0 && <p class="tw-warn">{t('fix.policyWarns', [result.warnings.join(' ')])}</p>}
      <LoneButton testid="fix-close" label={t('common.close')} onClick={onClose} />
    </div>
  );
}
