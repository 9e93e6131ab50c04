import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildName, checkTokenName, namingMatcher, rotationName, safeNamePart, slugify, templateFields, WHM_TOKEN_NAME } from './naming';

// Local-time constructor: names use the local calendar day, like WHM's form.
const day = new Date(2026, 10, 28, 15, 30); // 28 Nov 2026, local
const noConvention = { pattern: null, hint: null };
const team = { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', hint: 'team-purpose-YYYYMMDD' };

describe('templateFields', () => {
  it('lists free fields in order of first appearance, once each', () => {
    expect(templateFields('{team}-{purpose}-{yyyymmdd}')).toEqual(['team', 'purpose']);
    expect(templateFields('{purpose}_{team}_{purpose}_{host}_{user}_{yyyy}{mm}{dd}')).toEqual(['purpose', 'team']);
  });
  it('ignores text that is not a field', () => {
    expect(templateFields('plain-name')).toEqual([]);
    expect(templateFields('{}-{ team }-{9x}-{a-b}')).toEqual([]);
  });
});

describe('safeNamePart', () => {
  it('trims, drops accents, turns other characters into single dashes', () => {
    expect(safeNamePart('  Billing sync  ')).toBe('Billing-sync');
    expect(safeNamePart('café crème')).toBe('cafe-creme');
    expect(safeNamePart('a.b//c -- d')).toBe('a-b-c-d');
    expect(safeNamePart('!!!')).toBe('');
    expect(safeNamePart('under_score')).toBe('under_score');
  });
});

describe('slugify', () => {
  it('lower case, WHM’s alphabet, other characters to one dash, repeats collapsed', () => {
    expect(slugify('Nightly Backup')).toBe('nightly-backup');
    expect(slugify('  Café / Crème!! ')).toBe('cafe-creme');
    expect(slugify('a__b--c_-d')).toBe('a_b-c_-d');
    expect(slugify('Ångström Æ→x')).toBe('angstrom-x');
  });
  it('at most 50 characters, never ending in a separator', () => {
    expect(slugify('x'.repeat(80))).toHaveLength(50);
    expect(slugify(`${'y'.repeat(49)} z`)).toBe('y'.repeat(49));
  });
  it('always within WHM’s alphabet (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const slug = slugify(text);
        expect(slug === '' || WHM_TOKEN_NAME.test(slug)).toBe(true);
        expect(slug).toBe(slug.toLowerCase());
      }),
    );
  });
});

describe('buildName', () => {
  it('fills free fields, local date parts, host and user', () => {
    expect(buildName('{team}-{purpose}-{yyyymmdd}', { team: 'ops', purpose: 'DNS sync' }, { date: day })).toBe('ops-dns-sync-20261128');
    expect(buildName('{host}_{user}_{yyyy}-{mm}-{dd}', {}, { date: day, host: 'whm01.example.com', user: 'reseller1' })).toBe(
      'whm01_reseller1_2026-11-28',
    );
  });

  it('uses the local calendar day, not UTC', () => {
    const lateEvening = new Date(2026, 11, 31, 23, 59, 59);
    expect(buildName('{yyyymmdd}', {}, { date: lateEvening })).toBe('20261231');
    const justAfterMidnight = new Date(2027, 0, 1, 0, 0, 1);
    expect(buildName('{yyyymmdd}', {}, { date: justAfterMidnight })).toBe('20270101');
  });

  it('leaves missing values empty and never reads inherited keys', () => {
    expect(buildName('{team}x{constructor}y{toString}', {}, { date: day })).toBe('xy');
    expect(buildName('{host}-{user}', {}, { date: day })).toBe('-');
  });

  it('shortens the longest free values, not the date, to fit 50', () => {
    const name = buildName('{team}-{purpose}-{yyyymmdd}', { team: 'ops', purpose: 'x'.repeat(80) }, { date: day });
    expect(name).toBe(`ops-${'x'.repeat(37)}-20261128`);
    expect(name).toHaveLength(50);
    const both = buildName('{a}-{b}', { a: 'a'.repeat(40), b: 'b'.repeat(40) }, { date: day });
    expect(both).toHaveLength(50);
    expect(both.split('-').map((s) => s.length)).toEqual([25, 24]);
  });

  it('does not leave a dash at the cut', () => {
    const name = buildName('{purpose}_{yyyymmdd}', { purpose: `${'a'.repeat(40)} b` }, { date: day });
    expect(name).toBe(`${'a'.repeat(40)}_20261128`);
  });

  it('keeps over-long literals for checkTokenName to report', () => {
    const name = buildName(`${'L'.repeat(60)}{purpose}`, { purpose: 'x' }, { date: day });
    expect(name).toBe('L'.repeat(60));
    expect(checkTokenName(name, noConvention).valid).toBe(false);
  });

  it('always gives a WHM-valid name from WHM-valid literals, whatever the values (property)', () => {
    const literal = fc.stringMatching(/^[A-Za-z0-9_-]{0,6}$/);
    const field = fc.constantFrom('{team}', '{purpose}', '{env}', '{yyyymmdd}', '{yyyy}', '{mm}', '{dd}', '{host}', '{user}');
    const template = fc.array(fc.oneof(literal, field), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    const text = fc.string({ unit: 'grapheme', maxLength: 80 });
    fc.assert(
      fc.property(
        template,
        fc.record({ team: text, purpose: text, env: text }),
        fc.date({ min: new Date(1970, 0, 2), max: new Date(9999, 11, 30), noInvalidDate: true }),
        text,
        text,
        (tpl, values, date, host, user) => {
          const name = buildName(tpl, values, { date, host, user });
          // Fixed parts longer than 50 cannot be helped; an empty result is checkTokenName's to report.
          const fixedOnly = buildName(tpl, {}, { date });
          fc.pre(name.length > 0 && fixedOnly.length <= 50);
          expect(name).toMatch(WHM_TOKEN_NAME);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('checkTokenName', () => {
  it('accepts a WHM-valid name without a convention', () => {
    expect(checkTokenName('billing-sync_2026', noConvention)).toEqual({ valid: true, problems: [] });
    expect(checkTokenName('x'.repeat(50), noConvention).valid).toBe(true);
  });

  it('says when the name is empty', () => {
    expect(checkTokenName('', noConvention)).toEqual({ valid: false, problems: ['Name is empty.'] });
  });

  it('says how long an over-long name is', () => {
    expect(checkTokenName('x'.repeat(57), noConvention).problems).toEqual(['Name is 57 characters; WHM allows at most 50.']);
  });

  it('names each refused character once', () => {
    expect(checkTokenName('my token.v1 2', noConvention).problems).toEqual([
      'Name contains “ ” and “.”, which WHM refuses (allowed: A–Z a–z 0–9 _ -).',
    ]);
    expect(checkTokenName('a/b', noConvention).problems).toEqual(['Name contains “/”, which WHM refuses (allowed: A–Z a–z 0–9 _ -).']);
    expect(checkTokenName('é!\t', noConvention).problems).toEqual([
      'Name contains “é”, “!” and “U+0009”, which WHM refuses (allowed: A–Z a–z 0–9 _ -).',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkTokenName('😀'.repeat(51), noConvention).problems[0]).toBe('Name is 51 characters; WHM allows at most 50.');
  });

  it('checks the team pattern and quotes the hint', () => {
    expect(checkTokenName('ops-dns-sync-20261128', team)).toEqual({ valid: true, problems: [] });
    expect(checkTokenName('dns-sync', team)).toEqual({
      valid: false,
      problems: ['Name does not follow the team convention: team-purpose-YYYYMMDD.'],
    });
  });

  it('quotes the pattern when there is no hint', () => {
    expect(checkTokenName('dns', { pattern: '^ops-', hint: null }).problems).toEqual(['Name does not follow the team convention: ^ops-.']);
  });

  it('reports WHM and convention problems together', () => {
    expect(checkTokenName('ops dns', team).problems).toHaveLength(2);
  });

  it('fails a name longer than WHM’s 50 characters without running the pattern', () => {
    // Run on 60 "a"s and a "-", this pattern would backtrack 2^60 times; it is never run.
    const hostile = { pattern: '^(a+)+$', hint: null };
    const test = vi.spyOn(RegExp.prototype, 'test');
    const long = `${'a'.repeat(60)}-`;
    expect(checkTokenName(long, hostile).problems).toEqual(['Name is 61 characters; WHM allows at most 50.', 'Name does not follow the team convention: ^(a+)+$.']);
    expect(test.mock.contexts.filter((regex) => (regex as RegExp).source === '^(a+)+$')).toEqual([]);
    test.mockRestore();
    // At 50 characters the name is checked as usual.
    expect(checkTokenName('a'.repeat(50), hostile)).toEqual({ valid: true, problems: [] });
  });

  it('reports an invalid pattern instead of throwing', () => {
    expect(checkTokenName('ops-x', { pattern: '([a-z', hint: 'whatever' })).toEqual({
      valid: false,
      problems: ['The naming pattern in the policy is invalid.'],
    });
  });
});

describe('rotationName', () => {
  it('appends -r<yyyymmdd>', () => {
    expect(rotationName('billing-sync', day)).toBe('billing-sync-r20261128');
  });

  it('replaces an earlier rotation suffix instead of stacking', () => {
    expect(rotationName('billing-sync-r20260801', day)).toBe('billing-sync-r20261128');
    expect(rotationName('billing-sync-r20260801-3', day)).toBe('billing-sync-r20261128');
  });

  it('never returns the old name (same-day rotation)', () => {
    expect(rotationName('billing-sync-r20261128', day)).toBe('billing-sync-r20261128-2');
    expect(rotationName('billing-sync-r20261128-2', day)).toBe('billing-sync-r20261128');
  });

  it('shortens the old name to stay within 50', () => {
    const name = rotationName('a'.repeat(50), day);
    expect(name).toBe(`${'a'.repeat(40)}-r20261128`);
    expect(rotationName(`${'a'.repeat(39)}-bbbbbb`, day)).toBe(`${'a'.repeat(39)}-r20261128`);
  });

  it('builds from a template when every free field has a value', () => {
    const template = { template: '{team}-{purpose}-{yyyymmdd}', values: { team: 'ops', purpose: 'dns' } };
    expect(rotationName('ops-dns-20260801', day, template)).toBe('ops-dns-20261128');
    // Missing values or a result equal to the old name fall back to the suffix.
    expect(rotationName('ops-dns-20260801', day, { template: template.template, values: { team: 'ops' } })).toBe(
      'ops-dns-20260801-r20261128',
    );
    expect(rotationName('ops-dns-20261128', day, template)).toBe('ops-dns-20261128-r20261128');
  });

  it('is always WHM-valid, within 50 and new, for any valid old name (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/),
        fc.date({ min: new Date(1970, 0, 2), max: new Date(9999, 11, 30), noInvalidDate: true }),
        (old, date) => {
          const name = rotationName(old, date);
          expect(name).toMatch(WHM_TOKEN_NAME);
          expect(name).not.toBe(old);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('namingMatcher', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is null for a pattern that does not compile', () => {
    expect(namingMatcher('([a-z')).toBeNull();
  });

  it('matches as the pattern does, name after name (the sticky flag keeps no state between names)', () => {
    const matches = namingMatcher('^(ops|billing)-[a-z0-9-]+-\\d{8}$')!;
    const names = ['ops-dns-20261128', 'ops-dns-20261128', 'billing-x-20260101', 'dns-20261128', 'ops-dns-2026112', 'ops-dns-20261128'];
    expect(names.map(matches)).toEqual([true, true, true, false, false, true]);
  });

  it('tries the pattern at the start of the name only', () => {
    // Anchored patterns lose nothing; the engine no longer retries at every position.
    expect(namingMatcher('[a-z]+-1$')!('ab-1')).toBe(true);
    expect(namingMatcher('[a-z]+-1$')!('-ab-1')).toBe(false);
  });

  it('counts the length in UTF-16 units, as the engine reads the name', () => {
    const matches = namingMatcher('^[^!]+$')!;
    expect(matches('😀'.repeat(25))).toBe(true);
    expect(matches('😀'.repeat(26))).toBe(false);
  });
});
