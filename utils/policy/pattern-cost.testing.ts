// Test and bench helpers for pattern-cost.ts (not part of the extension): random naming
// patterns, and a plain backtracking matcher that counts its steps, to hold the count to.
import fc from 'fast-check';

/** A pattern as the generator builds it; `chars` lists which of ALPHABET a class matches. */
export type PatternNode =
  | { kind: 'class'; source: string; chars: string }
  | { kind: 'seq'; items: PatternNode[] }
  | { kind: 'alt'; options: PatternNode[] }
  | { kind: 'rep'; body: PatternNode; min: number; max: number };

/** The characters names are drawn from; `!` is matched by no class (a rejecting character). */
export const ALPHABET = 'ab1-!';

const CLASSES: Array<[source: string, chars: string]> = [
  ['a', 'a'],
  ['b', 'b'],
  ['1', '1'],
  ['-', '-'],
  ['[ab]', 'ab'],
  ['[a-z]', 'ab'],
  ['\\d', '1'],
  ['\\w', 'ab1'],
  ['[a-z0-9]', 'ab1'],
  ['[a-z0-9-]', 'ab1-'],
];

const QUANTIFIERS: Array<[min: number, max: number]> = [
  [0, Infinity],
  [1, Infinity],
  [0, 1],
  [2, 3],
  [0, 3],
  [1, 4],
  [2, Infinity],
];

export const patternNode: fc.Arbitrary<PatternNode> = fc.letrec<{ node: PatternNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...CLASSES).map(([source, chars]): PatternNode => ({ kind: 'class', source, chars })),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((items): PatternNode => ({ kind: 'seq', items })),
    fc.array(tie('node'), { minLength: 2, maxLength: 3 }).map((options): PatternNode => ({ kind: 'alt', options })),
    fc.tuple(tie('node'), fc.constantFrom(...QUANTIFIERS)).map(([body, [min, max]]): PatternNode => ({ kind: 'rep', body, min, max })),
  ),
})).node;

function quantifier(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === 0 && max === 1) return '?';
  return max === Infinity ? `{${min},}` : `{${min},${max}}`;
}

function sourceOf(node: PatternNode): string {
  switch (node.kind) {
    case 'class':
      return node.source;
    case 'seq':
      return node.items.map(sourceOf).join('');
    case 'alt':
      return `(?:${node.options.map(sourceOf).join('|')})`;
    case 'rep':
      return `(?:${sourceOf(node.body)})${quantifier(node.min, node.max)}`;
  }
}

/** The pattern anchored as a naming pattern must be. */
export function patternSource(node: PatternNode): string {
  return `^${sourceOf(node)}$`;
}

export class OverBudget extends Error {}

/**
 * The steps of an ECMAScript-style backtracking match of the anchored pattern against
 * `input`, from position 0 only: one step per attempt to match a character class (the
 * count in pattern-cost.ts counts at least these). Repetitions follow RepeatMatcher: an
 * iteration past the minimum that matches nothing fails. Throws OverBudget past `budget`.
 */
export function referenceSteps(root: PatternNode, input: string, budget: number): number {
  let steps = 0;
  const match = (node: PatternNode, at: number, next: (end: number) => boolean): boolean => {
    switch (node.kind) {
      case 'class':
        if (++steps > budget) throw new OverBudget(`more than ${budget} steps`);
        return at < input.length && node.chars.includes(input[at]!) && next(at + 1);
      case 'seq': {
        const from = (index: number, position: number): boolean =>
          index === node.items.length ? next(position) : match(node.items[index]!, position, (end) => from(index + 1, end));
        return from(0, at);
      }
      case 'alt':
        return node.options.some((option) => match(option, at, next));
      case 'rep': {
        const iterate = (count: number, position: number): boolean => {
          if (count < node.min) return match(node.body, position, (end) => iterate(count + 1, end));
          if (count < node.max && match(node.body, position, (end) => end !== position && iterate(count + 1, end))) return true;
          return next(position);
        };
        return iterate(0, at);
      }
    }
  };
  match(root, 0, (end) => end === input.length);
  return steps;
}
