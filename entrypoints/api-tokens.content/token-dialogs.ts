import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { SECRET_PANEL_CSS } from '../../components/SecretPanel';
import { t } from '../../utils/i18n';
import type { RevokeOutcome } from '../../utils/whm/client';
import { readWhmUser, type PageContext } from '../../utils/whm/page-context';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';
import { SecretSession } from './secret-session';
import { sendRequest } from './send-request';

/**
 * Feature: rotate a token in one guided step — create the replacement (same
 * privileges and allowlist, expiry and name per policy), save and test its secret,
 * and only then, after an explicit confirmation, revoke the old token and read the
 * list again to show what happened.
 */
export function createRotator(ctx: ContentScriptContext, page: PageContext, store: AuditStore): (name: string) => void {
  let open = false;
  return (name: string) => {
    if (open) return;
    open = true;
    void runRotation(ctx, page, store, name).finally(() => {
      open = false;
    });
  };
}

async function runRotation(ctx: ContentScriptContext, page: PageContext, store: AuditStore, oldName: string): Promise<void> {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let session: SecretSession | null = null;
  const ui = await createShadowRootUi(ctx, {
    name: 'token-warden-rotate',
    // Our own full-screen backdrop (ROTATE_CSS): WXT's modal host did not stack above
    // WHM's Bootstrap inputs.
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: SECRET_PANEL_CSS + ROTATE_CSS,
    onMount: (container) => container,
    onRemove: (container) => {
      session?.dispose();
      if (container) render(null, container);
    },
  });
  ui.mount();
  const backdrop = document.createElement('div');
  backdrop.className = 'tw-backdrop';
  ui.mounted!.append(backdrop);
  const root = backdrop;
  const close = () => {
    ui.remove();
    finish();
  };

  render(
    <div class="tw-modal" role="dialog" aria-modal="true" aria-labelledby="tw-rotate-title" data-testid="rotate-dialog">
      <h2 id="tw-rotate-title">{t('rotate.title', [oldName])}</h2>
      <p>{t('rotate.intro')}</p>
      <div class="tw-row">
        <button type="button" class="tw-primary" data-testid="rotate-create" onClick={() => void create()}>
          {t('rotate.create')}
        </button>
        <button type="button" data-testid="rotate-cancel" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
      <p role="status" data-testid="rotate-status" />
    </div>,
    root,
  );

  const create = async () => {
    const status = root.querySelector('[data-testid=rotate-status]');
    if (status) status.textContent = t('rotate.creating');
    const reply = await sendRequest({ type: 'token:rotate', origin: page.origin, cpsess: page.cpsess, name: oldName });
    if (!reply.ok) {
      if (status) {
        status.setAttribute('role', 'alert');
        status.setAttribute('data-error', reply.error.kind);
        status.textContent = reply.error.message;
      }
      return;
    }
    const { token, secret, warnings } = reply.value;
    void store.refresh();
    const policyReply = await sendRequest({ type: 'policy:get', origin: page.origin, cpsess: page.cpsess });
    const policy = policyReply.ok ? policyReply.value.policy : null;
    render(null, root);
    const panel = document.createElement('div');
    panel.className = 'tw-modal';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    panel.setAttribute('aria-label', t('rotate.replacementFor', [oldName]));
    root.append(panel);
    session = new SecretSession({
      page,
      secret,
      container: panel,
      info: { name: token.name, server: new URL(page.origin).host, user: readWhmUser(document), acls: token.acls, expiresAt: token.expiresAt, whitelistIps: token.whitelistIps },
      clipboardClearSeconds: policy?.clipboardClearSeconds ?? 30,
      vaultAddress: policy?.vault.address ?? null,
      onClose: close,
      onLeaveAnyway: close,
      extra: () => <RevokeOld oldName={oldName} newName={token.name} warnings={warnings} revoke={revokeOld} />,
    });
  };

  const revokeOld = async (): Promise<RevokeOutcome | { error: string }> => {
    const result = await store.revoke([oldName]);
    document.querySelector<HTMLElement>(WHM_SELECTORS.refreshList)?.click();
    if (!result.ok) return { error: result.error.message };
    return result.outcomes[0] ?? { error: t('rotate.noOutcome') };
  };

  await finished;
}

function RevokeOld({ oldName, newName, warnings, revoke }: { oldName: string; newName: string; warnings: string[]; revoke: () => Promise<RevokeOutcome | { error: string }> }) {
  const [switched, setSwitched] = useState(false);
  const [outcome, setOutcome] = useState<RevokeOutcome | { error: string } | 'running' | null>(null);
  return (
    <section class="tw-revoke-old" data-testid="rotate-revoke-old" aria-label={t('rotate.revokeOldLabel', [oldName])}>
      {warnings.length > 0 && (
        <p class="tw-warn" data-testid="rotate-warnings">
          {t('rotate.warnings', [warnings.join(' ')])}
        </p>
      )}
      <p>{t('rotate.replaces', [newName, oldName])}</p>
      <label>
        <input type="checkbox" data-testid="confirm-switched" checked={switched} onChange={() => setSwitched(!switched)} />{' '}
        {t('rotate.switched', [oldName, newName])}
      </label>
      <div class="tw-row">
        <button
          type="button"
          class="tw-danger"
          data-testid="revoke-old"
          disabled={!switched || outcome === 'running' || (typeof outcome === 'object' && outcome !== null && 'revoked' in outcome && outcome.revoked)}
          onClick={async () => {
            setOutcome('running');
            setOutcome(await revoke());
          }}
        >
          {t('rotate.revokeOld', [oldName])}
        </button>
      </div>
      {outcome && outcome !== 'running' && (
        <p
          role={'error' in outcome || !outcome.revoked ? 'alert' : 'status'}
          data-testid="rotate-result"
          data-outcome={'error' in outcome ? 'failed' : outcome.revoked ? 'revoked' : 'failed'}
        >
          {'error' in outcome
            ? t('rotate.notRevoked', [outcome.error])
            : outcome.revoked
              ? t('rotate.done', [oldName])
              : t('rotate.stillThere', [oldName, outcome.reason ?? t('common.unknownReason')])}
        </p>
      )}
    </section>
  );
}

const ROTATE_CSS = `
.tw-backdrop { position: fixed; inset: 0; z-index: 2147483000; background: rgba(16, 24, 32, .45); overflow: auto; }
.tw-modal { font: 14px/1.45 system-ui, sans-serif; color: #1d2b36; background: #fff; max-width: 760px; margin: 5vh auto; padding: 16px 20px;
  border-radius: 6px; box-shadow: 0 10px 40px rgba(0,0,0,.35); max-height: 90vh; overflow: auto; }
.tw-modal h2 { font-size: 16px; margin: 0 0 8px; }
.tw-revoke-old { border-top: 1px solid #c8d6e2; margin-top: 10px; padding-top: 8px; }
`;
