import { useEffect, useMemo, useState } from 'preact/hooks';
import { trusted } from './trusted';
import { rulesBySeverity, ruleLevel, type AuditRule, type Finding, type FindingLevel } from '../utils/audit/audit-tokens';
import { findingDetail, levelLabel } from '../utils/audit/finding-details';
import { fixesFor, type FixKind } from '../utils/audit/fixes';
import { ruleTexts } from '../utils/audit/rule-texts';
import type { AuditReport } from '../utils/messages';
import type { WhmErrorInfo } from '../utils/whm/errors';
import type { WhmToken } from '../utils/whm/schemas';
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
  /** One fix for one token, from an opened line (utils/audit/fixes.ts); its dialog is our frame too. */
  onFix: (kind: FixKind, name: string) => void;
}

const errorHeadline = (kind: WhmErrorInfo['kind']): string =>
  ({
    session: () => t('banner.error.session'),
    permission: () => t('banner.error.permission'),
    whm: () => t('banner.error.whm'),
    network: () => t('banner.error.network'),
    malformed: () => t('banner.error.malformed'),
  })[kind]();

const FIX_LABELS: Record<FixKind, () => string> = {
  'set-expiry': () => t('banner.fix.setExpiry'),
  rename: () => t('banner.fix.rename'),
  restrict: () => t('banner.fix.restrict'),
  allowlist: () => t('banner.fix.allowlist'),
  rotate: () => t('banner.fix.rotate'),
  revoke: () => t('banner.fix.revoke'),
};

/** A token a line counts, with the finding that put it there (its privileges, for instance). */
interface LineEntry {
  token: WhmToken;
  finding: Finding;
}

/**
 * The audit banner above WHM's token table. Everything that came from WHM is rendered
 * as text by Preact (never as markup), so a hostile token name stays inert.
 */
export function AuditBanner(props: AuditBannerProps) {
  const { state, onRetry } = props;
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
  return <ReadyBanner {...props} report={state.report} refreshing={state.refreshing} />;
}

function ReadyBanner({ report, refreshing, onRevoke, onExport, onFix }: AuditBannerProps & { report: AuditReport; refreshing: boolean }) {
  const { summary, tokens } = report.audit;
  // One pass over the tokens for every line (a thousand tokens, nine rules).
  const byRule = useMemo(() => {
    const map = new Map<AuditRule, LineEntry[]>();
    for (const { token, findings } of tokens) {
      for (const finding of findings) {
        const list = map.get(finding.rule);
        if (list) list.push({ token, finding });
        else map.set(finding.rule, [{ token, finding }]);
      }
    }
    return map;
  }, [tokens]);
  const texts = ruleTexts(report.policy);
  const expired = (byRule.get('expired') ?? []).map((e) => e.token.name);
  const headline =
    summary.total === 0
      ? t('banner.headline.none')
      : summary.attention === 0
        ? t('banner.headline.healthy', summary.total, [formatNumber(summary.total)])
        : t('banner.headline.attention', summary.total, [formatNumber(summary.attention), formatNumber(summary.total)]);
  const rules = rulesBySeverity(report.policy.requireIpAllowlist).filter((rule) => summary.counts[rule]);

  return (
    <section
      class={`tw-banner ${summary.attention ? 'tw-attention' : 'tw-ok'}`}
      data-testid="audit-banner"
      data-state={summary.attention ? 'attention' : 'ok'}
      data-total={summary.total}
      data-attention={summary.attention}
      data-now={report.now}
      aria-labelledby="tw-title"
      aria-busy={refreshing}
    >
      <h2 id="tw-title" class="tw-headline">
        {headline}
      </h2>
      {rules.length > 0 && (
        <ul class="tw-findings">
          {rules.map((rule) => (
            <FindingLine
              key={rule}
              rule={rule}
              level={ruleLevel(rule, report.policy.requireIpAllowlist)}
              count={summary.counts[rule] ?? 0}
              entries={byRule.get(rule) ?? []}
              text={texts[rule]}
              report={report}
              onRevoke={onRevoke}
              onFix={onFix}
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

/** The level in words beside its colour; the colon is for screen readers only. */
function LevelLabel({ level }: { level: FindingLevel }) {
  return (
    <>
      <span class="tw-level">{levelLabel(level)}</span>
      <span class="tw-sr">: </span>
    </>
  );
}

function FindingLine(props: {
  rule: AuditRule;
  level: FindingLevel;
  count: number;
  entries: LineEntry[];
  text: { reason: string; action: string };
  report: AuditReport;
  onRevoke: (names: string[]) => void;
  onFix: (kind: FixKind, name: string) => void;
}) {
  const { rule, level, count, entries, text, report, onRevoke, onFix } = props;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  // The audit a "Revoke chosen" was asked from: the next one is the revoke's outcome.
  const [revokedFrom, setRevokedFrom] = useState<AuditReport | null>(null);
  // The names are drawn only once the line is opened: a reseller with a thousand tokens
  // would otherwise wait for thousands of hidden checkboxes before the banner shows.
  const [open, setOpen] = useState(false);
  const listed = useMemo(() => new Set(entries.map((e) => e.token.name)), [entries]);
  // A chosen token that left the list (revoked here, from another line or by WHM's own
  // buttons) is no longer chosen, even before the effect below drops it.
  const live = [...chosen].filter((name) => listed.has(name));
  useEffect(() => {
    if (revokedFrom && revokedFrom !== report) {
      // The revoke is done and the list read again: whatever was chosen was decided on.
      setRevokedFrom(null);
      setChosen(new Set());
    } else if (live.length !== chosen.size) {
      setChosen(new Set(live));
    }
  }, [report]);
  const toggle = (name: string) => {
    const next = new Set(live);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setChosen(next);
  };
  const fixes = fixesFor(rule);
  return (
    <li data-finding={rule} data-count={count} data-level={level} class={`tw-line tw-${level}`}>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <LevelLabel level={level} />
          <strong>{t('banner.findingCount', count, [formatNumber(count)])}</strong> {text.reason}. <span class="tw-action">{text.action}</span>
        </summary>
        {open && (
          <>
            <fieldset class="tw-names">
              <legend>{t('banner.namesLegend')}</legend>
              <ul class="tw-tokens">
                {entries.map(({ token, finding }, i) => {
                  const id = `tw-${rule}-${i}`;
                  return (
                    <li key={token.name} class="tw-token">
                      <label class="tw-name">
                        <input type="checkbox" checked={live.includes(token.name)} onChange={() => toggle(token.name)} data-choose={token.name} />
                        <code id={id}>{token.name}</code>
                      </label>
                      <span class="tw-about">{findingDetail(finding, token, report.now, report.policy)}</span>
                      <span class="tw-fixes">
                        {fixes.map((kind) => (
                          <button
                            type="button"
                            key={kind}
                            class={`tw-button tw-small${kind === 'revoke' ? ' tw-danger' : ''}`}
                            data-fix={kind}
                            data-token={token.name}
                            aria-describedby={id}
                            onClick={trusted(() => onFix(kind, token.name))}
                          >
                            {FIX_LABELS[kind]()}
                          </button>
                        ))}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
            <button
              type="button"
              class="tw-button tw-danger"
              disabled={live.length === 0}
              onClick={trusted(() => {
                setRevokedFrom(report);
                onRevoke(live);
              })}
              data-testid={`revoke-chosen-${rule}`}
            >
              {t('banner.revokeChosen', [formatNumber(live.length)])}
            </button>
          </>
        )}
      </details>
    </li>
  );
}
