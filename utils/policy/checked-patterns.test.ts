import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptedPatterns, checkedPatternsItems, NAMING_CHECK_VERSION, namingPatternOf } from './checked-patterns';
import { namingPatternProblems } from './naming-pattern';
import { patternNode, patternSource } from './pattern-cost.testing';
import { CHECKED_PATTERNS_KEY } from './storage-keys';

/**
 * Patterns on both sides of every check the full one makes: anchors, alphabet, empty and
 * overlong names, the backtracking shapes and the count. With the random ones below they
 * fingerprint what the check accepts.
 */
const CORPUS = [
  '^(ops|billing)-[a-z0-9-]+-\\d{8}$',
  '^[A-Za-z0-9_-]{1,50}$',
  '^(?!.*--)[a-z-]+$',
  '^(?=.{1,50}$)[a-z]+(?:-[a-z0-9]+)*$',
  '^(?:[a-z]{1,10}-){1,5}[0-9]{8}$',
  '^a.b$',
  '^(a+)+$',
  '^(?i:a)$',
  '^[a-z]*$',
  '^[^a]+$',
  '^[a-z]{60}$',
  '^(a',
  '[a-z]+',
  '^a$|b',
  '^\\w+\\d+$',
  '^(?:\\w*-?){8}X$',
  '^ops(-[a-z0-9]+|-[a-z]+)*$',
  '^(?:a{1,2}){1,25}$',
  '^(a)\\1$',
  '^(?:[a-z]{1,50}){1,50}$',
];

describe('the record of checked naming patterns', () => {
  it('is trusted only for this version of the check, by exact source', () => {
    const items = checkedPatternsItems(['^b$', '^a$', '^a$']);
    expect(items).toEqual({ [CHECKED_PATTERNS_KEY]: { checker: NAMING_CHECK_VERSION, accepted: ['^a$', '^b$'] } });
    expect([...acceptedPatterns(items[CHECKED_PATTERNS_KEY])]).toEqual(['^a$', '^b$']);
    for (const stale of [undefined, null, 'x', {}, { checker: NAMING_CHECK_VERSION - 1, accepted: ['^a$'] }, { checker: NAMING_CHECK_VERSION, accepted: '^a$' }]) {
      expect(acceptedPatterns(stale).size).toBe(0);
    }
    expect([...acceptedPatterns({ checker: NAMING_CHECK_VERSION, accepted: ['^a$', 5] })]).toEqual(['^a$']);
  });

  it('finds the pattern a layer sets, and nothing else', () => {
    expect(namingPatternOf({ naming: { pattern: '^a$' } })).toBe('^a$');
    for (const none of [null, [], {}, { naming: null }, { naming: { pattern: 5 } }, { naming: 'x' }]) expect(namingPatternOf(none)).toBeUndefined();
  });

  it('bumps its checker version whenever the full check changes its verdicts', () => {
    const random = [...new Set(fc.sample(patternNode, { numRuns: 150, seed: 14 }).map(patternSource))];
    const verdicts = [...CORPUS, ...random].map((source) => `${namingPatternProblems(source).length === 0 ? '+' : '-'}${source}`);
    expect(verdicts.filter((v) => v.startsWith('+')).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => v.startsWith('-')).length).toBeGreaterThan(10);
    const fingerprint = createHash('sha256').update(verdicts.join('\n')).digest('hex').slice(0, 16);
    // When this fails, the check now judges some pattern differently: records made by the
    // old check must not be trusted. Raise NAMING_CHECK_VERSION, then update both values.
    expect({ version: NAMING_CHECK_VERSION, fingerprint }).toEqual({ version: 1, fingerprint: '2c375d1080d2b1e4' });
  });
});
