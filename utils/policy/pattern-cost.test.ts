import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { namingPatternCost, type CostVerdict } from './pattern-cost';
import { ALPHABET, OverBudget, patternNode, patternSource, referenceSteps, type PatternNode } from './pattern-cost.testing';

const NAME = { maxLength: 50, limit: 100_000 };
const stepsOf = (verdict: CostVerdict) => (verdict.kind === 'unsupported' ? NaN : verdict.steps);
const count = (source: string, maxLength = 50) => namingPatternCost(source, { maxLength, limit: 1e15 });

describe('namingPatternCost', () => {
  it('bounds the steps of a backtracking match of every input: never fewer than a real matcher takes', () => {
    // Short inputs over a small alphabet reach every shape of input the count reasons about.
    const maxLength = 7;
    fc.assert(
      fc.property(patternNode, fc.array(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength }), { minLength: 1, maxLength: 12 }), (node, inputs) => {
        const verdict = count(patternSource(node), maxLength);
        if (verdict.kind !== 'ok') return;
        for (const input of [...inputs, verdict.worstInput]) {
          try {
            referenceSteps(node, input, verdict.steps);
          } catch (error) {
            if (error instanceof OverBudget) throw new Error(`${patternSource(node)} on ${JSON.stringify(input)}: ${error.message}, counted ${verdict.steps}`);
            throw error;
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is not vacuous: for exponential and linear patterns it is close to the real worst case', () => {
    const node: PatternNode = { kind: 'rep', min: 1, max: Infinity, body: { kind: 'rep', min: 1, max: Infinity, body: { kind: 'class', source: 'a', chars: 'a' } } };
    for (const n of [8, 12, 16]) {
      const real = referenceSteps(node, `${'a'.repeat(n)}!`, Infinity);
      const counted = stepsOf(count('^(?:(?:a)+)+$', n + 1));
      expect(counted).toBeGreaterThanOrEqual(real);
      // Each path pays its continuations, its exit and the $ check too: a few times the attempts alone.
      expect(counted).toBeLessThan(16 * real);
    }
    // WHM's own rule: linear, a few steps per character.
    expect(stepsOf(count('^[A-Za-z0-9_-]{1,50}$'))).toBeLessThan(10 * 50);
  });

  it('grows as the engine does: doubling per character when a repetition has two ways, linear when it has one', () => {
    const exponential = [10, 11, 12].map((n) => stepsOf(count('^(a|a)*$', n)));
    expect(exponential[1]! / exponential[0]!).toBeCloseTo(2, 0);
    expect(exponential[2]! / exponential[1]!).toBeCloseTo(2, 0);
    const linear = [20, 40].map((n) => stepsOf(count('^[a-z]+(?:-[a-z]+)*$', n)));
    expect(linear[1]! / linear[0]!).toBeLessThan(2.5);
  });

  it('counts the work of a lookaround every time it runs', () => {
    const plain = stepsOf(count('^(?:[a-z])*-$'));
    const looking = stepsOf(count('^(?:(?=[a-z]*-)[a-z])*-$'));
    // The lookahead scans ahead from every position: quadratic where the rest is linear.
    expect(looking).toBeGreaterThan(10 * plain);
  });

  it('stops at the limit and names the repetition to blame', () => {
    expect(namingPatternCost('^(?:\\w*-?){8}X$', NAME)).toMatchObject({ kind: 'costly', culprit: '\\w*' });
    const verdict = namingPatternCost('^(a+)+$', NAME);
    expect(verdict).toMatchObject({ kind: 'costly', culprit: 'a+' });
    expect(stepsOf(verdict)).toBeGreaterThan(NAME.limit);
    expect(stepsOf(verdict)).toBeLessThan(3 * NAME.limit);
  });

  it('finds overlapping alternatives of a repetition, which pattern-shape analysers miss', () => {
    expect(namingPatternCost('^ops(-[a-z0-9]+|-[a-z]+)*$', NAME)).toMatchObject({
      kind: 'costly',
      culprit: '(-[a-z0-9]+|-[a-z]+)*',
      overlap: { left: '-[a-z0-9]+', right: '-[a-z]+', example: '-a' },
    });
    expect(namingPatternCost('^ops(-[a-z0-9]+)*$', NAME)).toMatchObject({ kind: 'ok' });
  });

  it('accepts sensible patterns far below the limit, and gives an input that costs what it says', () => {
    for (const source of ['^(ops|billing)-[a-z0-9-]+-\\d{8}$', '^[A-Za-z0-9_-]{1,50}$', '^(?!.*--)[a-z-]+$', '^[a-z]{1,20}[a-z0-9]{0,20}$', '^\\b[a-z]+\\b$']) {
      const verdict = namingPatternCost(source, NAME);
      expect(verdict.kind, source).toBe('ok');
      expect(stepsOf(verdict), source).toBeLessThan(NAME.limit / 20);
      if (verdict.kind === 'ok') expect(verdict.worstInput.length, source).toBeLessThanOrEqual(50);
    }
  });

  it('refuses to count what it cannot bound, and gives up on a hostile pattern within its budget', () => {
    expect(namingPatternCost('^(a)\\1$', NAME)).toEqual({ kind: 'unsupported', reason: 'backreference' });
    expect(namingPatternCost('^(?:a?){999}$', NAME)).toEqual({ kind: 'unsupported', reason: 'too-complex' });
    expect(namingPatternCost('^(?:[a-z]{1,50}){1,50}$', NAME)).toEqual({ kind: 'unsupported', reason: 'too-complex' });
  });
});
