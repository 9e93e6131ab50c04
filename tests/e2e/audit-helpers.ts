import type { Page } from '@playwright/test';
import { simRequest } from '../../whm-sim/http-client.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { auditTokens, type AuditResult } from '../../utils/audit/audit-tokens.ts';
import { DEFAULT_POLICY, type EffectivePolicy } from '../../utils/policy/defaults.ts';
import { parseTokenList } from '../../utils/whm/schemas.ts';

/**
 * The expected audit, computed independently of the extension: the same token list
 * read straight from the simulator's API, run through the audit engine at the clock
 * the banner reports it used.
 */
export async function expectedAudit(sim: Simulator, page: Page, policy: EffectivePolicy = DEFAULT_POLICY): Promise<AuditResult> {
  return auditOfSimulator(sim, Number(await page.getByTestId('audit-banner').getAttribute('data-now')), policy);
}

/** The same, for a clock already read from the banner (the Firefox tests drive their pages with Puppeteer). */
export async function auditOfSimulator(sim: Simulator, now: number, policy: EffectivePolicy = DEFAULT_POLICY): Promise<AuditResult> {
  if (!Number.isFinite(now) || now <= 0) throw new Error('the banner did not say which clock it used');
  const session = await sim.login('reseller1', 'resellerpass');
  const res = await simRequest(`${sim.origin}/${session.cpsess}/json-api/api_token_list?api.version=1`, { headers: { cookie: session.cookieHeader } });
  const envelope = res.json<{ data: unknown }>();
  return auditTokens(parseTokenList(envelope.data), policy, now);
}

/** Per-rule counts the banner shows, from its `[data-finding][data-count]` lines. */
export async function bannerCounts(page: Page): Promise<Record<string, number>> {
  const lines = page.locator('[data-testid=audit-banner] li[data-finding]');
  const entries = await lines.evaluateAll((els) => els.map((el) => [el.getAttribute('data-finding')!, Number(el.getAttribute('data-count'))] as const));
  return Object.fromEntries(entries);
}

/** The badges of every visible WHM row: token name → rules. */
export async function rowBadges(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(readRowBadges);
}

/** Runs in WHM's page (Playwright's or Puppeteer's `evaluate`): self-contained on purpose. */
export function readRowBadges(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of document.querySelectorAll('tr.token-row')) {
    const host = row.querySelector('[data-testid=token-findings]');
    out[row.id] = host?.getAttribute('data-token') === row.id ? [...(host.shadowRoot?.querySelectorAll('[data-finding]') ?? [])].map((b) => b.getAttribute('data-finding')!) : ['<no badges>'];
  }
  return out;
}

export function expectedBadges(audit: AuditResult, names: string[]): Record<string, string[]> {
  const byName = new Map(audit.tokens.map((t) => [t.token.name, t.findings.map((f) => f.rule)]));
  return Object.fromEntries(names.map((n) => [n, byName.get(n) ?? ['<not audited>']]));
}
