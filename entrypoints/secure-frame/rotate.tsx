import { useState } from 'preact/hooks';
import type { SecretPanelInfo } from '../../components/SecretPanel';
import { t } from '../../utils/i18n';
import type { ClaimedFrameTask, ReplyFor } from '../../utils/messages';
import { sendRequest } from '../../utils/send-request';
import type { RevokeOutcome } from '../../utils/whm/client';
import { useDialogKeys, type FrameLink } from './frame-link';
import { SecretStep } from './secret-step';

type Created = Extract<ReplyFor['token:rotate'], { ok: true }>['value'];

/**
 * Rotate a token in one guided step, all in our frame: create the replacement, show
 * and save its secret — which goes from the background straight here and never enters
 * WHM's page — and only then, after an explicit confirmation, revoke the old token and
 * read the list again to show what happened.
 */
export function RotateFrame({ link, claimed }: { link: FrameLink; claimed: ClaimedFrameTask & { task: { kind: 'rotate' } } }) {
  const { origin, cpsess, task } = claimed;
  const oldName = task.name;
  const [created, setCreated] = useState<Created | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: string } | null>(null);
  const close = () => link.send({ type: 'close' });
  // Once the replacement exists, its secret must be stored first: Escape asks like Close does.
  const escape = () => (created ? document.querySelector<HTMLElement>('[data-testid=close-panel]')?.click() : close());
  useDialogKeys(escape, '[data-testid=rotate-create]');

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

  const create = async () => {
    setStatus({ text: t('rotate.creating') });
    const reply = await sendRequest({ type: 'token:rotate', origin, cpsess, name: oldName });
    if (!reply.ok) return setStatus({ text: reply.error.message, error: reply.error.kind });
    link.send({ type: 'created', name: reply.value.token.name });
    link.send({ type: 'changed' });
    setCreated(reply.value);
  };

  return (
    <div class="tw-modal" role="dialog" aria-modal="true" aria-labelledby="tw-rotate-title" data-testid="rotate-dialog">
      <h2 id="tw-rotate-title">{t('rotate.title', [oldName])}</h2>
      <p>{t('rotate.intro')}</p>
      <div class="tw-row">
        <button type="button" class="tw-primary" data-testid="rotate-create" disabled={status !== null && !status.error} onClick={() => void create()}>
          {t('rotate.create')}
        </button>
        <button type="button" data-testid="rotate-cancel" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
      <p role={status?.error ? 'alert' : 'status'} data-testid="rotate-status" data-error={status?.error}>
        {status?.text}
      </p>
    </div>
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
