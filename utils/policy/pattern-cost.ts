/**
 * The worst-case cost of testing one token name against a naming pattern, counted
 * rather than guessed.
 *
 * Why counting works here: WHM names are at most 50 characters, and a name longer than
 * that is never run against a pattern (`namingMatcher` in naming.ts, which also makes the
 * engine try position 0 only). So "bounded in cost" is a finite question: over every input
 * of at most 50 characters, how many steps can a backtracking engine (V8's Irregexp,
 * SpiderMonkey's copy of it) take from the start of the input? Analysers such as scslre
 * look for known shapes of super-linear backtracking and miss others (an unbounded
 * repetition over overlapping alternatives, `^ops(-[a-z0-9]+|-[a-z]+)*$`, doubles its work
 * with every "-a"); a count has no such blind spot for the parts it models.
 *
 * The model:
 *  - The pattern becomes a position (Glushkov) automaton — one state per character class
 *    occurrence — whose edges carry MULTIPLICITIES: the number of ways the backtracker can
 *    get from one class to the next. `(a+)+` has two ways from "a" to "a" (the inner and
 *    the outer loop), `(a|a)*` two states that read the same character. Bounded
 *    repetitions are expanded the way the engine runs them (copy i+1 only after copy i),
 *    and an iteration beyond the minimum that matches nothing fails, as ECMAScript's
 *    RepeatMatcher says.
 *  - A backtracking engine that fails to match explores every partial path. The number of
 *    partial paths alive after k characters is the vector-matrix product of the
 *    multiplicities; the steps are the sum over k of the paths alive times what each tries
 *    next (its continuations, and the cost of the lookarounds it passes on the way).
 *  - The maximum over all inputs is bounded from above by walking the input one character
 *    class ("atom") at a time, keeping for each set of live states the entry-wise largest
 *    path counts seen (the products are monotone, so the merged vector bounds every input
 *    that reaches that set).
 *  - A lookaround (including ^ and $, which refa writes as lookarounds) is zero-width for
 *    the paths (assumed to pass, which only adds paths), and each evaluation costs the
 *    worst case of its own body, computed the same way (backwards for a lookbehind).
 *
 * The automaton and the walk are in pattern-cost-automaton.ts. Limits: a backreference is
 * not modelled (the caller refuses it). Engine optimisations only make real runs cheaper
 * than the count. The count is of the same order as Irregexp's backtracking steps, not a
 * time: pattern-cost.test.ts holds it to a plain backtracking matcher on random patterns,
 * and `npm run bench` times the costliest accepted patterns it can find.
 */
import { JS, NFA, getIntersectionWords, type Concatenation, type Quantifier } from 'refa';
import { stepsOf, Unsupported, type CostOptions } from './pattern-cost-automaton';

export type { CostOptions };

export type CostVerdict =
  | {
      kind: 'ok';
      /** The most steps a check of one input of at most `maxLength` characters can take. */
      steps: number;
      /** An input that takes (about) that many. */
      worstInput: string;
    }
  | {
      kind: 'costly';
      /** Steps counted when the limit was passed (a lower bound of the worst case). */
      steps: number;
      /** The repetition that, run at most once, brings the cost under the limit, when one does. */
      culprit?: string;
      /** Two alternatives of the culprit that match the same text, with a shortest such text. */
      overlap?: { left: string; right: string; example: string };
    }
  | { kind: 'unsupported'; reason: 'backreference' | 'too-complex' };

/**
 * Work budget (map entries and edges handled) of the count, and half as much again for
 * the search for a culprit: the check runs whenever a policy is loaded, so even a hostile
 * pattern must be judged in milliseconds. Sensible patterns take 1,000–40,000; past the
 * budget a pattern is refused as too complex.
 */
const MAX_WORK = 100_000;

function parse(source: string) {
  const parser = JS.Parser.fromLiteral({ source, flags: '' });
  // simplify: false keeps `a|a` and `(?:a)` as written: the engine runs what is written.
  return parser.parse({ backreferences: 'unknown', maxBackreferenceWords: 0, assertions: 'parse', simplify: false, maxNodes: 20_000 });
}

function quantifiersOf(alternatives: readonly Concatenation[]): Quantifier[] {
  const out: Quantifier[] = [];
  const visit = (concatenation: Concatenation) => {
    for (const element of concatenation.elements) {
      if (element.type === 'Quantifier' && element.max >= 2) out.push(element);
      if (element.type !== 'CharacterClass' && element.type !== 'Unknown') element.alternatives.forEach(visit);
    }
  };
  alternatives.forEach(visit);
  return out;
}

const rawOf = (source: string, node: { source?: { start: number; end: number } }) => (node.source ? source.slice(node.source.start, node.source.end) : '');

/** Two alternatives of a repetition that can match the same text, and a shortest such text. */
function overlapOf(source: string, node: Quantifier, maxCharacter: number): { left: string; right: string; example: string } | undefined {
  const alternatives = node.alternatives;
  if (alternatives.length < 2) return undefined;
  const nfas = alternatives.map((alternative) => NFA.fromRegex(alternative, { maxCharacter }, { assertions: 'ignore', unknowns: 'disable' }));
  for (let i = 0; i < nfas.length; i++) {
    for (let j = i + 1; j < nfas.length; j++) {
      for (const word of getIntersectionWords(nfas[i]!, nfas[j]!)) {
        return { left: rawOf(source, alternatives[i]!), right: rawOf(source, alternatives[j]!), example: String.fromCharCode(...word) };
      }
    }
  }
  return undefined;
}

/**
 * The verdict on one pattern (which must compile). When it is too costly, each repetition
 * in turn is run at most once to find the one to blame; the innermost that alone brings the
 * cost under the limit is named.
 */
export function namingPatternCost(source: string, options: CostOptions): CostVerdict {
  try {
    const { expression, maxCharacter } = parse(source);
    const verdict = stepsOf(expression.alternatives, options, null, MAX_WORK);
    if (!verdict.exceeded) return { kind: 'ok', steps: verdict.steps, worstInput: verdict.input };
    // The culprit only improves the message: the search stops when its budget is spent.
    let culprit: Quantifier | undefined;
    let budget = MAX_WORK / 2;
    for (const quantifier of quantifiersOf(expression.alternatives)) {
      if (budget <= 0) break;
      try {
        const capped = stepsOf(expression.alternatives, options, quantifier, budget);
        budget -= capped.work;
        if (capped.exceeded) continue;
      } catch {
        break;
      }
      const span = (q: Quantifier) => (q.source ? q.source.end - q.source.start : Infinity);
      if (!culprit || span(quantifier) < span(culprit)) culprit = quantifier;
    }
    if (!culprit) return { kind: 'costly', steps: verdict.steps };
    const overlap = overlapOf(source, culprit, maxCharacter);
    return { kind: 'costly', steps: verdict.steps, culprit: rawOf(source, culprit), ...(overlap ? { overlap } : {}) };
  } catch (error) {
    if (error instanceof Unsupported) return { kind: 'unsupported', reason: error.reason };
    // refa's own size limits (TooManyNodesError) and anything else it cannot model.
    return { kind: 'unsupported', reason: 'too-complex' };
  }
}
