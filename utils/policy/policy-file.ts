import { z } from 'zod';
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import type { Preset } from './defaults';
import { t } from '../i18n';

/**
 * The team policy file (`*.token-policy.json`, design.md "Team policy file") and the
 * enterprise-managed values, which have the same shape. Every field is optional: a
 * layer only says what it wants to decide, the rest comes from the layers below
 * (resolve-policy.ts).
 *
 * A policy is a security control, so checking is strict: every problem is reported
 * with its JSON path, and an unknown field is an error rather than ignored — a typo
 * such as `"enforcment": "block"` must never silently leave enforcement at "warn".
 */
export interface PolicyFile {
  version?: 1;
  name?: string;
  enforcement?: 'warn' | 'block';
  naming?: { pattern?: string; template?: string; hint?: string };
  expiry?: { defaultDays?: number; maxDays?: number; allowNever?: boolean; warnDays?: number };
  rotation?: { maxAgeDays?: number };
  privileges?: { forbidden?: string[]; risky?: string[] };
  requireIpAllowlist?: boolean;
  clipboardClearSeconds?: number;
  presets?: Preset[];
  vault?: { address?: string; mount?: string; pathTemplate?: string };
}

/** One thing wrong with a policy; `path` is a JSON path such as `$.presets[1].acls[0]`. */
export interface PolicyProblem {
  path: string;
  message: string;
}

/**
 * The outcome of a check. In strict mode `ok: true` always comes with no problems; in
 * partial mode it may come with the problems of the fields that were left out.
 */
export type PolicyCheck =
  | { ok: true; policy: PolicyFile; problems: PolicyProblem[] }
  | { ok: false; problems: PolicyProblem[] };

export interface CheckOptions {
  /** ACLs a preset may grant (the ACL catalogue); passed in so this module stays independent of it. */
  knownAcls: ReadonlySet<string>;
  /**
   * Partial mode, for enterprise-managed values: drop every invalid field instead of
   * refusing the whole thing, and return the valid rest together with the problems.
   * An administrator's one bad value must not void the rest of the enterprise policy.
   */
  partial?: boolean;
}

/** Auto-clear delays offered for the clipboard, in seconds; 0 = never (Bitwarden's choices). */
export const CLIPBOARD_CLEAR_CHOICES = [0, 10, 20, 30, 60, 120, 300] as const;
/** Template placeholders filled from the creation date. */
export const TEMPLATE_DATE_FIELDS = ['yyyymmdd', 'yyyy', 'mm', 'dd'] as const;
/** Template placeholders filled from the page (WHM host and the logged-in user). */
export const TEMPLATE_CONTEXT_FIELDS = ['host', 'user'] as const;
/** Placeholders a vault path template may use. */
export const VAULT_PATH_FIELDS = ['host', 'name', 'user', 'date'] as const;

/** Field names per object, in the order an exported file lists them. */
export const POLICY_FILE_KEYS = [
  'version',
  'name',
  'enforcement',
  'naming',
  'expiry',
  'rotation',
  'privileges',
  'requireIpAllowlist',
  'clipboardClearSeconds',
  'presets',
  'vault',
] as const;
export const POLICY_GROUP_KEYS = {
  naming: ['pattern', 'template', 'hint'],
  expiry: ['defaultDays', 'maxDays', 'allowNever', 'warnDays'],
  rotation: ['maxAgeDays'],
  privileges: ['forbidden', 'risky'],
  vault: ['address', 'mount', 'pathTemplate'],
} as const;
export const PRESET_KEYS = ['id', 'label', 'description', 'acls', 'reasons', 'expiryDays'] as const;

// WHM's token-name alphabet and length (reference/whm.md): a policy must not ask for names WHM refuses.
const NAME_CHAR = /^[A-Za-z0-9_-]$/;
const NAME_MAX_LENGTH = 50;
const ACL_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const FREE_FIELD = /^[a-z][a-z0-9_]{0,20}$/;
const VAULT_MOUNT = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_DAYS = 3650;
/** A policy file is a few kilobytes; refusing huge input keeps parsing cheap. */
const MAX_TEXT_LENGTH = 1_000_000;

// ---------------------------------------------------------------------------------
// Naming pattern analysis

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
  problems.push(...anchorProblems(ast));
  problems.push(...alphabetProblems(ast));
  problems.push(...backtrackingProblems(source));
  if (regex.test('')) {
    problems.push(t('policyProblem.pattern.matchesEmpty'));
  } else {
    const min = minLength(ast);
    if (min > NAME_MAX_LENGTH) {
      problems.push(t('policyProblem.pattern.tooLong', [String(min), String(NAME_MAX_LENGTH)]));
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

/**
 * The pattern runs against every token name on every audit, in the background. A pattern
 * with exponential backtracking, such as `^(a+)+$`, can spend hours on one 50-character
 * name and stall every audit and form check. scslre finds these by analysing the pattern
 * itself; polynomial cases are left alone, since names are at most 50 characters.
 */
function backtrackingProblems(source: string): string[] {
  let reports;
  try {
    reports = analyse({ source, flags: '' }, { maxReports: 10 }).reports;
  } catch {
    // The analyser gives up on patterns it cannot model; the other checks still apply.
    return [];
  }
  const exponential = reports.find((report) => report.exponential);
  if (!exponential) return [];
  const quantifier = exponential.type === 'Trade' ? exponential.endQuant : exponential.type === 'Self' ? exponential.parentQuant : exponential.quant;
  return [t('policyProblem.pattern.exponential', [JSON.stringify(quantifier.raw)])];
}

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
    if (!NAME_CHAR.test(char)) problems.add(t('policyProblem.pattern.char', [JSON.stringify(char)]));
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
    if (!NAME_CHAR.test(char)) return char;
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

// ---------------------------------------------------------------------------------
// Templates

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; name: string };

/** Splits `{word}` placeholders from literal text; brace mistakes come back as problems. */
export function parseTemplate(template: string): { parts: TemplatePart[]; problems: string[] } {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '}') {
      problems.push(t('policyProblem.template.unmatchedClose', [String(i + 1)]));
    } else if (char === '{') {
      const close = template.indexOf('}', i + 1);
      const reopen = template.indexOf('{', i + 1);
      if (close === -1 || (reopen !== -1 && reopen < close)) {
        problems.push(t('policyProblem.template.unclosed', [String(i + 1)]));
        continue;
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'field', name: template.slice(i + 1, close) });
      i = close;
    } else {
      text += char;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return { parts, problems };
}

const AUTO_FIELD_LENGTH: Record<string, number> = { yyyymmdd: 8, yyyy: 4, mm: 2, dd: 2 };

/** Why a naming template cannot be used (empty when it is fine). */
export function namingTemplateProblems(template: string): string[] {
  const { parts, problems } = parseTemplate(template);
  const badChars = new Set<string>();
  let fixedLength = 0;
  for (const part of parts) {
    if (part.kind === 'text') {
      for (const char of part.text) if (!NAME_CHAR.test(char)) badChars.add(char);
      fixedLength += part.text.length;
    } else if (!FREE_FIELD.test(part.name)) {
      problems.push(t('policyProblem.template.badField', [part.name]));
    } else {
      fixedLength += AUTO_FIELD_LENGTH[part.name] ?? 0;
    }
  }
  for (const char of badChars) {
    problems.push(t('policyProblem.template.badChar', [JSON.stringify(char)]));
  }
  if (fixedLength > NAME_MAX_LENGTH) {
    problems.push(t('policyProblem.template.tooLong', [String(fixedLength), String(NAME_MAX_LENGTH)]));
  }
  return problems;
}

function vaultPathTemplateProblems(template: string): string[] {
  const { parts, problems } = parseTemplate(template);
  const allowed: readonly string[] = VAULT_PATH_FIELDS;
  for (const part of parts) {
    if (part.kind === 'field' && !allowed.includes(part.name)) {
      problems.push(t('policyProblem.vault.unknownField', [part.name, VAULT_PATH_FIELDS.map((f) => `{${f}}`).join(' ')]));
    }
  }
  // "." and ".." segments would climb out of the mount once the path is put in a URL.
  if (template.split('/').some((segment) => segment === '.' || segment === '..')) {
    problems.push(t('policyProblem.vault.dotSegment'));
  }
  return problems;
}

function vaultAddressProblems(address: string): string[] {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return [t('policyProblem.vault.notUrl')];
  }
  const problems: string[] = [];
  if (url.protocol === 'http:') {
    // The token travels to the vault: plain http is only acceptable when it never leaves the machine.
    if (!LOOPBACK_HOSTS.has(url.hostname)) problems.push(t('policyProblem.vault.httpRemote'));
  } else if (url.protocol !== 'https:') {
    problems.push(t('policyProblem.vault.protocol', [url.protocol]));
  }
  if (url.username || url.password) problems.push(t('policyProblem.vault.credentials'));
  if (url.pathname !== '/' || url.search || url.hash) {
    problems.push(t('policyProblem.vault.originOnly', [url.origin === 'null' ? 'https://vault.example.com:8200' : url.origin]));
  }
  return problems;
}

function vaultMountProblems(mount: string): string[] {
  if (!VAULT_MOUNT.test(mount)) return [t('policyProblem.vault.mount')];
  if (mount.split('/').some((segment) => segment === '.' || segment === '..')) return [t('policyProblem.vault.dotSegment')];
  return [];
}

// ---------------------------------------------------------------------------------
// Structure (zod)

function describe(value: unknown): string {
  if (value === null) return t('policyProblem.found.value', ['null']);
  if (Array.isArray(value)) return t('policyProblem.found.list');
  if (typeof value === 'object') return t('policyProblem.found.object');
  if (typeof value === 'string') return t('policyProblem.found.string');
  if (typeof value === 'number') return t('policyProblem.found.number', [String(value)]);
  return t('policyProblem.found.value', [typeof value === 'boolean' ? String(value) : typeof value]);
}

/** Type messages that say what was expected and what was found. */
function expected(what: string) {
  return {
    error: (issue: { code?: string; input?: unknown }) => {
      if (issue.code !== undefined && issue.code !== 'invalid_type') return undefined;
      return issue.input === undefined ? t('policyProblem.required') : t('policyProblem.type', [what, describe(issue.input)]);
    },
  };
}

function text(max: number) {
  return z.string(expected(t('policyProblem.want.string'))).max(max, t('policyProblem.maxChars', [String(max)]));
}

function wholeDays(min: number, max: number) {
  const message = t('policyProblem.daysRange', [String(min), String(max)]);
  return z.number(expected(t('policyProblem.want.days'))).int(message).min(min, message).max(max, message);
}

const days = wholeDays(1, MAX_DAYS);
const bool = z.boolean(expected(t('policyProblem.want.trueFalse')));

/** Attaches the messages of a semantic check to a string schema. */
function checkedText(max: number, check: (value: string) => string[]) {
  return text(max).superRefine((value, ctx) => {
    if (value.length > max) return;
    for (const message of check(value)) ctx.addIssue({ code: 'custom', message });
  });
}

const aclName = z
  .string(expected(t('policyProblem.want.aclName')))
  .max(100, t('policyProblem.maxChars', ['100']))
  .regex(ACL_NAME, t('policyProblem.aclName'));
const aclList = z.array(aclName, expected(t('policyProblem.want.aclList'))).max(1000, t('policyProblem.maxAcls', ['1000']));

function group<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, expected(t('policyProblem.want.object')));
}

const PresetSchema = group({
  id: z.string(expected(t('policyProblem.want.string'))).regex(PRESET_ID, t('policyProblem.presetId')),
  label: text(80).min(1, t('policyProblem.notEmpty')),
  description: text(500).optional(),
  acls: z
    .array(z.string(expected(t('policyProblem.want.aclName'))), expected(t('policyProblem.want.aclList')))
    .min(1, t('policyProblem.presetNoAcl'))
    .max(1000, t('policyProblem.maxAcls', ['1000'])),
  reasons: z.record(z.string(), text(500), expected(t('policyProblem.want.reasons'))).optional(),
  expiryDays: days.optional(),
});

const PolicyFileSchema = group({
  version: z
    .literal(1, {
      error: (issue) => t('policyProblem.version', [JSON.stringify(issue.input)]),
    })
    .optional(),
  name: text(100).optional(),
  enforcement: z.enum(['warn', 'block'], { error: (issue) => t('policyProblem.enforcement', [JSON.stringify(issue.input)]) }).optional(),
  naming: group({
    pattern: checkedText(1000, namingPatternProblems).optional(),
    template: checkedText(200, namingTemplateProblems).min(1, t('policyProblem.notEmpty')).optional(),
    hint: text(100).optional(),
  }).optional(),
  expiry: group({
    defaultDays: days.optional(),
    maxDays: days.optional(),
    allowNever: bool.optional(),
    warnDays: wholeDays(0, 365).optional(),
  }).optional(),
  rotation: group({ maxAgeDays: days.optional() }).optional(),
  privileges: group({ forbidden: aclList.optional(), risky: aclList.optional() }).optional(),
  requireIpAllowlist: bool.optional(),
  clipboardClearSeconds: z
    .number(expected(t('policyProblem.want.seconds')))
    .refine((value) => (CLIPBOARD_CLEAR_CHOICES as readonly number[]).includes(value), {
      message: t('policyProblem.clipboard', [CLIPBOARD_CLEAR_CHOICES.join(', ')]),
    })
    .optional(),
  presets: z.array(PresetSchema, expected(t('policyProblem.want.presetList'))).max(200, t('policyProblem.maxPresets', ['200'])).optional(),
  vault: group({
    address: checkedText(2048, vaultAddressProblems).optional(),
    mount: checkedText(200, vaultMountProblems).optional(),
    pathTemplate: checkedText(500, vaultPathTemplateProblems).min(1, t('policyProblem.notEmpty')).optional(),
  }).optional(),
}) satisfies z.ZodType<PolicyFile>;

// ---------------------------------------------------------------------------------
// Checking

type Segment = string | number;
interface RawProblem {
  path: Segment[];
  message: string;
}

/** Checks a parsed policy (a team file, the user's settings or managed values). */
export function checkPolicyFile(input: unknown, options: CheckOptions): PolicyCheck {
  const first = inspect(input, options.knownAcls);
  if (first.policy) return { ok: true, policy: first.policy, problems: [] };
  const problems = first.problems;
  if (!options.partial) return { ok: false, problems: problems.map(toProblem) };

  // Partial mode: leave out what is wrong and check the rest again. Leaving a field out
  // only removes constraints, so the second pass is clean; the loop is a safety net.
  let rest: unknown = isRecord(input) ? input : {};
  let current = first;
  for (let pass = 0; pass < 4 && !current.policy; pass++) {
    rest = withoutProblems(rest as Record<string, unknown>, current.problems);
    current = inspect(rest, options.knownAcls);
    for (const problem of current.problems) {
      if (!problems.some((p) => samePath(p.path, problem.path) && p.message === problem.message)) problems.push(problem);
    }
  }
  return { ok: true, policy: current.policy ?? {}, problems: sortProblems(problems).map(toProblem) };
}

/** Parses and checks the text of a policy file; a JSON syntax error is one problem at "$". */
export function parsePolicyText(text: string, options: CheckOptions): PolicyCheck {
  if (text.length > MAX_TEXT_LENGTH) {
    return { ok: false, problems: [{ path: '$', message: t('policyProblem.file.tooLarge', [String(MAX_TEXT_LENGTH / 1_000_000)]) }] };
  }
  let input: unknown;
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: t('policyProblem.file.notJson', [errorMessage(error)]) }] };
  }
  return checkPolicyFile(input, options);
}

/** Pretty JSON for export, fields in the documented order and `version: 1` first. */
export function serializePolicyFile(policy: PolicyFile): string {
  const source = policy as Record<string, unknown>;
  const out: Record<string, unknown> = { version: 1 };
  for (const key of POLICY_FILE_KEYS) {
    if (key === 'version' || source[key] === undefined) continue;
    const value = source[key];
    if (key in POLICY_GROUP_KEYS && isRecord(value)) out[key] = ordered(value, POLICY_GROUP_KEYS[key as keyof typeof POLICY_GROUP_KEYS]);
    else if (key === 'presets' && Array.isArray(value)) out[key] = value.map((preset) => (isRecord(preset) ? ordered(preset, PRESET_KEYS) : preset));
    else out[key] = value;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** Structure via zod, then the checks that look across fields. */
function inspect(input: unknown, knownAcls: ReadonlySet<string>): { policy: PolicyFile | null; problems: RawProblem[] } {
  if (!isRecord(input)) {
    return { policy: null, problems: [{ path: [], message: t('policyProblem.file.notObject', [describe(input)]) }] };
  }
  const problems: RawProblem[] = [];
  const parsed = PolicyFileSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path: [...path, key], message: unknownFieldMessage(key, knownKeysAt(path)) });
      } else {
        problems.push({ path, message: issue.message });
      }
    }
  }
  problems.push(...crossFieldProblems(input, knownAcls));
  const unique = problems.filter((p, i) => problems.findIndex((q) => samePath(q.path, p.path) && q.message === p.message) === i);
  if (unique.length || !parsed.success) return { policy: null, problems: sortProblems(unique) };
  return { policy: parsed.data, problems: [] };
}

function crossFieldProblems(input: Record<string, unknown>, knownAcls: ReadonlySet<string>): RawProblem[] {
  const problems: RawProblem[] = [];
  const expiry = isRecord(input.expiry) ? input.expiry : {};
  const maxDays = validDays(expiry.maxDays);
  const defaultDays = validDays(expiry.defaultDays);
  if (maxDays !== undefined && defaultDays !== undefined && defaultDays > maxDays) {
    problems.push({
      path: ['expiry', 'defaultDays'],
      message: t('policyProblem.defaultOverMax', [String(defaultDays), String(maxDays)]),
    });
  }

  const privileges = isRecord(input.privileges) ? input.privileges : {};
  for (const key of ['forbidden', 'risky'] as const) {
    problems.push(...duplicateProblems(privileges[key], ['privileges', key]));
  }

  if (!Array.isArray(input.presets)) return problems;
  const ids = new Map<string, number>();
  input.presets.forEach((preset: unknown, i) => {
    if (!isRecord(preset)) return;
    const at = (...rest: Segment[]): Segment[] => ['presets', i, ...rest];
    if (typeof preset.id === 'string') {
      const earlier = ids.get(preset.id);
      if (earlier !== undefined) problems.push({ path: at('id'), message: t('policyProblem.duplicatePreset', [preset.id, String(earlier)]) });
      else ids.set(preset.id, i);
    }
    const acls = Array.isArray(preset.acls) ? preset.acls : [];
    problems.push(...duplicateProblems(acls, at('acls')));
    acls.forEach((acl: unknown, j) => {
      if (typeof acl !== 'string') return;
      if (!ACL_NAME.test(acl)) {
        problems.push({ path: at('acls', j), message: t('policyProblem.aclName') });
      } else if (!knownAcls.has(acl)) {
        // A preset is a grant the user applies with one click: it must only name real privileges.
        const suggestion = closest(acl, knownAcls);
        problems.push({
          path: at('acls', j),
          message: suggestion ? t('policyProblem.unknownAclSuggest', [acl, suggestion]) : t('policyProblem.unknownAcl', [acl]),
        });
      }
    });
    if (isRecord(preset.reasons)) {
      for (const key of Object.keys(preset.reasons)) {
        if (!acls.includes(key)) problems.push({ path: at('reasons', key), message: t('policyProblem.strayReason', [key]) });
      }
    }
    const expiryDays = validDays(preset.expiryDays);
    if (expiryDays !== undefined && maxDays !== undefined && expiryDays > maxDays) {
      problems.push({ path: at('expiryDays'), message: t('policyProblem.presetOverMax', [String(expiryDays), String(maxDays)]) });
    }
  });
  return problems;
}

function duplicateProblems(list: unknown, path: Segment[]): RawProblem[] {
  if (!Array.isArray(list)) return [];
  const problems: RawProblem[] = [];
  const seen = new Map<unknown, number>();
  list.forEach((item: unknown, i) => {
    if (typeof item !== 'string') return;
    const earlier = seen.get(item);
    if (earlier !== undefined) problems.push({ path: [...path, i], message: t('policyProblem.duplicateAcl', [item, String(earlier)]) });
    else seen.set(item, i);
  });
  return problems;
}

function validDays(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DAYS ? value : undefined;
}

function knownKeysAt(path: Segment[]): readonly string[] {
  if (path.length === 0) return POLICY_FILE_KEYS;
  if (path[0] === 'presets') return PRESET_KEYS;
  return POLICY_GROUP_KEYS[path[0] as keyof typeof POLICY_GROUP_KEYS] ?? [];
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = closest(key, known);
  if (suggestion) return t('policyProblem.unknownFieldSuggest', [key, suggestion]);
  return t('policyProblem.unknownField', [key, known.join(', ')]);
}

/**
 * Partial mode's pruning: each problem removes the smallest unit that can stand alone —
 * one leaf of a group, one entry of a privilege list, one whole preset (half a preset
 * could grant something its author did not mean) — or the top-level field itself.
 */
function withoutProblems(input: Record<string, unknown>, problems: RawProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  const dropped = new Map<string, Set<Segment>>();
  const drop = (key: string, inner: Segment) => dropped.set(key, (dropped.get(key) ?? new Set()).add(inner));
  for (const { path } of problems) {
    const [top, second, third] = path;
    if (top === undefined) return {};
    const key = String(top);
    if (second === undefined || !(key in POLICY_GROUP_KEYS || key === 'presets')) delete out[key];
    else if (key === 'privileges' && third !== undefined) drop(`privileges.${String(second)}`, third);
    else drop(key, second);
  }
  for (const [key, inner] of dropped) {
    if (key.startsWith('privileges.')) {
      const listKey = key.slice('privileges.'.length);
      const privileges = out.privileges;
      if (!isRecord(privileges) || !Array.isArray(privileges[listKey])) continue;
      out.privileges = { ...privileges, [listKey]: (privileges[listKey] as unknown[]).filter((_, i) => !inner.has(i)) };
    } else if (key === 'presets') {
      if (Array.isArray(out.presets)) out.presets = out.presets.filter((_, i) => !inner.has(i));
    } else if (isRecord(out[key])) {
      const copy = { ...(out[key] as Record<string, unknown>) };
      for (const leaf of inner) delete copy[String(leaf)];
      out[key] = copy;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// Small helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function samePath(a: Segment[], b: Segment[]): boolean {
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

function sortProblems(problems: RawProblem[]): RawProblem[] {
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

function toProblem(problem: RawProblem): PolicyProblem {
  return { path: formatJsonPath(problem.path), message: problem.message };
}

/** The nearest candidate within edit distance 2, for "did you mean" hints. */
function closest(word: string, candidates: Iterable<string>): string | null {
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
