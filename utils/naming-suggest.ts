import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { buildName, compactDate, namingMatcher, rotationName, TEMPLATE_AUTO_FIELDS, WHM_NAME_MAX, WHM_TOKEN_NAME } from './naming';
import { parseTemplate, type TemplatePart } from './policy/naming-template';

/**
 * Names Token Warden proposes for an existing token: the replacement's name when it is
 * rotated, and a name that follows the team's convention when it is renamed. Either must
 * pass the team's pattern, or the rotation is refused in block mode and the rename fixes
 * nothing; so a handful of likely names are built (from the template, from the old name's
 * own words, with the pattern's leading words such as `ops|billing`) and the first one the
 * pattern accepts wins. The user can edit it in the dialog either way. Runs in the
 * background only: reading the pattern's leading words needs a regex parser.
 */
export interface SuggestContext {
  naming: { pattern: string | null; template: string | null };
  /** The day a date in the name stands for: today for a replacement, the token's creation day for a rename. */
  date: Date;
  host?: string;
  user?: string;
  /** Names in use, the old one included: a suggestion never collides with one. */
  taken: ReadonlySet<string>;
}

/** A replacement for `oldName`: its trailing date moved to today, else a name per the convention. */
export function suggestReplacementName(oldName: string, ctx: SuggestContext): string {
  const today = compactDate(ctx.date);
  const redated = TRAILING_DATE.test(oldName) ? [oldName.replace(TRAILING_DATE, (_m, sep: string) => `${sep}${today}`)] : [];
  return pick([...fromTemplate(oldName, ctx), ...redated, ...conventionCandidates(oldName, ctx), rotationName(oldName, ctx.date)], oldName, ctx);
}

/** A new name for `oldName` that the team's pattern accepts (when one can be found). */
export function suggestConventionName(oldName: string, ctx: SuggestContext): string {
  return pick([...fromTemplate(oldName, ctx), ...conventionCandidates(oldName, ctx)], oldName, ctx);
}

const TRAILING_DATE = /([-_])\d{8}$/;
// A date at the end, with what earlier rotations added to it (-r20261128, -r20261128-2).
const DATE_TAIL = /[-_]r?\d{8}(?:-\d{1,2})?$/;
const AUTO: ReadonlySet<string> = new Set(TEMPLATE_AUTO_FIELDS);

/** The old name without its date: what the token is for. */
function coreOf(name: string): string {
  return name.replace(DATE_TAIL, '') || name;
}

/** 'MyOldToken' → 'my-old-token', '2024_migration' → '2024-migration': the shape most patterns ask for. */
function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const unique = <T,>(items: T[]): T[] => [...new Set(items)];

/** `slug` shortened so that prefix + slug + suffix fits WHM's 50 characters. */
function fit(prefix: string, slug: string, suffix: string): string {
  const room = WHM_NAME_MAX - prefix.length - suffix.length;
  return `${prefix}${slug.slice(0, Math.max(0, room)).replace(/[-_]+$/, '')}${suffix}`;
}

/** Names built from the old name's words: `<word>-<slug>-<date>` and its plainer forms. */
function conventionCandidates(oldName: string, ctx: SuggestContext): string[] {
  const date = compactDate(ctx.date);
  const words = leadingWords(ctx.naming.pattern);
  const out: string[] = [];
  for (const slug of unique([coreOf(oldName), kebab(coreOf(oldName))].filter(Boolean))) {
    const owned = words.some((w) => slug.startsWith(`${w}-`) || slug.startsWith(`${w}_`));
    for (const sep of ['-', '_']) {
      for (const team of owned ? [''] : [...words, '']) {
        const prefix = team ? `${team}${sep}` : '';
        out.push(fit(prefix, slug, `${sep}${date}`), fit(prefix, slug, ''));
      }
    }
  }
  return out;
}

/** The template filled with the old name's own values, or with the pattern's words and the old name. */
function fromTemplate(oldName: string, ctx: SuggestContext): string[] {
  const template = ctx.naming.template;
  if (!template) return [];
  const { parts, problems } = parseTemplate(template);
  if (problems.length) return [];
  const build = (values: Record<string, string>) => buildName(template, values, { date: ctx.date, host: ctx.host, user: ctx.user });
  const found = readTemplateValues(parts, oldName);
  const out = found ? [build(found)] : [];
  const free = unique(parts.flatMap((p) => (p.kind === 'field' && !AUTO.has(p.name) ? [p.name] : [])));
  if (free.length === 0) return [...out, build({})];
  const core = kebab(coreOf(oldName));
  if (free.length === 1) return [...out, build({ [free[0]!]: core })];
  // Two or more fields: the first is the team (a word the pattern starts with, or the old
  // name's first word), the last what the token is for.
  const words = leadingWords(ctx.naming.pattern);
  const owned = words.find((w) => core.startsWith(`${w}-`));
  const splits: Array<[string, string]> = owned
    ? [[owned, core.slice(owned.length + 1)]]
    : [...words.map((w): [string, string] => [w, core]), ...(core.includes('-') ? [[core.slice(0, core.indexOf('-')), core.slice(core.indexOf('-') + 1)] as [string, string]] : [])];
  for (const [team, rest] of splits) out.push(build({ [free[0]!]: team, [free.at(-1)!]: rest }));
  return out;
}

/** The values of the template's fields in `name`, when `name` has the template's shape. */
function readTemplateValues(parts: TemplatePart[], name: string): Record<string, string> | null {
  const fields: string[] = [];
  const dates: Record<string, string> = { yyyymmdd: '\\d{8}', yyyy: '\\d{4}', mm: '\\d{2}', dd: '\\d{2}' };
  const source = parts
    .map((part) => {
      if (part.kind === 'text') return part.text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      if (Object.hasOwn(dates, part.name)) return dates[part.name];
      fields.push(part.name);
      return '([A-Za-z0-9_-]+?)';
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(name.slice(0, WHM_NAME_MAX));
  if (!match) return null;
  const values: Record<string, string> = {};
  fields.forEach((field, i) => {
    if (!Object.hasOwn(values, field)) values[field] = match[i + 1] ?? '';
  });
  return values;
}

/** The literal words a pattern's names start with: `^(ops|billing)-…` → ops, billing. */
export function leadingWords(pattern: string | null): string[] {
  if (!pattern) return [];
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: false });
  } catch {
    return [];
  }
  const literal = (elements: AST.Element[]): string => {
    let text = '';
    for (const el of elements) {
      if (el.type !== 'Character') break;
      text += String.fromCodePoint(el.value);
    }
    return text;
  };
  const words = ast.alternatives.flatMap((alternative) => {
    const elements = alternative.elements.filter((el, i) => !(i === 0 && el.type === 'Assertion' && el.kind === 'start'));
    const first = elements[0];
    if (first?.type === 'Group' || first?.type === 'CapturingGroup') return first.alternatives.map((a) => literal(a.elements));
    return [literal(elements)];
  });
  return unique(words.map((w) => w.replace(/[-_]+$/, '')).filter((w) => /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(w))).slice(0, 10);
}

/** `base`, then `base` with -2…-9 before its trailing date (or at its end): for a name already taken. */
function variants(base: string): string[] {
  const out = [base];
  for (let n = 2; n <= 9; n++) {
    const date = TRAILING_DATE.exec(base);
    out.push(date ? fit('', base.slice(0, date.index), `-${n}${date[0]}`) : fit('', base, `-${n}`));
  }
  return out;
}

/** The first candidate the pattern accepts that is new and free; else the first new, free, WHM-valid one. */
function pick(candidates: string[], oldName: string, ctx: SuggestContext): string {
  const matches = ctx.naming.pattern ? namingMatcher(ctx.naming.pattern) : null;
  const free = (name: string) => WHM_TOKEN_NAME.test(name) && name !== oldName && !ctx.taken.has(name);
  const all = unique(candidates.flatMap(variants));
  const conforming = all.find((name) => free(name) && (!ctx.naming.pattern || (matches?.(name) ?? false)));
  // Nothing the pattern accepts: a valid name still, and the dialog says what is wrong with it.
  return conforming ?? all.find(free) ?? rotationName(oldName, ctx.date);
}
