import { t } from '../i18n';

/**
 * How policy problems are told: JSON paths, "did you mean" hints and the words for what
 * was found. Shared by the schema (policy-schema.ts), the cross-field checks and the
 * public entry point (policy-file.ts).
 */

/** One thing wrong with a policy; `path` is a JSON path such as `$.presets[1].acls[0]`. */
export interface PolicyProblem {
  path: string;
  message: string;
}

export type Segment = string | number;
/** A problem before its path is written out. */
export interface RawProblem {
  path: Segment[];
  message: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What was found instead, inside "must be …, not …". */
export function describe(value: unknown): string {
  if (value === null) return t('policyProblem.found.value', ['null']);
  if (Array.isArray(value)) return t('policyProblem.found.list');
  if (typeof value === 'object') return t('policyProblem.found.object');
  if (typeof value === 'string') return t('policyProblem.found.string');
  if (typeof value === 'number') return t('policyProblem.found.number', [String(value)]);
  return t('policyProblem.found.value', [typeof value === 'boolean' ? String(value) : typeof value]);
}

export function samePath(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function comparePaths(a: Segment[], b: Segment[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

export function sortProblems(problems: RawProblem[]): RawProblem[] {
  return [...problems].sort((a, b) => comparePaths(a.path, b.path));
}

/** RFC 9535 style: `$.expiry.defaultDays`, `$.presets[1].acls[0]`, `$.presets[0].reasons['list-accts']`. */
export function formatJsonPath(path: ReadonlyArray<string | number>): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += `.${segment}`;
    else out += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

export function toProblem(problem: RawProblem): PolicyProblem {
  return { path: formatJsonPath(problem.path), message: problem.message };
}

export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = closest(key, known);
  if (suggestion) return t('policyProblem.unknownFieldSuggest', [key, suggestion]);
  return t('policyProblem.unknownField', [key, known.join(', ')]);
}

/** The nearest candidate within edit distance 2, for "did you mean" hints. */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
