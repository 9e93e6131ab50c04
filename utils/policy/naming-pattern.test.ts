import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_CHECK_STEP_LIMIT, namingPatternProblems } from './naming-pattern';
import { ALPHABET, patternNode, patternSource, referenceSteps } from './pattern-cost.testing';

/** Patterns a team would write (README, design.md, the tests of other modules): all must pass. */
const SENSIBLE = [
  '^(ops|billing)-[a-z0-9-]+-\\d{8}$',
  '^[A-Za-z0-9_-]{1,50}$',
  '^[a-z0-9-]{1,50}$',
  '^ops-[a-z0-9-]+$',
  '^ops-[a-z]+$',
  '^[a-z]+$',
  '^ops-\\d{8}$',
  '^\\w+$',
  '^(?:ops|dev)_[A-Z0-9-]{1,20}$',
  '^(ops$|dev-[a-z]+$)',
  '^(?!.*--)[a-z-]+$',
  '\\b^[a-z]+$',
  '^[a-z]+(-[a-z]+)*$',
  '^[a-z][a-z0-9-]*[a-z0-9]$',
  '^[a-z]{1,20}[a-z0-9]{0,20}$',
  '^(?:[a-z]{1,10}-){1,5}[0-9]{8}$',
  '^(?=.{1,50}$)[a-z]+(?:-[a-z0-9]+)*$',
  '^(ops|billing|support|dev|qa|stage|prod)-(api|web|cron|backup)-[a-z0-9]{1,20}-\\d{8}$',
  '^[a-z]{2,8}-[a-z0-9]{1,16}-(?:dev|stage|prod)-\\d{8}$',
  '^(?![0-9])[A-Za-z0-9_]{3,50}$',
];

describe('namingPatternProblems: what a pattern may match', () => {
  it('accepts sensible anchored patterns within WHM’s alphabet', () => {
    for (const ok of SENSIBLE) expect(namingPatternProblems(ok), ok).toEqual([]);
  });

  it('refuses a pattern that does not compile, or uses inline modifiers', () => {
    expect(namingPatternProblems('^(ops$').join('\n')).toMatch(/does not compile/);
    expect(namingPatternProblems('^(?m:[a-z]+)$').join('\n')).toMatch(/inline modifiers/);
  });

  it('refuses an unanchored pattern, naming the missing end', () => {
    expect(namingPatternProblems('[a-z]+$')).toEqual([expect.stringMatching(/must start with \^ so that/)]);
    expect(namingPatternProblems('^[a-z]+')).toEqual([expect.stringMatching(/must end with \$/)]);
    expect(namingPatternProblems('[a-z]+')).toEqual([expect.stringMatching(/must start with \^ and end with \$/)]);
  });

  it('refuses a top-level alternative that is not anchored at both ends', () => {
    expect(namingPatternProblems('^ops|dev$')).toEqual([
      expect.stringMatching(/alternative "\^ops" does not end with \$/),
      expect.stringMatching(/alternative "dev\$" does not start with \^/),
    ]);
  });

  it('refuses anything that can match a character WHM refuses', () => {
    const cases: Array<[string, RegExp]> = [
      ['^ops\\.[a-z]+$', /the pattern can match "\." which WHM refuses in token names \(allowed: A-Z a-z 0-9 _ -\)/],
      ['^ops .+$', /can match " "/],
      ['^.+$', /"\." matches any character/],
      ['^\\s+$', /"\\\\s" matches characters/],
      ['^\\W+$', /"\\\\W" matches characters/],
      ['^\\D+$', /"\\\\D" matches characters/],
      ['^[^.]+$', /negated class "\[\^\.\]"/],
      ['^[A-z]+$', /range "A-z" includes "\["/],
      ['^[a-z\\s]+$', /"\\\\s" matches characters/],
      ['^[a-z.]+$', /can match "\."/],
    ];
    for (const [source, message] of cases) expect(namingPatternProblems(source).join('\n'), source).toMatch(message);
  });

  it('refuses a pattern that admits the empty name', () => {
    expect(namingPatternProblems('^[a-z]*$')).toEqual([expect.stringMatching(/matches an empty name/)]);
    expect(namingPatternProblems('^$|^ops$')).toEqual([expect.stringMatching(/matches an empty name/)]);
    // A lookahead requiring a character is not empty, even though it consumes nothing itself.
    expect(namingPatternProblems('^(?=a)[a-z]*$')).toEqual([]);
  });

  it('refuses a pattern whose shortest name is longer than WHM allows', () => {
    expect(namingPatternProblems('^[a-z]{50}$')).toEqual([]);
    expect(namingPatternProblems('^[a-z]{51,}$')).toEqual([expect.stringMatching(/at least 51 characters long, but WHM allows at most 50/)]);
    expect(namingPatternProblems('^ops-[a-z]{47}$')).toEqual([expect.stringMatching(/at least 51/)]);
  });
});

describe('namingPatternProblems: what a pattern may cost', () => {
  it('refuses exponential backtracking, which could stall every audit', () => {
    for (const source of ['^(a+)+$', '^([a-z]+-?)+$', '^(?:[a-z0-9]+[a-z]+)+$']) {
      const problems = namingPatternProblems(source);
      expect(problems.length, source).toBeGreaterThan(0);
      for (const problem of problems) expect(problem, source).toMatch(/exponentially many ways/);
    }
    expect(namingPatternProblems('^([a-z]+-?)+$')[0]).toMatch(/repetition "\(\[a-z\]\+-\?\)\+"/);
  });

  it('refuses polynomial backtracking too, with an equivalent rewrite when there is one', () => {
    // Degree 8: one 50-character name took 26 s in V8 before this check (issue 11).
    expect(namingPatternProblems('^(?:\\w*-?){8}X$')).toEqual([
      expect.stringMatching(/^the repetition "\\\\w\*" inside "\(\?:\\\\w\*-\?\)\{8\}" can match the same text in many ways.*a power of its length/),
    ]);
    expect(namingPatternProblems('^\\w+\\d+$')).toEqual([
      expect.stringMatching(/^the repetitions "\\\\w\+" and "\\\\d\+" can match the same characters.*; "\^\\\\w\+\\\\d\$" accepts the same names without that cost$/),
    ]);
    expect(namingPatternProblems('^[a-z]+[a-z0-9]*$').join('\n')).toMatch(/"\^\[a-z\]\[a-z0-9\]\*\$" accepts the same names/);
  });

  it('the rewrites it suggests pass the check and accept exactly the same names', () => {
    const pairs: Array<[string, string]> = [
      ['^\\w+\\d+$', '^\\w+\\d$'],
      ['^[a-z]+[a-z0-9]*$', '^[a-z][a-z0-9]*$'],
    ];
    for (const [source, rewrite] of pairs) {
      expect(namingPatternProblems(rewrite)).toEqual([]);
      const [a, b] = [new RegExp(source), new RegExp(rewrite)];
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'z', '0', '9', '_', '-'), maxLength: 12 }), (name) => a.test(name) === b.test(name)));
    }
  });

  it('refuses overlapping alternatives under a repetition, naming both and a text they share', () => {
    expect(namingPatternProblems('^ops(-[a-z0-9]+|-[a-z]+)*$')).toEqual([
      expect.stringMatching(/^the alternatives "-\[a-z0-9\]\+" and "-\[a-z\]\+" of the repetition "\(-\[a-z0-9\]\+\|-\[a-z\]\+\)\*" both match "-a".*over [\d,]+ steps; at most 100,000 are allowed/),
    ]);
  });

  it('refuses by count what has no known shape, naming the repetition when one is to blame', () => {
    expect(namingPatternProblems('^(?:a{1,2}){1,25}$')).toEqual([expect.stringMatching(/^the repetition "a\{1,2\}" lets checking one name take over [\d,]+ steps/)]);
    expect(namingPatternProblems(`^${'[a-z]?'.repeat(25)}[a-z]$`)).toEqual([expect.stringMatching(/^checking one name against this pattern can take over [\d,]+ steps/)]);
  });

  it('refuses what it cannot bound: backreferences, and patterns too complex to analyse', () => {
    expect(namingPatternProblems('^(ops)-\\1$')).toEqual([expect.stringMatching(/backreferences to a group are not supported/)]);
    expect(namingPatternProblems('^(?:[a-z]{1,50}){1,50}$')).toEqual([expect.stringMatching(/too complex to prove/)]);
  });

  it('any pattern it accepts checks any name of at most 50 characters within the step limit', () => {
    const name = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 30, maxLength: 50 });
    // Each character repeated: the runs that make backtracking work hardest.
    const runs = fc.array(fc.tuple(fc.constantFrom(...ALPHABET), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 4 }).map((parts) =>
      parts.map(([char, n]) => char.repeat(n)).join('').slice(0, 50),
    );
    let accepted = 0;
    fc.assert(
      fc.property(patternNode, fc.array(fc.oneof(name, runs), { minLength: 4, maxLength: 8 }), (node, names) => {
        if (namingPatternProblems(patternSource(node)).length > 0) return;
        accepted++;
        // referenceSteps throws past the budget.
        for (const candidate of names) referenceSteps(node, candidate, NAME_CHECK_STEP_LIMIT);
      }),
      { numRuns: 300 },
    );
    // The generator must reach accepted patterns, or this proves nothing.
    expect(accepted).toBeGreaterThan(50);
  });
});
