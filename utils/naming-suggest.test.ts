import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namingMatcher, WHM_TOKEN_NAME } from './naming';
import { leadingWords, suggestConventionName, suggestReplacementName, type SuggestContext } from './naming-suggest';

const day = new Date(2026, 10, 28, 12);
const team = { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}' };
const ctx = (naming: SuggestContext['naming'], taken: string[] = []): SuggestContext => ({ naming, date: day, host: 'whm01.example.com', taken: new Set(taken) });

describe('leadingWords', () => {
  it('reads the words a pattern’s names start with', () => {
    expect(leadingWords(team.pattern)).toEqual(['ops', 'billing']);
    expect(leadingWords('^ops-[a-z]+$')).toEqual(['ops']);
    expect(leadingWords('^[a-z]+$')).toEqual([]);
    expect(leadingWords('([a-z')).toEqual([]);
    expect(leadingWords(null)).toEqual([]);
  });
});

describe('suggestReplacementName', () => {
  it('moves a trailing date to today instead of stacking a suffix', () => {
    expect(suggestReplacementName('ops-monitoring-20250815', ctx({ pattern: null, template: null }))).toBe('ops-monitoring-20261128');
    expect(suggestReplacementName('ops-dns-updater-20261120', ctx(team))).toBe('ops-dns-updater-20261128');
  });

  it('follows the pattern for a name that did not', () => {
    expect(suggestReplacementName('test', ctx(team))).toBe('ops-test-20261128');
    expect(suggestReplacementName('MyOldToken', ctx(team))).toBe('ops-my-old-token-20261128');
    expect(suggestReplacementName('billing_Sync', ctx({ pattern: team.pattern, template: null }))).toBe('billing-sync-20261128');
  });

  it('never takes a name in use, nor the old one (a second rotation the same day)', () => {
    expect(suggestReplacementName('ops-dns-20261128', ctx(team, ['ops-dns-20261128']))).toBe('ops-dns-2-20261128');
    expect(suggestReplacementName('ops-dns-20261101', ctx(team, ['ops-dns-20261128', 'ops-dns-2-20261128']))).toBe('ops-dns-3-20261128');
  });

  it('drops an earlier rotation suffix; a pattern no new name can pass still gets a valid name', () => {
    expect(suggestReplacementName('billing-sync-r20260801-2', ctx({ pattern: null, template: null }))).toBe('billing-sync-20261128');
    expect(suggestReplacementName('x', ctx({ pattern: '^x$', template: null }))).toMatch(WHM_TOKEN_NAME);
  });

  it('is always WHM-valid, new and free; and passes the pattern whenever the old name has a word for it (property)', () => {
    const matches = namingMatcher(team.pattern)!;
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/), fc.boolean(), (old, withTemplate) => {
        const name = suggestReplacementName(old, ctx({ pattern: team.pattern, template: withTemplate ? team.template : null }, [old]));
        expect(name).toMatch(WHM_TOKEN_NAME);
        expect(name).not.toBe(old);
        if (/[A-Za-z0-9]/.test(old)) expect(matches(name), `${old} → ${name}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('suggestConventionName', () => {
  it('renders the template from the old name, or the pattern’s words around it', () => {
    expect(suggestConventionName('support-password-reset', ctx(team))).toBe('ops-support-password-reset-20261128');
    expect(suggestConventionName('2024_migration', ctx(team))).toBe('ops-2024-migration-20261128');
    expect(suggestConventionName('billing_invoices', ctx(team))).toBe('billing-invoices-20261128');
    // A template without the pattern's words still fills from the old name.
    expect(suggestConventionName('sales-crm', ctx({ pattern: '^[a-z]+-[a-z]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}' }))).toBe('sales-crm-20261128');
  });
});
