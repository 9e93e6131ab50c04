import { CHECKED_PATTERNS_KEY } from './storage-keys';

/**
 * The naming patterns a page has checked in full, kept in `storage.local` under
 * `tw:checkedPatterns`.
 *
 * Why a record: the full check of a naming pattern (naming-pattern.ts: anchors, alphabet,
 * and the backtracking analysis with scslre and refa) weighs about a megabyte of code, and
 * a Chrome service worker cannot load code lazily, so the background does not bundle it.
 * The pages that store a pattern — the options page, at import, at save and whenever it
 * opens (which is also when it meets managed patterns) — check it in full and write the
 * verdict here, in the same storage write as the layer when they store one. The background
 * runs a naming pattern only if it is recorded here (recorded-policy-check.ts).
 *
 * Why it can be trusted: `storage.local` is written only by the extension's own contexts,
 * so a record is exactly as trustworthy as the stored policy itself. A record is keyed by
 * the pattern's exact source and by the checker's version: a checker that judges
 * differently must not inherit the verdicts of the old one.
 */

/**
 * The full check's version. checked-patterns.test.ts fingerprints the check's verdicts on
 * a fixed set of patterns: when they change, that test fails until this number goes up
 * (and the fingerprint with it), so a stricter check never trusts an older record.
 */
export const NAMING_CHECK_VERSION = 1;

export interface CheckedPatterns {
  checker: number;
  /** Exact sources of the patterns that passed the full check. */
  accepted: string[];
}

/** The patterns recorded as accepted by this version of the check; none for a missing, stale or malformed record. */
export function acceptedPatterns(stored: unknown): ReadonlySet<string> {
  if (typeof stored !== 'object' || stored === null) return new Set();
  const { checker, accepted } = stored as Partial<CheckedPatterns>;
  if (checker !== NAMING_CHECK_VERSION || !Array.isArray(accepted)) return new Set();
  return new Set(accepted.filter((source): source is string => typeof source === 'string'));
}

/** The storage items that record `sources` as checked, sorted so an unchanged record compares equal. */
export function checkedPatternsItems(sources: Iterable<string>): { [CHECKED_PATTERNS_KEY]: CheckedPatterns } {
  return { [CHECKED_PATTERNS_KEY]: { checker: NAMING_CHECK_VERSION, accepted: [...new Set(sources)].sort() } };
}

/** The naming pattern a policy layer sets, if it sets one. */
export function namingPatternOf(layer: unknown): string | undefined {
  if (typeof layer !== 'object' || layer === null) return undefined;
  const naming = (layer as { naming?: unknown }).naming;
  if (typeof naming !== 'object' || naming === null) return undefined;
  const pattern = (naming as { pattern?: unknown }).pattern;
  return typeof pattern === 'string' ? pattern : undefined;
}
