import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TokenAudit } from '../../utils/audit/audit-tokens';
import { findingBadge, levelLabel } from '../../utils/audit/finding-details';
import { ruleTexts } from '../../utils/audit/rule-texts';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditState, AuditStore } from './audit-store';
import { cellHost } from './cell-host';

const HOST_TAG = 'token-warden-findings';

/**
 * Feature: a badge per finding in every WHM token row. AngularJS re-renders rows on
 * sort, search, paging and refresh, so a MutationObserver re-applies badges after
 * each change; a row whose badges already match is left alone, which also keeps our
 * own insertions from looping.
 */
export function mountRowBadges(ctx: ContentScriptContext, store: AuditStore): void {
  let state: AuditState = store.state;
  let byName = new Map<string, TokenAudit>();
  // Names WHM shows that our audit did not have: WHM created a token on its own.
  const askedAbout = new Set<string>();

  const apply = () => {
    if (state.phase !== 'ready') return;
    const { report } = state;
    // Only when a row needs drawing: this runs on every change to WHM's page.
    let texts: ReturnType<typeof ruleTexts> | undefined;
    const unknown: string[] = [];
    for (const row of document.querySelectorAll<HTMLTableRowElement>(WHM_SELECTORS.tokenRow)) {
      const name = row.id;
      const audited = byName.get(name);
      if (!audited) {
        if (name && !askedAbout.has(name)) unknown.push(name);
        continue;
      }
      const cell = row.querySelector(WHM_SELECTORS.nameCell) ?? row.cells[1];
      if (!cell) continue;
      // Everything a badge's words depend on ("Expired 3 days ago", "passwd, quota"):
      // the audit's clock, the token's dates and each finding's privileges.
      const { token, findings } = audited;
      const key = `${name}|${report.now}|${token.createTime}|${token.expiresAt}|${findings.map((f) => f.rule + (f.acls ? `:${f.acls.join('+')}` : '')).join(',')}`;
      const { host, current } = cellHost(cell, HOST_TAG, key);
      if (current) continue;
      host.dataset.testid = 'token-findings';
      host.dataset.token = name;
      renderBadges(host.shadowRoot!, audited, report.now, (texts ??= ruleTexts(report.policy)));
    }
    if (unknown.length && !state.refreshing) {
      unknown.forEach((n) => askedAbout.add(n));
      void store.refresh();
    }
  };

  const observer = new MutationObserver(apply);
  observer.observe(document, { childList: true, subtree: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());
  });

  const subscription = new AbortController();
  ctx.onInvalidated(() => subscription.abort());
  store.subscribe((next) => {
    state = next;
    if (next.phase === 'ready') byName = new Map(next.report.audit.tokens.map((t) => [t.token.name, t]));
    apply();
  }, subscription.signal);
}

// Level by colour and by word (the label inside each badge); every pair is AA on its background.
const BADGE_CSS = `
:host { display: inline-flex; flex-wrap: wrap; gap: 3px; margin-left: 6px; vertical-align: middle; }
span { font: 600 11px/1.6 system-ui, sans-serif; padding-right: 6px; border-radius: 9px; border: 1px solid; white-space: nowrap; }
.level { font-size: 9.5px; text-transform: uppercase; padding: 0 5px; margin-right: 5px; border: 0; border-radius: 9px 0 0 9px; }
.critical { color: #8f1c12; background: #fdecea; }
.critical .level { background: #b42318; color: #fff; }
.warning { color: #6b3600; background: #fff1d6; border-color: #c98a1b; }
.warning .level { background: #f5c46a; color: #4a2500; }
.info { color: #1a4f8a; background: #eaf2fb; }
.info .level { background: #d3e4f7; color: #143f70; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); padding: 0; border: 0; }
`;

function renderBadges(root: ShadowRoot, audited: TokenAudit, now: number, texts: ReturnType<typeof ruleTexts>): void {
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  const badges = audited.findings.map((f) => {
    const badge = document.createElement('span');
    badge.className = f.level;
    badge.dataset.finding = f.rule;
    badge.dataset.level = f.level;
    const level = document.createElement('span');
    level.className = 'level';
    level.textContent = levelLabel(f.level);
    // Heard, not seen: without it a screen reader runs "Critical" and the words together.
    const colon = document.createElement('span');
    colon.className = 'sr';
    colon.textContent = ': ';
    badge.append(level, colon, findingBadge(f, audited.token, now));
    const detail = f.acls?.length ? ` (${f.acls.join(', ')})` : '';
    badge.title = `${texts[f.rule].reason}${detail}. ${texts[f.rule].action}`.replace(/^./, (c) => c.toUpperCase());
    return badge;
  });
  root.replaceChildren(style, ...badges);
}
