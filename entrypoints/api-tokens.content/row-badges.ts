import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Finding } from '../../utils/audit/audit-tokens';
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
  let byName = new Map<string, Finding[]>();
  // Names WHM shows that our audit did not have: WHM created a token on its own.
  const askedAbout = new Set<string>();

  const apply = () => {
    if (state.phase !== 'ready') return;
    const texts = ruleTexts(state.report.policy);
    const unknown: string[] = [];
    for (const row of document.querySelectorAll<HTMLTableRowElement>(WHM_SELECTORS.tokenRow)) {
      const name = row.id;
      const findings = byName.get(name);
      if (!findings) {
        if (name && !askedAbout.has(name)) unknown.push(name);
        continue;
      }
      const cell = row.querySelector(WHM_SELECTORS.nameCell) ?? row.cells[1];
      if (!cell) continue;
      const { host, current } = cellHost(cell, HOST_TAG, `${name}|${findings.map((f) => f.rule).join(',')}`);
      if (current) continue;
      host.dataset.testid = 'token-findings';
      host.dataset.token = name;
      renderBadges(host.shadowRoot!, findings, texts);
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
    if (next.phase === 'ready') byName = new Map(next.report.audit.tokens.map((t) => [t.token.name, t.findings]));
    apply();
  }, subscription.signal);
}

const BADGE_CSS = `
:host { display: inline-flex; flex-wrap: wrap; gap: 3px; margin-left: 6px; vertical-align: middle; }
span { font: 600 11px/1.6 system-ui, sans-serif; padding: 0 6px; border-radius: 9px; border: 1px solid; white-space: nowrap; }
.warning { color: #7a3e00; background: #fff1d6; border-color: #d99a2b; }
.info { color: #2f4858; background: #eef3f7; border-color: #9bb0c0; }
`;

function renderBadges(root: ShadowRoot, findings: Finding[], texts: ReturnType<typeof ruleTexts>): void {
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  const badges = findings.map((f) => {
    const badge = document.createElement('span');
    badge.className = f.level;
    badge.dataset.finding = f.rule;
    badge.textContent = texts[f.rule].badge;
    const detail = f.acls?.length ? ` (${f.acls.join(', ')})` : '';
    badge.title = `${texts[f.rule].reason}${detail}. ${texts[f.rule].action}`.replace(/^./, (c) => c.toUpperCase());
    return badge;
  });
  root.replaceChildren(style, ...badges);
}
