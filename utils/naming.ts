import { formatNumber, listAnd, t } from './i18n';

/**
 * Token names: WHM's own rule, the team's naming convention, the template helper and
 * rotation names. Pure: the date, host and user are parameters.
 */

/** WHM's rule for token names (reference/whm.md §2): 1–50 of A–Z a–z 0–9 _ -. */
export const WHM_TOKEN_NAME = /^[A-Za-z0-9_-]{1,50}$/;
export const WHM_NAME_MAX = 50;
/** One character WHM accepts in a token name. */
export const WHM_NAME_CHAR = /^[A-Za-z0-9_-]$/;

/**
 * The team's naming pattern as a test for names, or null when it does not compile. Bounded
 * in cost whatever the pattern, on the terms the policy check bounds it with
 * (utils/policy/pattern-cost.ts): a name longer than WHM's 50 characters fails without
 * running the pattern (WHM refuses such a name anyway), and the sticky flag makes the
 * engine try position 0 only instead of every position (an accepted pattern is anchored
 * there by ^, so no match is lost). The audit and the live name check both use it, so the
 * banner and the form agree.
 */
export function namingMatcher(pattern: string): ((name: string) => boolean) | null {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'y');
  } catch {
    return null;
  }
  return (name) => {
    if (name.length > WHM_NAME_MAX) return false;
    regex.lastIndex = 0;
    return regex.test(name);
  };
}

export const TEMPLATE_AUTO_FIELDS = ['yyyymmdd', 'yyyy', 'mm', 'dd', 'host', 'user'] as const;
const AUTO: ReadonlySet<string> = new Set(TEMPLATE_AUTO_FIELDS);
const FIELD = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export type TemplatePart = { literal: string } | { field: string };

/** A template as literals and fields in order: '{team}-{yyyymmdd}' → field team, literal '-', field yyyymmdd. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(FIELD)) {
    const index = match.index;
    if (index > last) parts.push({ literal: template.slice(last, index) });
    parts.push({ field: match[1]! });
    last = index + match[0].length;
  }
  if (last < template.length) parts.push({ literal: template.slice(last) });
  return parts;
}

/** Free fields of a template in order of first appearance, e.g. '{team}-{purpose}-{yyyymmdd}' → ['team','purpose'] */
export function templateFields(template: string): string[] {
  const fields: string[] = [];
  for (const part of parseTemplate(template)) {
    if ('field' in part && !AUTO.has(part.field) && !fields.includes(part.field)) fields.push(part.field);
  }
  return fields;
}

/**
 * Makes free text usable inside a WHM name: accents are dropped rather than turned into
 * dashes ('café' → 'cafe'), every other run of refused characters becomes one '-', and
 * dashes at the ends go, so an empty or symbol-only value does not leave '--' in the name.
 */
export function safeNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The template helper's form of a typed value: `safeNamePart` in lower case (team patterns
 * are almost always lower case, and "Nightly Backup" should not fail one for its capitals),
 * runs of a separator collapsed ('a__b' → 'a_b'), at most 50 characters.
 */
export function slugify(value: string): string {
  // Lower case after the ASCII mapping: some characters only become capitals there ('ᴬ' → 'A').
  return safeNamePart(value)
    .toLowerCase()
    .replace(/([-_])\1+/g, '$1')
    .slice(0, WHM_NAME_MAX)
    .replace(/[-_]+$/, '');
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Local calendar date as yyyymmdd: WHM's form and the user both think in local days. */
export function compactDate(date: Date): string {
  // A caller bug, not user input: 'NaNNaNNaN' in a token name would help nobody.
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  return `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1, 2)}${pad(date.getDate(), 2)}`;
}

/**
 * Fills a template. Free values are slugified (see `slugify`); date parts come
 * from `date` in local time; host is the first label of the hostname.
 *
 * When the result would be longer than WHM's 50 characters, the longest variable values
 * (free fields, host, user) are shortened one character at a time until it fits, so a long
 * purpose costs its own tail rather than the date that tells tokens apart. Literals and
 * dates are never cut: if they alone exceed 50, the result stays too long and
 * `checkTokenName` says so.
 */
export function buildName(template: string, values: Record<string, string>, context: { date: Date; host?: string; user?: string }): string {
  const parts = parseTemplate(template);
  const date = compactDate(context.date);
  // Maps, not object literals: a field named '{constructor}' must not find Object's.
  const fixed = new Map<string, string>([
    ['yyyymmdd', date],
    ['yyyy', date.slice(0, 4)],
    ['mm', date.slice(4, 6)],
    ['dd', date.slice(6, 8)],
  ]);
  const variable = new Map<string, string>();
  for (const part of parts) {
    if (!('field' in part) || fixed.has(part.field) || variable.has(part.field)) continue;
    const raw =
      part.field === 'host'
        ? ((context.host ?? '').split('.')[0] ?? '')
        : part.field === 'user'
          ? (context.user ?? '')
          : Object.hasOwn(values, part.field)
            ? (values[part.field] ?? '')
            : '';
    // No single value can be longer than a whole name; cutting here keeps the loop below short
    // even for a pasted essay.
    variable.set(part.field, slugify(raw.trim().slice(0, 4 * WHM_NAME_MAX)));
  }

  const occurrences = new Map<string, number>();
  let fixedLength = 0;
  for (const part of parts) {
    if ('literal' in part) fixedLength += part.literal.length;
    else if (fixed.has(part.field)) fixedLength += fixed.get(part.field)!.length;
    else occurrences.set(part.field, (occurrences.get(part.field) ?? 0) + 1);
  }
  const length = (): number => {
    let total = fixedLength;
    for (const [field, count] of occurrences) total += (variable.get(field)?.length ?? 0) * count;
    return total;
  };
  while (length() > WHM_NAME_MAX) {
    let longest: string | null = null;
    for (const [field, value] of variable) {
      // `>=`: on a tie the later field is cut, since leading parts (team, system) tend to
      // be what people sort and search by.
      if (value.length > 0 && (longest === null || value.length >= (variable.get(longest)?.length ?? 0))) longest = field;
    }
    if (longest === null) break;
    // Cut from the end, and never leave the cut value ending in a dash.
    variable.set(longest, variable.get(longest)!.slice(0, -1).replace(/-+$/, ''));
  }

  return parts
    .map((part) => ('literal' in part ? part.literal : (fixed.get(part.field) ?? variable.get(part.field) ?? '')))
    .join('');
}

export interface NameCheck {
  valid: boolean;
  problems: string[];
}

/** Shows a refused character so a reader can see it: invisible ones by code point. */
function showChar(char: string): string {
  return /[\p{C}\p{Z}]/u.test(char) && char !== ' ' ? `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : char;
}

/** WHM's own rule (1–50 of A-Z a-z 0-9 _ -) and, when set, the team pattern (with the hint in the message) */
export function checkTokenName(name: string, naming: { pattern: string | null; hint: string | null }): NameCheck {
  const problems: string[] = [];
  if (name.length === 0) {
    problems.push(t('naming.empty'));
  } else {
    // Count characters as a person does (code points), not UTF-16 units.
    const chars = [...name];
    if (chars.length > WHM_NAME_MAX) problems.push(t('naming.tooLong', [formatNumber(chars.length), formatNumber(WHM_NAME_MAX)]));
    const refused = [...new Set(chars.filter((char) => !WHM_NAME_CHAR.test(char)))];
    if (refused.length > 0) {
      const shown = listAnd(refused.map((char) => `“${showChar(char)}”`));
      problems.push(t('naming.refused', [shown]));
    }
  }

  if (naming.pattern) {
    const matches = namingMatcher(naming.pattern);
    if (!matches) problems.push(t('naming.badPattern'));
    else if (name.length > 0 && !matches(name)) {
      const convention = (naming.hint?.trim() || naming.pattern).replace(/\.$/, '');
      problems.push(t('naming.convention', [convention]));
    }
  }

  return { valid: problems.length === 0, problems };
}

const ROTATION_SUFFIX = /-r\d{8}(?:-\d+)?$/;

/**
 * The replacement's name when rotating: '<old>-r<yyyymmdd>'. A previous rotation suffix
 * is replaced rather than stacked ('x-r20260101' → 'x-r20260401', not '…-r…-r…'), <old>
 * is shortened so the whole stays within 50, and the result never equals the old name
 * (the replacement is created before the old token is revoked, and WHM names are unique),
 * so a second rotation on the same day gets '-2', '-3'…
 *
 * With a template whose every free field has a value, the name is built from it instead,
 * unless that would not be a WHM-valid name different from the old one.
 */
export function rotationName(
  oldName: string,
  date: Date,
  template?: { template: string | null; values?: Record<string, string>; host?: string; user?: string },
): string {
  if (template?.template) {
    const values = template.values ?? {};
    const filled = templateFields(template.template).every(
      (field) => Object.hasOwn(values, field) && safeNamePart(values[field] ?? '') !== '',
    );
    if (filled) {
      const built = buildName(template.template, values, { date, host: template.host, user: template.user });
      if (WHM_TOKEN_NAME.test(built) && built !== oldName) return built;
    }
  }

  // Keep the old name as it was (its dashes and underscores may matter to the team's
  // pattern); only characters WHM refuses, which a real token cannot have, are replaced.
  const base = oldName.replace(ROTATION_SUFFIX, '').replace(/[^A-Za-z0-9_-]+/g, '-');
  for (let n = 1; ; n++) {
    const suffix = `r${compactDate(date)}${n > 1 ? `-${n}` : ''}`;
    const room = WHM_NAME_MAX - suffix.length - 1;
    const head = base.slice(0, room).replace(/-+$/, '');
    const candidate = head ? `${head}-${suffix}` : suffix;
    if (candidate !== oldName) return candidate;
  }
}
