import { useEffect, useRef, useState } from 'preact/hooks';
import { AUDIT_RULES, type AuditRule } from '../utils/audit/audit-tokens';
import { ruleTexts } from '../utils/audit/rule-texts';
import type { AuditReport } from '../utils/messages';
import type { RevokeOutcome } from '../utils/whm/client';
import type { WhmErrorInfo } from '../utils/whm/errors';
import { formatNumber, t } from '../utils/i18n';

export type BannerState =
  | { phase: 'loading' }
  | { phase: 'ready'; report: AuditReport; refreshing: boolean }
  | { phase: 'error'; error: WhmErrorInfo };

export type RevokeResult = { ok: true; outcomes: RevokeOutcome[] } | { ok: false; error: WhmErrorInfo };

export interface AuditBannerProps {
  state: BannerState;
  onRevoke: (names: string[]) => Promise<RevokeResult>;
  onExport: (format: 'csv' | 'json') => void;
  onRetry: () => void;
  onRotate: (name: string) => void;
}

const errorHeadline = (kind: WhmErrorInfo['kind']): string =>
  ({
    session: () => t('banner.error.session'),
    permission: () => t('banner.error.permission'),
    whm: () => t('banner.error.whm'),
    network: () => t('banner.error.network'),
    malformed: () => t('banner.error.malformed'),
  })[kind]();


/**
 * The audit banner above WHM's token table. Everything that came from WHM is rendered
 * as text by Preact (never as markup), so a hostile token name stays inert.
 */
/** Findings whose remedy is a new token rather than a revoke. */
const ROTATABLE: ReadonlySet<AuditRule> = new Set(['rotation-due', 'expiring-soon', 'never-expires', 'full-access']);

export function AuditBanner({ state, onRevoke, onExport, onRetry, onRotate }: AuditBannerProps) {
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [result, setResult] = useState<RevokeResult | null>(null);

  if (state.phase === 'loading') {
    return (
      <section class="tw-banner" data-testid="audit-banner" data-state="loading" aria-labelledby="tw-title" aria-busy="true">
        <h2 id="tw-title" class="tw-headline">{t('banner.loading')}</h2>
      </section>
    );
  }
  if (state.phase === 'error') {
    return (
      <section class="tw-banner tw-error" data-testid="audit-banner" data-state="error" aria-labelledby="tw-title">
        <div data-testid="audit-error" data-kind={state.error.kind} role="alert">
          <h2 id="tw-title" class="tw-headline">{errorHeadline(state.error.kind)}</h2>
          <p class="tw-detail">{state.error.message}</p>
          {state.error.kind === 'session' ? (
            <p class="tw-detail">
              <a href="/">{t('banner.loginAgain')}</a>
            </p>
          ) : (
            <button type="button" class="tw-button" onClick={onRetry}>
              {t('banner.tryAgain')}
            </button>
          )}
        </div>
      </section>
    );
  }

  const { report } = state;
  const { summary, tokens } = report.audit;
  const texts = ruleTexts(report.policy);
  const namesBy = (rule: AuditRule) => tokens.filter((t) => t.findings.some((f) => f.rule === rule)).map((t) => t.token.name);
  const expired = namesBy('expired');
  const headline =
    summary.total === 0
      ? t('banner.headline.none')
      : summary.attention === 0
        ? t('banner.headline.healthy', summary.total, [formatNumber(summary.total)])
        : t('banner.headline.attention', summary.total, [formatNumber(summary.attention), formatNumber(summary.total)]);

  const revoke = async (names: string[]) => {
    setConfirming(null);
    setResult(await onRevoke(names));
  };

  return (
    <section
      class={`tw-banner ${summary.attention ? 'tw-attention' : 'tw-ok'}`}
      data-testid="audit-banner"
      data-state={summary.attention ? 'attention' : 'ok'}
      data-total={summary.total}
      data-attention={summary.attention}
      data-now={report.now}
      aria-labelledby="tw-title"
      aria-busy={state.refreshing}
    >
      <h2 id="tw-title" class="tw-headline">
        {headline}
      </h2>
      {AUDIT_RULES.some((rule) => summary.counts[rule]) && (
        <ul class="tw-findings">
          {AUDIT_RULES.filter((rule) => summary.counts[rule]).map((rule) => (
            <FindingLine
              key={rule}
              rule={rule}
              count={summary.counts[rule] ?? 0}
              names={namesBy(rule)}
              info={rule === 'any-ip' && !report.policy.requireIpAllowlist}
              text={texts[rule]}
              onRevoke={(names) => setConfirming(names)}
              onRotate={ROTATABLE.has(rule) ? onRotate : undefined}
            />
          ))}
        </ul>
      )}
      <div class="tw-actions">
        {expired.length > 0 && (
          <button type="button" class="tw-button tw-danger" data-testid="revoke-expired" onClick={() => setConfirming(expired)}>
            {t('banner.revokeExpired', [formatNumber(expired.length)])}
          </button>
        )}
        <button type="button" class="tw-button" data-testid="export-report-csv" onClick={() => onExport('csv')}>
          {t('banner.exportCsv')}
        </button>
        <button type="button" class="tw-button" data-testid="export-report-json" onClick={() => onExport('json')}>
          {t('banner.exportJson')}
        </button>
      </div>
      {result && <RevokeResultView result={result} onClose={() => setResult(null)} />}
      {confirming && <ConfirmRevoke names={confirming} onConfirm={revoke} onCancel={() => setConfirming(null)} />}
    </section>
  );
}

function FindingLine(props: {
  rule: AuditRule;
  count: number;
  names: string[];
  info: boolean;
  text: { reason: string; action: string };
  onRevoke: (names: string[]) => void;
  onRotate?: ((name: string) => void) | undefined;
}) {
  const { rule, count, names, info, text, onRevoke, onRotate } = props;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // The names are drawn only once the line is opened: a reseller with a thousand tokens
  // would otherwise wait for thousands of hidden checkboxes before the banner shows.
  const [open, setOpen] = useState(false);
  const toggle = (name: string) => {
    const next = new Set(chosen);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChosen(next);
  };
  return (
    <li data-finding={rule} data-count={count} data-level={info ? 'info' : 'warning'} class={info ? 'tw-info' : 'tw-warning'}>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <strong>{t('banner.findingCount', count, [formatNumber(count)])}</strong> {text.reason}. <span class="tw-action">{text.action}</span>
        </summary>
        <fieldset class="tw-names">
          <legend>{t('banner.namesLegend')}</legend>
          {open && names.map((name) => (
            <label key={name} class="tw-name">
              <input type="checkbox" checked={chosen.has(name)} onChange={() => toggle(name)} data-choose={name} />
              <code>{name}</code>
              {onRotate && (
                <button type="button" class="tw-button tw-small" data-rotate={name} aria-label={t('rotate.buttonLabel', [name])} onClick={() => onRotate(name)}>
                  {t('rotate.button')}
                </button>
              )}
            </label>
          ))}
        </fieldset>
        <button type="button" class="tw-button tw-danger" disabled={chosen.size === 0} onClick={() => onRevoke([...chosen])} data-testid={`revoke-chosen-${rule}`}>
          {t('banner.revokeChosen', [formatNumber(chosen.size)])}
        </button>
      </details>
    </li>
  );
}

/**
 * Security promise 4: nothing is revoked without a confirmation that names every token,
 * each of which the user can still untick.
 */
function ConfirmRevoke({ names, onConfirm, onCancel }: { names: string[]; onConfirm: (names: string[]) => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [keep, setKeep] = useState<Set<string>>(new Set(names));
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  const chosen = names.filter((n) => keep.has(n));
  return (
    <dialog ref={dialog} class="tw-dialog" data-testid="revoke-confirm" aria-labelledby="tw-confirm-title" onCancel={onCancel}>
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
        <button type="button" class="tw-button tw-danger" data-testid="confirm-revoke" disabled={chosen.length === 0} onClick={() => onConfirm(chosen)}>
          {t('confirmRevoke.confirm', chosen.length, [formatNumber(chosen.length)])}
        </button>
        <button type="button" class="tw-button" data-testid="cancel-revoke" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

function RevokeResultView({ result, onClose }: { result: RevokeResult; onClose: () => void }) {
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
  const done = result.outcomes.filter((o) => o.revoked);
  const failed = result.outcomes.filter((o) => !o.revoked);
  return (
    <div class="tw-result" role="status" data-testid="revoke-result" data-revoked={done.length} data-failed={failed.length}>
      <p>
        {failed.length
          ? t('revokeResult.summaryWithFailures', [
              t('revokeResult.revokedTokens', done.length, [formatNumber(done.length)]),
              t('revokeResult.notRevoked', failed.length, [formatNumber(failed.length)]),
            ])
          : t('revokeResult.summary', [t('revokeResult.revokedTokens', done.length, [formatNumber(done.length)])])}
      </p>
      <ul>
        {result.outcomes.map((o) => (
          <li key={o.name} data-outcome={o.revoked ? 'revoked' : 'failed'} data-token={o.name}>
            <code>{o.name}</code>: {o.revoked ? t('revokeResult.revoked') : t('revokeResult.stillThere', [o.reason ?? t('common.unknownReason')])}
          </li>
        ))}
      </ul>
      <button type="button" class="tw-button" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}

export const AUDIT_BANNER_CSS = `
.tw-banner { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2b36;
  border: 1px solid #9bb7cf; border-left: 6px solid #2a6ebb; background: #f3f8fd;
  padding: 10px 14px; margin: 0 0 14px; border-radius: 4px; }
.tw-banner.tw-attention { border-color: #e0b96a; border-left-color: #a15c00; background: #fff8ea; }
.tw-banner.tw-error { border-color: #d9a1a1; border-left-color: #b42318; background: #fdf3f2; }
.tw-headline { margin: 0; font-size: 15px; font-weight: 700; }
.tw-detail { margin: 4px 0 0; }
.tw-findings { margin: 8px 0 0; padding: 0; list-style: none; }
.tw-findings > li { margin: 2px 0; }
.tw-findings summary { cursor: pointer; padding: 2px 0; }
.tw-findings summary:focus-visible, .tw-button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.tw-info summary { color: #3d4f5c; }
.tw-action { color: #3d4f5c; }
.tw-names { border: 0; margin: 4px 0 6px 18px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.tw-names legend { font-size: 12px; color: #3d4f5c; padding: 0; margin-bottom: 2px; }
.tw-name { display: inline-flex; align-items: center; gap: 4px; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; }
.tw-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.tw-button { font: inherit; padding: 4px 10px; border: 1px solid #5b7083; border-radius: 3px; background: #fff; color: #1d2b36; cursor: pointer; }
.tw-button:disabled { opacity: .55; cursor: default; }
.tw-button.tw-danger { border-color: #b42318; color: #8f1c12; }
.tw-findings .tw-button { margin-left: 18px; }
.tw-findings .tw-button.tw-small { margin-left: 4px; padding: 0 6px; font-size: 12px; }
.tw-result { margin-top: 8px; padding: 6px 10px; background: #fff; border: 1px solid #9bb7cf; border-radius: 3px; }
.tw-result ul { margin: 4px 0; padding-left: 18px; }
.tw-dialog { font: 14px/1.45 system-ui, sans-serif; color: #1d2b36; max-width: 560px; border: 1px solid #5b7083; border-radius: 6px; padding: 16px 20px; }
.tw-dialog::backdrop { background: rgba(0, 0, 0, .35); }
.tw-dialog h2 { font-size: 16px; margin: 0 0 8px; }
.tw-warning-text { background: #fff8ea; border-left: 4px solid #a15c00; padding: 6px 10px; margin: 0 0 8px; }
.tw-confirm-list { max-height: 40vh; overflow: auto; margin: 0; padding-left: 4px; list-style: none; }
`;
