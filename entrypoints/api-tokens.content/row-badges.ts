import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { TokenAudit } from '../../utils/audit/audit-tokens';
import { findingBadge, levelLabel } from '../../utils/audit/finding-details';
import { ruleTexts } from '../../utils/audit/rule-texts';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditState, AuditStore } from './audit-store';
import { cellHost } from './cell-host';
import { watchPage } from './page-watcher';
import BADGE_CSS from './row-badges.css?inline';

const HOST_TAG = 'token-warden-findings';

/**
 * Feature: a badge per finding in every WHM token row. AngularJS re-renders rows on
 * sort, search, paging and refresh, so a MutationObserver re-applies badges after
 * each change to WHM's table; a row whose badges already match is left alone. WHM binds
 * the name cell's text, so a sort with rows tracked by index empties the cell again:
 * badges once built for a token are cloned, not built again, until the next audit.
 */
export function mountRowBadges(ctx: ContentScriptContext, store: AuditStore): void {
  let state: AuditState = store.state;
  let byName = new Map<string, TokenAudit>();
  // Names WHM shows that our audit did not have: WHM created a token on its own.
  const askedAbout = new Set<string>();
  let drawn = new Map<string, Node[]>();

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
      const { host, content, current } = cellHost(cell, HOST_TAG, BADGE_CSS, key);
      if (current) continue;
      host.dataset.testid = 'token-findings';
      host.dataset.token = name;
      let badges = drawn.get(key);
      if (!badges) drawn.set(key, (badges = buildBadges(audited, report.now, (texts ??= ruleTexts(report.policy)))));
      content.replaceChildren(...badges.map((badge) => badge.cloneNode(true)));
    }
    if (unknown.length && !state.refreshing) {
      unknown.forEach((n) => askedAbout.add(n));
      void store.refresh();
    }
  };

  watchPage(document, apply, { signal: ctx.signal, within: WHM_SELECTORS.tokenTable });
  ctx.onInvalidated(() => {
    document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());
  });

  const subscription = new AbortController();
  ctx.onInvalidated(() => subscription.abort());
  store.subscribe((next) => {
    state = next;
    if (next.phase === 'ready') {
      byName = new Map(next.report.audit.tokens.map((t) => [t.token.name, t]));
      drawn = new Map();
    }
    apply();
  }, subscription.signal);
}


function buildBadges(audited: TokenAudit, now: number, texts: ReturnType<typeof ruleTexts>): HTMLElement[] {
  return audited.findings.map((f) => {
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
}
