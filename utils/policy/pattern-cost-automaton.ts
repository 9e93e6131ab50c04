/**
 * The model behind pattern-cost.ts: a naming pattern as a position automaton whose edges
 * count the ways a backtracking engine can go from one character class to the next, and
 * the walk over all inputs that bounds the steps of a failing match (the reasoning is in
 * pattern-cost.ts).
 */
import { CharSet, type Assertion, type Concatenation, type Element, type Quantifier } from 'refa';

export interface CostOptions {
  /** Longest input to consider (WHM's 50). */
  maxLength: number;
  /** Steps above which a pattern is too costly; the count stops as soon as it is passed. */
  limit: number;
}

/** Automata larger than this are not analysed (a naming pattern has a few dozen classes). */
const MAX_POSITIONS = 1_000;
/** Sets of live classes one automaton may reach (a naming pattern reaches a few dozen). */
const MAX_STATE_SETS = 5_000;
const BUILD_UNIT = 4;

/** Why a pattern is not counted: the caller refuses it with that reason. */
export class Unsupported extends Error {
  constructor(readonly reason: 'backreference' | 'too-complex') {
    super(reason);
  }
}

/** `n` ways, and `c` lookaround steps summed over those ways. */
interface Weight {
  n: number;
  c: number;
}
const ZERO: Weight = { n: 0, c: 0 };
const ONE: Weight = { n: 1, c: 0 };
/** One way after the other: ways multiply, each way of one pays the costs of the other. */
const then = (a: Weight, b: Weight): Weight => ({ n: a.n * b.n, c: a.c * b.n + a.n * b.c });
const plus = (a: Weight, b: Weight): Weight => ({ n: a.n + b.n, c: a.c + b.c });

/** Ways into a fragment's first classes, out of its last ones, and straight through it. */
interface Fragment {
  first: Map<number, Weight>;
  last: Map<number, Weight>;
  empty: Weight;
}
const EPSILON = (): Fragment => ({ first: new Map(), last: new Map(), empty: ONE });

function addTo(map: Map<number, Weight>, key: number, weight: Weight): void {
  const old = map.get(key);
  map.set(key, old ? plus(old, weight) : weight);
}

function scaled(map: Map<number, Weight>, by: Weight): Map<number, Weight> {
  const out = new Map<number, Weight>();
  if (by.n === 0 && by.c === 0) return out;
  for (const [key, weight] of map) out.set(key, then(weight, by));
  return out;
}

function merged(a: Map<number, Weight>, b: Map<number, Weight>): Map<number, Weight> {
  const out = new Map(a);
  for (const [key, weight] of b) addTo(out, key, weight);
  return out;
}

/** Shared by one analysis and the lookaround bodies inside it, so the size budget is global. */
interface Context {
  positions: number;
  work: number;
  maxWork: number;
  options: CostOptions;
  /** A lookaround's cost, per node: bounded repetitions copy the same node many times. */
  assertionCosts: Map<Assertion, number>;
  /** The repetition treated as running at most once (to find the culprit). */
  capped: Quantifier | null;
}

/**
 * Counts `units` of work against the budget: building the automaton costs too, not just
 * counting. A unit of building (a map entry copied, an edge weighed) takes a few times as
 * long as one of counting, hence BUILD_UNIT.
 */
function charge(context: Context, units: number): void {
  context.work += units;
  if (context.work > context.maxWork) throw new Unsupported('too-complex');
}

/** A position automaton: character classes and the weighted ways between them. */
class Automaton {
  readonly labels: CharSet[] = [];
  readonly follow: Array<Map<number, Weight>> = [];

  constructor(
    private readonly context: Context,
    /** Lookbehind bodies are matched right to left. */
    private readonly backwards: boolean,
  ) {}

  build(alternatives: readonly Concatenation[]): Fragment {
    let out: Fragment = { first: new Map(), last: new Map(), empty: ZERO };
    for (const alternative of alternatives) {
      const f = this.concatenation(alternative.elements);
      out = { first: merged(out.first, f.first), last: merged(out.last, f.last), empty: plus(out.empty, f.empty) };
    }
    return out;
  }

  private concatenation(elements: readonly Element[]): Fragment {
    const ordered = this.backwards ? [...elements].reverse() : elements;
    let out = EPSILON();
    for (const element of ordered) out = this.concat(out, this.element(element));
    return out;
  }

  /** `a` then `b`: every way out of `a` links to every way into `b`. */
  private concat(a: Fragment, b: Fragment): Fragment {
    charge(this.context, BUILD_UNIT * (a.last.size * b.first.size + a.first.size + a.last.size + b.first.size + b.last.size));
    for (const [from, out] of a.last) {
      for (const [to, into] of b.first) addTo(this.follow[from]!, to, then(out, into));
    }
    return {
      first: merged(a.first, scaled(b.first, a.empty)),
      last: merged(scaled(a.last, b.empty), b.last),
      empty: then(a.empty, b.empty),
    };
  }

  private element(element: Element): Fragment {
    switch (element.type) {
      case 'CharacterClass': {
        if (++this.context.positions > MAX_POSITIONS) throw new Unsupported('too-complex');
        const id = this.labels.length;
        this.labels.push(element.characters);
        this.follow.push(new Map());
        return { first: new Map([[id, ONE]]), last: new Map([[id, ONE]]), empty: ZERO };
      }
      case 'Alternation':
        return this.build(element.alternatives);
      case 'Assertion':
        // Zero-width: one way through, at the price of evaluating the body.
        return { first: new Map(), last: new Map(), empty: { n: 1, c: assertionCost(element, this.context) } };
      case 'Quantifier':
        return this.quantifier(element);
      case 'Unknown':
        throw new Unsupported('backreference');
    }
  }

  private quantifier(node: Quantifier): Fragment {
    const capped = this.context.capped === node;
    const min = capped ? Math.min(node.min, 1) : node.min;
    const max = capped ? 1 : node.max;
    // Fresh classes for every copy: copies are separate states of the engine.
    let out = EPSILON();
    for (let i = 0; i < min; i++) out = this.concat(out, this.build(node.alternatives));
    if (max === Infinity) {
      const body = this.build(node.alternatives);
      // An iteration that matches nothing fails; trying it still costs its lookarounds.
      const tryEmpty: Weight = { n: 0, c: body.empty.c };
      charge(this.context, BUILD_UNIT * body.last.size * body.first.size);
      for (const [from, outWeight] of body.last) {
        for (const [to, into] of body.first) addTo(this.follow[from]!, to, then(outWeight, into));
      }
      const loop: Fragment = { first: body.first, last: scaled(body.last, plus(ONE, tryEmpty)), empty: plus(ONE, tryEmpty) };
      return this.concat(out, loop);
    }
    // x{min,max}: copy i+1 is tried only after copy i matched, so the optional copies nest.
    let optional = EPSILON();
    for (let i = min; i < max; i++) {
      const body = this.build(node.alternatives);
      const tryEmpty: Weight = { n: 0, c: body.empty.c };
      const taken = this.concat({ ...body, empty: ZERO }, optional);
      optional = { first: taken.first, last: taken.last, empty: plus(ONE, tryEmpty) };
    }
    return this.concat(out, optional);
  }
}

function assertionCost(node: Assertion, context: Context): number {
  const cached = context.assertionCosts.get(node);
  if (cached !== undefined) return cached;
  const body = new Automaton(context, node.kind === 'behind');
  const fragment = body.build(node.alternatives);
  // Past the limit, the exact figure does not matter: the whole pattern is over it too.
  const cost = worstSteps(body, fragment, context, context.options.limit).steps;
  context.assertionCosts.set(node, cost);
  return cost;
}

/** Splits the alphabet into the classes no label tells apart. */
function atomsOf(labels: readonly CharSet[], maximum: number): CharSet[] {
  let atoms = [CharSet.all(maximum)];
  const seen = new Set<string>();
  for (const label of labels) {
    const key = label.toRangesString();
    if (seen.has(key)) continue;
    seen.add(key);
    const next: CharSet[] = [];
    for (const atom of atoms) {
      const inside = atom.intersect(label);
      const outside = atom.without(label);
      if (!inside.isEmpty) next.push(inside);
      if (!outside.isEmpty) next.push(outside);
    }
    atoms = next;
  }
  return atoms;
}

// Plain arrays, not typed ones: V8 allocates small typed arrays far more slowly, and the
// count allocates one per set and input length.
/** A set of classes that some input leaves alive, with its transitions per atom. */
interface StateSet {
  positions: number[];
  /** What one live path at each position tries next (see `stepCost`). */
  costs: number[];
  /** Per atom: the set reached and how the ways flow there; null = nothing survives. */
  next: Array<Transition | null | undefined>;
}
/** Ways move from `positions[from[k]]` of one set to `positions[to[k]]` of the next, times `ways[k]`. */
interface Transition {
  target: StateSet;
  from: number[];
  to: number[];
  ways: number[];
}
/** The costliest input reaching a set so far: path counts per position, and steps. */
interface Live {
  counts: number[];
  steps: number;
  /** That input (a sample character per atom): what `npm run bench` times. */
  input: string;
}

// The sample character of an atom: a name character when it holds one, so that a worst
// input is a name WHM accepts whenever one can be that costly.
const SAMPLE_CHARACTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-!';
function sampleOf(atom: CharSet): string {
  for (const char of SAMPLE_CHARACTERS) if (atom.has(char.charCodeAt(0))) return char;
  return String.fromCharCode(atom.ranges[0]!.min);
}

/**
 * The largest number of steps over inputs of at most `maxLength` characters, or the first
 * count past `limit` (then `exceeded`). The sets of live classes form a DFA (the subset
 * construction, built lazily and cached), so each input length costs one pass over the
 * sets alive at that length, whatever the number of inputs.
 */
function worstSteps(automaton: Automaton, fragment: Fragment, context: Context, limit: number): { steps: number; exceeded: boolean; input: string } {
  const { labels, follow } = automaton;
  // What one live path at a class tries next: every continuation and the way out, plus the
  // lookarounds on those ways.
  const stepCost = labels.map((_, p) => {
    let cost = 1;
    for (const weight of follow[p]!.values()) cost += weight.n + weight.c;
    const out = fragment.last.get(p);
    if (out) cost += out.n + out.c;
    return cost;
  });
  let start = 1 + fragment.empty.n + fragment.empty.c;
  for (const weight of fragment.first.values()) start += weight.n + weight.c;
  if (start > limit || labels.length === 0) return { steps: start, exceeded: start > limit, input: '' };

  const atoms = atomsOf(labels, labels[0]!.maximum);
  const inAtom = atoms.map((atom) => labels.map((label) => !label.isDisjointWith(atom)));
  const samples = atoms.map(sampleOf);
  // Position -1 stands for "before the first character": its successors are the first classes.
  const successors = (p: number) => (p < 0 ? fragment.first : follow[p]!);

  const sets = new Map<string, StateSet>();
  const intern = (positions: number[]): StateSet => {
    const key = positions.join(',');
    let set = sets.get(key);
    if (!set) {
      if (sets.size >= MAX_STATE_SETS) throw new Unsupported('too-complex');
      set = { positions, costs: positions.map((q) => (q < 0 ? 0 : stepCost[q]!)), next: [] };
      sets.set(key, set);
    }
    return set;
  };
  const transition = (set: StateSet, atom: number): Transition | null => {
    const cached = set.next[atom];
    if (cached !== undefined) return cached;
    const flows: Array<[from: number, to: number, ways: number]> = [];
    set.positions.forEach((p, i) => {
      for (const [q, weight] of successors(p)) {
        if (inAtom[atom]![q] && weight.n > 0) flows.push([i, q, weight.n]);
      }
      charge(context, successors(p).size);
    });
    let result: Transition | null = null;
    if (flows.length > 0) {
      const target = intern([...new Set(flows.map((f) => f[1]))].sort((a, b) => a - b));
      const index = new Map(target.positions.map((q, j) => [q, j]));
      result = { target, from: flows.map((f) => f[0]), to: flows.map((f) => index.get(f[1])!), ways: flows.map((f) => f[2]) };
    }
    set.next[atom] = result;
    return result;
  };

  let worst: Live = { counts: [1], steps: start, input: '' };
  let level = new Map<StateSet, Live>([[intern([-1]), worst]]);
  for (let length = 1; length <= context.options.maxLength && level.size > 0; length++) {
    const next = new Map<StateSet, Live>();
    for (const [set, live] of level) {
      for (let atom = 0; atom < atoms.length; atom++) {
        const move = transition(set, atom);
        if (!move) continue;
        const { target, from, to, ways } = move;
        const counts: number[] = new Array<number>(target.positions.length).fill(0);
        for (let k = 0; k < from.length; k++) counts[to[k]!] = counts[to[k]!]! + live.counts[from[k]!]! * ways[k]!;
        let steps = live.steps;
        for (let j = 0; j < counts.length; j++) steps += counts[j]! * target.costs[j]!;
        const input = live.input + samples[atom]!;
        if (steps > limit) return { steps, exceeded: true, input };
        // Entry-wise maxima bound every input that reaches this set (the products are monotone).
        let reached = next.get(target);
        if (!reached) next.set(target, (reached = { counts, steps, input }));
        else {
          for (let j = 0; j < counts.length; j++) reached.counts[j] = Math.max(reached.counts[j]!, counts[j]!);
          if (steps > reached.steps) Object.assign(reached, { steps, input });
        }
        if (reached.steps > worst.steps) worst = reached;
        charge(context, from.length + counts.length);
      }
    }
    level = next;
  }
  return { steps: worst.steps, exceeded: false, input: worst.input };
}

/** Steps of the worst input, with `capped` run at most once; throws Unsupported past `maxWork`. */
export function stepsOf(alternatives: readonly Concatenation[], options: CostOptions, capped: Quantifier | null, maxWork: number) {
  const context: Context = { positions: 0, work: 0, maxWork, options, capped, assertionCosts: new Map() };
  const automaton = new Automaton(context, false);
  const fragment = automaton.build(alternatives);
  return { ...worstSteps(automaton, fragment, context, options.limit), work: context.work };
}
