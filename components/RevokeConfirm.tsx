import { useState } from 'preact/hooks';
import { formatNumber, t } from '../utils/i18n';
import type { RevokeOutcome } from '../utils/whm/client';
import type { WhmErrorInfo } from '../utils/whm/errors';

export type RevokeResult = { ok: true; outcomes: RevokeOutcome[] } | { ok: false; error: WhmErrorInfo };

/**
 * Security promise 4: nothing is revoked without a confirmation that names every token,
 * each of which the user can still untick.
 */
export function ConfirmRevoke({ names, busy, onConfirm, onCancel }: { names: string[]; busy: boolean; onConfirm: (names: string[]) => void; onCancel: () => void }) {
  const [keep, setKeep] = useState<Set<string>>(new Set(names));
  const chosen = names.filter((n) => keep.has(n));
  return (
    <section class="tw-dialog" role="dialog" aria-modal="true" data-testid="revoke-confirm" aria-labelledby="tw-confirm-title">
      <h2 id="tw-confirm-title">{t('confirmRevoke.title', names.length, [formatNumber(names.length)])}</h2>
      <p class="tw-warning-text">{t('confirmRevoke.warning')}</p>
      <ul class="tw-confirm-list">
        {names.map((name) => (
          <li key={name}>
            <label>
              <input
                type="checkbox"
                data-confirm={name}
                checked={keep.has(name)}
                onChange={() => {
                  const next = new Set(keep);
                  if (next.has(name)) next.delete(name);
                  else next.add(name);
                  setKeep(next);
                }}
              />
              <code>{name}</code>
            </label>
          </li>
        ))}
      </ul>
      <div class="tw-actions">
        <button type="button" class="tw-button tw-danger" data-testid="confirm-revoke" disabled={chosen.length === 0 || busy} onClick={() => onConfirm(chosen)}>
          {t('confirmRevoke.confirm', chosen.length, [formatNumber(chosen.length)])}
        </button>
        <button type="button" class="tw-button" data-testid="cancel-revoke" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

const outcomeOf = (o: RevokeOutcome): 'revoked' | 'already-gone' | 'failed' => (o.alreadyGone ? 'already-gone' : o.revoked ? 'revoked' : 'failed');

export function RevokeResultView({ result, onClose }: { result: RevokeResult; onClose: () => void }) {
  if (!result.ok) {
    return (
      <div class="tw-result tw-error" role="alert" data-testid="revoke-result" data-kind={result.error.kind}>
        <p>{t('revokeResult.failed', [result.error.message])}</p>
        <button type="button" class="tw-button" onClick={onClose}>
          {t('common.dismiss')}
        </button>
      </div>
    );
  }
  // "Already gone" is kept apart from "revoked": this revoke did not do it, and a count
  // that claimed it would hide that someone else is revoking tokens on this server.
  const done = result.outcomes.filter((o) => o.revoked && !o.alreadyGone);
  const gone = result.outcomes.filter((o) => o.alreadyGone);
  const failed = result.outcomes.filter((o) => !o.revoked);
  const revokedText = t('revokeResult.revokedTokens', done.length, [formatNumber(done.length)]);
  return (
    <div class="tw-result" role="status" data-testid="revoke-result" data-revoked={done.length} data-gone={gone.length} data-failed={failed.length}>
      <p>
        {failed.length
          ? t('revokeResult.summaryWithFailures', [revokedText, t('revokeResult.notRevoked', failed.length, [formatNumber(failed.length)])])
          : t('revokeResult.summary', [revokedText])}
        {gone.length > 0 && ` ${t('revokeResult.goneTokens', gone.length, [formatNumber(gone.length)])}`}
      </p>
      <ul>
        {result.outcomes.map((o) => (
          <li key={o.name} data-outcome={outcomeOf(o)} data-token={o.name}>
            <code>{o.name}</code>:{' '}
            {o.alreadyGone ? t('revokeResult.alreadyGone') : o.revoked ? t('revokeResult.revoked') : t('revokeResult.stillThere', [o.reason ?? t('common.unknownReason')])}
          </li>
        ))}
      </ul>
      <button type="button" class="tw-button" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
