import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import { formatNumber, t } from '../i18n';
import { WHM_NAME_CHAR, WHM_NAME_MAX } from '../naming';
import { namingPatternCost, type CostVerdict } from './pattern-cost';
import { errorMessage } from './policy-problems';

/**
 * The team's naming pattern (`naming.pattern`). It is what the `naming` audit rule and the
 * live name check test every name with — in the background on every audit, in the page
 * on every keystroke — so it must be right (anchored, WHM's alphabet only, 1–50
 * characters) and cheap: checking one name must stay far below a millisecond whatever
 * the name.
 *
 * Cost is checked twice over:
 *  1. scslre, which recognises the known shapes of super-linear backtracking and names
 *     the quantifiers involved (often with a rewrite). Every report refuses the pattern,
 *     polynomial ones too: `^\w+\d+$` is quadratic, `^(?:\w*-?){8}X$` of degree 8.
 *  2. A count of the steps a backtracking engine can take on any input of at most 50
 *     characters (pattern-cost.ts). It catches what escapes scslre's shapes, such as an
 *     unbounded repetition over overlapping alternatives (`^ops(-[a-z0-9]+|-[a-z]+)*$`),
 *     and bounds everything else it accepts.
 */

/**
 * Most steps a check of one name may take (pattern-cost.ts counts them). V8 takes about
 * 0.2–1.3 ns a step, so this is at most a fraction of a millisecond (`npm run bench` times
 * the costliest accepted patterns it can find), while sensible patterns stay far below it
 * (WHM's own rule: 355 steps; `^(ops|billing)-[a-z0-9-]+-\d{8}$`: 267).
 */
export const NAME_CHECK_STEP_LIMIT = 100_000;

/**
 * Why a naming pattern cannot be used, as messages (empty when it is fine). The pattern
 * is what the `naming` audit rule and the live name check test every name with, so one
 * that admits names WHM refuses would approve names WHM then rejects: it must be
 * anchored, match only WHM's alphabet, and admit between 1 and 50 characters.
 */
export function namingPatternProblems(source: string): string[] {
  let ast: AST.Pattern;
  try {
    // Parsed as the browser would (no flags, Annex B syntax), but with a parser whose
    // behaviour does not depend on the engine, so every install judges a file the same.
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: false });
  } catch (error) {
    return [t('policyProblem.pattern.notRegex', [errorMessage(error)])];
  }
  if (containsModifiers(ast)) {
    // (?m:…) would let ^/$ match at line breaks inside a name, and older engines refuse
    // modifiers outright; spelling the cases out is always possible.
    return [t('policyProblem.pattern.modifiers')];
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    return [t('policyProblem.pattern.notRegexHere', [errorMessage(error)])];
  }

  const problems: string[] = [];
  const anchors = anchorProblems(ast);
  problems.push(...anchors);
  problems.push(...alphabetProblems(ast));
  // The cost is judged as the pattern runs, anchored at the start of the name; an unanchored
  // one is refused anyway, and scslre would only add that it is retried at every position.
  if (anchors.length === 0) problems.push(...costProblems(source, ast));
  if (regex.test('')) {
    problems.push(t('policyProblem.pattern.matchesEmpty'));
  } else {
    const min = minLength(ast);
    if (min > WHM_NAME_MAX) {
      problems.push(t('policyProblem.pattern.tooLong', [String(min), String(WHM_NAME_MAX)]));
    }
  }
  return problems;
}

function containsModifiers(node: AST.Node): boolean {
  if (node.type === 'Group' && node.modifiers) return true;
  return childNodes(node).some(containsModifiers);
}

function childNodes(node: AST.Node): AST.Node[] {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives;
    case 'Assertion':
      return node.kind === 'lookahead' || node.kind === 'lookbehind' ? node.alternatives : [];
    case 'Alternative':
      return node.elements;
    case 'Quantifier':
      return [node.element];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------
// Cost

/** What the two analyses found, kept per pattern: the checker runs on every policy load. */
interface CostFindings {
  reports: ScslreFinding[];
  verdict: CostVerdict | null;
}
interface ScslreFinding {
  exponential: boolean;
  kind: Report['type'];
  /** The quantifier that repeats, and the one it trades characters with or sits in. */
  quantifier: string;
  other: string | null;
  /** The repetition whose text has exponentially many readings (the outer one of a nest). */
  blamed: string;
  /** scslre's equivalent rewrite, when it has one that passes every check here. */
  fix: string | null;
}

// Findings, not messages, are kept: a message is worded in the language of the moment.
const costCache = new Map<string, CostFindings>();
const COST_CACHE_SIZE = 32;
/** Reports shown per pattern; more would bury the first, and each rewrite is checked too. */
const REPORTS_SHOWN = 3;

function costFindings(source: string, ast: AST.Pattern): CostFindings {
  const cached = costCache.get(source);
  if (cached) return cached;
  let reports: ScslreFinding[] = [];
  try {
    // A rejecting suffix always exists: the form checks whatever the user types.
    const found = analyse({ source, flags: '' }, { maxReports: REPORTS_SHOWN, assumeRejectingSuffix: true }).reports;
    reports = found.map((report) => scslreFinding(report, source));
  } catch {
    // scslre gives up on patterns it cannot model; the count below still applies.
  }
  // Counted only when scslre has nothing to say: its messages name the exact shape.
  let verdict: CostVerdict | null = null;
  if (reports.length === 0) {
    verdict = hasBackreference(ast)
      ? { kind: 'unsupported', reason: 'backreference' }
      : namingPatternCost(source, { maxLength: WHM_NAME_MAX, limit: NAME_CHECK_STEP_LIMIT });
  }
  const findings = { reports, verdict };
  if (costCache.size >= COST_CACHE_SIZE) costCache.delete(costCache.keys().next().value!);
  costCache.set(source, findings);
  return findings;
}

function scslreFinding(report: Report, source: string): ScslreFinding {
  const [quantifier, other] =
    report.type === 'Trade' ? [report.startQuant.raw, report.endQuant.raw] : report.type === 'Self' ? [report.quant.raw, report.parentQuant.raw] : [report.quant.raw, null];
  let fix: string | null = null;
  try {
    const fixed = report.fix()?.source;
    // Suggest the rewrite only if it is a pattern this checker accepts as it stands.
    if (fixed && fixed !== source && isCleanFix(fixed)) fix = fixed;
  } catch {
    fix = null;
  }
  const blamed = report.type === 'Trade' ? report.endQuant.raw : report.type === 'Self' ? report.parentQuant.raw : report.quant.raw;
  return { exponential: report.exponential, kind: report.type, quantifier, other: other === quantifier ? null : other, blamed, fix };
}

let checkingFix = false;
function isCleanFix(source: string): boolean {
  // One level only: a fix is checked without looking for a fix of the fix.
  if (checkingFix) return false;
  checkingFix = true;
  try {
    return namingPatternProblems(source).length === 0;
  } finally {
    checkingFix = false;
  }
}

function hasBackreference(node: AST.Node): boolean {
  if (node.type === 'Backreference') return true;
  return childNodes(node).some(hasBackreference);
}

function costProblems(source: string, ast: AST.Pattern): string[] {
  const { reports, verdict } = costFindings(source, ast);
  const problems = new Set(reports.map(scslreMessage));
  if (verdict?.kind === 'unsupported') {
    problems.add(verdict.reason === 'backreference' ? t('policyProblem.pattern.backreference') : t('policyProblem.pattern.tooComplex'));
  } else if (verdict?.kind === 'costly') {
    const steps = formatNumber(verdict.steps);
    const limit = formatNumber(NAME_CHECK_STEP_LIMIT);
    if (verdict.overlap && verdict.culprit) {
      const { left, right, example } = verdict.overlap;
      problems.add(t('policyProblem.pattern.overlap', [JSON.stringify(left), JSON.stringify(right), JSON.stringify(verdict.culprit), JSON.stringify(example), steps, limit]));
    } else if (verdict.culprit) {
      problems.add(t('policyProblem.pattern.costly', [JSON.stringify(verdict.culprit), steps, limit]));
    } else {
      problems.add(t('policyProblem.pattern.costlyWhole', [steps, limit]));
    }
  }
  return [...problems];
}

function scslreMessage(report: ScslreFinding): string {
  const quantifier = JSON.stringify(report.quantifier);
  if (report.exponential) return t('policyProblem.pattern.exponential', [JSON.stringify(report.blamed)]);
  const rewrite = report.fix ? t('policyProblem.pattern.rewriteAs', [JSON.stringify(report.fix)]) : t('policyProblem.pattern.rewriteGeneric');
  if (report.kind === 'Self' && report.other) return t('policyProblem.pattern.polynomialNested', [quantifier, JSON.stringify(report.other), rewrite]);
  if (report.other) return t('policyProblem.pattern.polynomial', [quantifier, JSON.stringify(report.other), rewrite]);
  return t('policyProblem.pattern.polynomialOne', [quantifier, rewrite]);
}

// ---------------------------------------------------------------------------------
// Anchors, alphabet, length

function anchorProblems(ast: AST.Pattern): string[] {
  const problems: string[] = [];
  const alternatives = ast.alternatives;
  for (const alternative of alternatives) {
    const start = startsAnchored(alternative);
    const end = endsAnchored(alternative);
    if (start && end) continue;
    const raw = JSON.stringify(alternative.raw);
    if (alternatives.length === 1) {
      problems.push(
        !start && !end
          ? t('policyProblem.pattern.unanchoredBoth')
          : !start
            ? t('policyProblem.pattern.unanchoredStart')
            : t('policyProblem.pattern.unanchoredEnd'),
      );
    } else {
      problems.push(
        !start && !end
          ? t('policyProblem.pattern.alternativeBoth', [raw])
          : !start
            ? t('policyProblem.pattern.alternativeStart', [raw])
            : t('policyProblem.pattern.alternativeEnd', [raw]),
      );
    }
  }
  return problems;
}

/** Zero-width assertions other than the anchors (\b, lookarounds) do not consume, so they may come first. */
function isSkippableAssertion(element: AST.Element): boolean {
  return element.type === 'Assertion' && element.kind !== 'start' && element.kind !== 'end';
}

function startsAnchored(alternative: AST.Alternative): boolean {
  for (const element of alternative.elements) {
    if (element.type === 'Assertion' && element.kind === 'start') return true;
    if (isSkippableAssertion(element)) continue;
    if (element.type === 'Group' || element.type === 'CapturingGroup') return element.alternatives.every(startsAnchored);
    return false;
  }
  return false;
}

function endsAnchored(alternative: AST.Alternative): boolean {
  for (let i = alternative.elements.length - 1; i >= 0; i--) {
    const element = alternative.elements[i]!;
    if (element.type === 'Assertion' && element.kind === 'end') return true;
    if (isSkippableAssertion(element)) continue;
    if (element.type === 'Group' || element.type === 'CapturingGroup') return element.alternatives.every(endsAnchored);
    return false;
  }
  return false;
}

function alphabetProblems(ast: AST.Pattern): string[] {
  const problems = new Set<string>();
  const matchesOutside = (raw: string) => problems.add(t('policyProblem.pattern.set', [JSON.stringify(raw)]));
  const checkChar = (node: AST.Character) => {
    const char = String.fromCodePoint(node.value);
    if (!WHM_NAME_CHAR.test(char)) problems.add(t('policyProblem.pattern.char', [JSON.stringify(char)]));
  };
  const checkSet = (node: AST.CharacterSet) => {
    if (node.kind === 'any') problems.add(t('policyProblem.pattern.anyChar'));
    else if (node.kind === 'digit' && !node.negate) return;
    else if (node.kind === 'word' && !node.negate) return;
    else matchesOutside(node.raw);
  };
  const visit = (node: AST.Node): void => {
    switch (node.type) {
      case 'Character':
        checkChar(node);
        return;
      case 'CharacterSet':
        checkSet(node);
        return;
      case 'CharacterClass':
        if (node.negate) {
          problems.add(t('policyProblem.pattern.negatedClass', [JSON.stringify(node.raw)]));
          return;
        }
        for (const element of node.elements) {
          if (element.type === 'Character') checkChar(element);
          else if (element.type === 'CharacterClassRange') {
            const outside = firstOutsideAlphabet(element.min.value, element.max.value);
            if (outside !== null) problems.add(t('policyProblem.pattern.range', [JSON.stringify(element.raw), JSON.stringify(outside)]));
          } else if (element.type === 'CharacterSet') checkSet(element);
          else matchesOutside(element.raw);
        }
        return;
      case 'ExpressionCharacterClass':
        matchesOutside(node.raw);
        return;
      case 'Assertion':
        // A lookaround only looks: what a name consists of is decided by the consuming
        // parts, so `^(?!.*--)[a-z-]+$` is fine even though its lookahead holds a ".".
        return;
      default:
        childNodes(node).forEach(visit);
    }
  };
  visit(ast);
  return [...problems];
}

function firstOutsideAlphabet(min: number, max: number): string | null {
  // Only 64 characters are allowed, so any range wider than that has an outsider; the
  // loop is bounded to keep a huge range like \u0000-\uffff cheap.
  for (let code = min; code <= max && code <= min + 64; code++) {
    const char = String.fromCodePoint(code);
    if (!WHM_NAME_CHAR.test(char)) return char;
  }
  return null;
}

/** A lower bound of the length of any match (exact except for backreferences, counted 0). */
function minLength(node: AST.Node): number {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return Math.min(...node.alternatives.map(minLength));
    case 'Alternative':
      return node.elements.reduce((sum, element) => sum + minLength(element), 0);
    case 'Quantifier':
      return node.min * minLength(node.element);
    case 'Character':
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return 1;
    default:
      // Assertions consume nothing; a backreference may match the empty string.
      return 0;
  }
}
