import { useState } from 'preact/hooks';
import { trusted } from './trusted';
import { AUDIT_RULES, type AuditRule } from '../utils/audit/audit-tokens';
import { ruleTexts } from '../utils/audit/rule-texts';
import type { AuditReport } from '../utils/messages';
import type { WhmErrorInfo } from '../utils/whm/errors';
import { formatNumber, t } from '../utils/i18n';

export type BannerState =
  | { phase: 'loading' }
  | { phase: 'ready'; report: AuditReport; refreshing: boolean }
  | { phase: 'error'; error: WhmErrorInfo };

export interface AuditBannerProps {
  state: BannerState;
  /** Opens the confirmation (our frame): the decision is made there, not in WHM's page. */
  onRevoke: (names: string[]) => void;
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
              onRevoke={onRevoke}
              onRotate={ROTATABLE.has(rule) ? onRotate : undefined}
            />
          ))}
        </ul>
      )}
      <div class="tw-actions">
        {expired.length > 0 && (
          <button type="button" class="tw-button tw-danger" data-testid="revoke-expired" onClick={trusted(() => onRevoke(expired))}>
            {t('banner.revokeExpired', [formatNumber(expired.length)])}
          </button>
        )}
        <button type="button" class="tw-button" data-testid="export-report-csv" onClick={trusted(() => onExport('csv'))}>
          {t('banner.exportCsv')}
        </button>
        <button type="button" class="tw-button" data-testid="export-report-json" onClick={trusted(() => onExport('json'))}>
          {t('banner.exportJson')}
        </button>
      </div>
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
                <button type="button" class="tw-button tw-small" data-rotate={name} aria-label={t('rotate.buttonLabel', [name])} onClick={trusted(() => onRotate(name))}>
                  {t('rotate.button')}
                </button>
              )}
            </label>
          ))}
        </fieldset>
        <button type="button" class="tw-button tw-danger" disabled={chosen.size === 0} onClick={trusted(() => onRevoke([...chosen]))} data-testid={`revoke-chosen-${rule}`}>
          {t('banner.revokeChosen', [formatNumber(chosen.size)])}
        </button>
      </details>
    </li>
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
`;
