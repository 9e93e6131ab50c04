import { useState } from 'preact/hooks';
import type { SecretPanelInfo } from '../../components/SecretPanel';
import { auditTokens } from '../../utils/audit/audit-tokens';
import { currentAcls } from '../../utils/audit/fixes';
import { defaultExpiryDate } from '../../utils/expiry';
import { t } from '../../utils/i18n';
import type { ClaimedFrameTask, ReplyFor, TokenPlan } from '../../utils/messages';
import { policyViolations } from '../../utils/policy/enforce-policy';
import { sendRequest } from '../../utils/send-request';
import type { RevokeOutcome } from '../../utils/whm/client';
import { useDialogKeys, type FrameLink } from './frame-link';
import { presetById, suggestedPreset } from './fix-drafts';
import { SecretStep } from './secret-step';
import { aclList, blocks, CheckLine, checkExpiryDay, checkName, ExpiryField, LoneButton, NameField, PresetChoices, TokenFacts, usePlan, type FieldCheck } from './token-fields';

type Created = Extract<ReplyFor['token:rotate'], { ok: true }>['value'];
type RotateClaim = ClaimedFrameTask & { task: { kind: 'rotate' } };

/**
 * Rotate a token in one guided step, all in our frame: create the replacement, show
 * and save its secret — which goes from the background straight here and never enters
 * WHM's page — and only then, after an explicit confirmation, revoke the old token and
 * read the list again to show what happened.
 */
export function RotateFrame({ link, claimed }: { link: FrameLink; claimed: RotateClaim }) {
  const { origin, cpsess, task } = claimed;
  const oldName = task.name;
  const [created, setCreated] = useState<Created | null>(null);
  const loaded = usePlan(claimed, oldName);
  const close = () => link.send({ type: 'close' });
  // Once the replacement exists, its secret must be stored first: Escape asks like Close does.
  const escape = () => (created ? document.querySelector<HTMLElement>('[data-testid=close-panel]')?.click() : close());
  useDialogKeys(escape, '[data-testid=rotate-name]');

  if (created) {
    const info: SecretPanelInfo = {
      name: created.token.name,
      server: new URL(origin).host,
      user: task.user,
      acls: created.token.acls,
      expiresAt: created.token.expiresAt,
      whitelistIps: created.token.whitelistIps,
    };
    const revoke = async (): Promise<RevokeOutcome | { error: string }> => {
      const reply = await sendRequest({ type: 'tokens:revoke', origin, cpsess, names: [oldName] });
      link.send({ type: 'changed' });
      if (!reply.ok) return { error: reply.error.message };
      return reply.value.outcomes[0] ?? { error: t('rotate.noOutcome') };
    };
    return (
      <div class="tw-modal" role="dialog" aria-modal="true" aria-label={t('rotate.replacementFor', [oldName])}>
        <SecretStep link={link} claimed={claimed} secret={created.secret} info={info} onClose={close}>
          <RevokeOld oldName={oldName} newName={created.token.name} warnings={created.warnings} revoke={revoke} />
        </SecretStep>
      </div>
    );
  }

  return (
    // Named for tests and tools once its fields are drawn (the token is read first).
    <div class="tw-modal" role="dialog" aria-modal="true" aria-labelledby="tw-rotate-title" data-testid={loaded ? 'rotate-dialog' : undefined}>
      <h2 id="tw-rotate-title">{t('rotate.title', [oldName])}</h2>
      {!loaded && <p role="status">{t('fix.reading', [oldName])}</p>}
      {loaded && 'error' in loaded && (
        <p role="alert" class="tw-problem" data-testid="rotate-status" data-error={loaded.error.kind}>
          {loaded.error.message}
        </p>
      )}
      {loaded && 'plan' in loaded ? (
        <RotateForm link={link} claimed={claimed} plan={loaded.plan} onCreated={setCreated} onClose={close} />
      ) : (
        <LoneButton testid="rotate-cancel" label={t('common.cancel')} onClick={close} />
      )}
    </div>
  );
}

/**
 * The replacement as the policy would have it, editable before anything is created: a
 * name that follows the convention, the policy's expiry, and privileges that a full-access
 * or risky token does not pass on unless the user says so.
 */
function RotateForm({ link, claimed, plan, onCreated, onClose }: { link: FrameLink; claimed: RotateClaim; plan: TokenPlan; onCreated: (created: Created) => void; onClose: () => void }) {
  const { origin, cpsess, task, policy } = claimed;
  const findings = auditTokens([plan.token], policy, plan.now).tokens[0]!.findings;
  const fullAccess = findings.some((f) => f.rule === 'full-access');
  const risky = [...new Set(findings.flatMap((f) => (f.rule === 'risky-privileges' || f.rule === 'forbidden-privileges' ? (f.acls ?? []) : [])))];
  const copiesRisk = fullAccess || risky.length > 0;
  const [name, setName] = useState(plan.suggested.replacement);
  const [day, setDay] = useState(defaultExpiryDate(new Date(plan.now * 1000), policy.expiry));
  // Never copied silently: a risky token's replacement starts from a preset, or from nothing.
  const [choice, setChoice] = useState<string | null>(copiesRisk ? suggestedPreset(plan, policy, fullAccess) : 'keep');
  const [status, setStatus] = useState<{ text: string; error?: string } | null>(null);

  const titles = plan.aclTitles;
  const preset = presetById(plan.presets, choice);
  const acls = choice === 'keep' ? currentAcls(plan.token) : preset ? [...preset.acls] : [];
  const nameCheck = checkName(name, policy, plan.names, task.name);
  const { expiresAt, check: expiryCheck } = checkExpiryDay(day, policy, plan.now);
  const intent = { name, acls, expiresAt, whitelistIps: plan.token.whitelistIps };
  const others = policyViolations(intent, policy, new Date(plan.now * 1000), (acl) => titles[acl] ?? acl).filter((v) => v.field === 'acls' || v.field === 'whitelistIps');
  const privilegeCheck: FieldCheck = { whm: choice ? [] : [t('rotate.choosePrivileges')], policy: others.map((v) => v.message) };
  const blocked = [nameCheck, expiryCheck, privilegeCheck].some((check) => blocks(check, policy));
  const keepWarning = fullAccess ? t('rotate.keepFullAccess') : risky.length ? t('rotate.keepRisky', [aclList(risky, titles)]) : null;

  const create = async () => {
    setStatus({ text: t('rotate.creating') });
    const reply = await sendRequest({ type: 'token:rotate', origin, cpsess, name: task.name, replacement: { name, acls, expiresAt } });
    if (!reply.ok) return setStatus({ text: reply.error.message, error: reply.error.kind });
    link.send({ type: 'created', name: reply.value.token.name });
    link.send({ type: 'changed' });
    onCreated(reply.value);
  };

  return (
    <>
      <p>{t('rotate.intro')}</p>
      <TokenFacts token={plan.token} titles={titles} fullAccess={fullAccess} />
      <NameField id="tw-rotate-name" testid="rotate-name" label={t('rotate.nameLabel')} value={name} onInput={setName} check={nameCheck} policy={policy} />
      <ExpiryField id="tw-rotate-expiry" testid="rotate-expiry" label={t('rotate.expiryLabel')} value={day} onInput={setDay} check={expiryCheck} policy={policy} now={plan.now} />
      {copiesRisk && (
        <p class="tw-warning-text" data-testid="rotate-risk">
          {fullAccess ? t('rotate.oldHasFullAccess', [task.name]) : t('rotate.oldIsRisky', [task.name, aclList(risky, titles)])}
        </p>
      )}
      <PresetChoices
        name="rotate-preset"
        legend={t('rotate.privilegesLegend')}
        presets={plan.presets}
        titles={titles}
        policy={policy}
        value={choice}
        onChange={setChoice}
        keep={{ label: t('rotate.keep', [fullAccess ? t('panel.fullAccess') : aclList(plan.token.acls, titles)]), warning: keepWarning }}
      />
      <CheckLine id="tw-rotate-privileges-check" testid="rotate-privileges-check" check={privilegeCheck} policy={policy} ok={t('rotate.privilegesOk', [aclList(acls, titles)])} />
      <div class="tw-row">
        <button type="button" class="tw-primary" data-testid="rotate-create" disabled={blocked || (status !== null && !status.error)} onClick={() => void create()}>
          {t('rotate.create')}
        </button>
        <button type="button" data-testid="rotate-cancel" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
      <p role={status?.error ? 'alert' : 'status'} data-testid="rotate-status" data-error={status?.error}>
        {status?.text}
      </p>
    </>
  );
}

function RevokeOld({ oldName, newName, warnings, revoke }: { oldName: string; newName: string; warnings: string[]; revoke: () => Promise<RevokeOutcome | { error: string }> }) {
  const [switched, setSwitched] = useState(false);
  const [outcome, setOutcome] = useState<RevokeOutcome | { error: string } | 'running' | null>(null);
  const done = typeof outcome === 'object' && outcome !== null && 'revoked' in outcome && outcome.revoked;
  return (
    <section class="tw-revoke-old" data-testid="rotate-revoke-old" aria-label={t('rotate.revokeOldLabel', [oldName])}>
      {warnings.length > 0 && (
        <p class="tw-warn" data-testid="rotate-warnings">
          {t('rotate.warnings', [warnings.join(' ')])}
        </p>
      )}
      <p>{t('rotate.replaces', [newName, oldName])}</p>
      <label>
        <input type="checkbox" data-testid="confirm-switched" checked={switched} onChange={() => setSwitched(!switched)} /> {t('rotate.switched', [oldName, newName])}
      </label>
      <div class="tw-row">
        <button
          type="button"
          class="tw-danger"
          data-testid="revoke-old"
          disabled={!switched || outcome === 'running' || done}
          onClick={async () => {
            setOutcome('running');
            setOutcome(await revoke());
          }}
        >
          {t('rotate.revokeOld', [oldName])}
        </button>
      </div>
      {outcome && outcome !== 'running' && (
        <p role={'error' in outcome || !outcome.revoked ? 'alert' : 'status'} data-testid="rotate-result" data-outcome={'error' in outcome ? 'failed' : outcome.revoked ? 'revoked' : 'failed'}>
          {'error' in outcome ? t('rotate.notRevoked', [outcome.error]) : outcome.revoked ? t('rotate.done', [oldName]) : t('rotate.stillThere', [oldName, outcome.reason ?? t('common.unknownReason')])}
        </p>
      )}
    </section>
  );
}
