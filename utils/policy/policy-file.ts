import type { Preset } from './defaults';
import { t } from '../i18n';
import { crossFieldProblems, PolicyFileSchema } from './policy-schema';
import {
  describe,
  errorMessage,
  isRecord,
  samePath,
  sortProblems,
  toProblem,
  unknownFieldMessage,
  type PolicyProblem,
  type RawProblem,
  type Segment,
} from './policy-problems';

export { CLIPBOARD_CLEAR_CHOICES } from './policy-schema';
export type { PolicyProblem } from './policy-problems';

/**
 * The team policy file (`*.token-policy.json`, design.md "Team policy file") and the
 * enterprise-managed values, which have the same shape. Every field is optional: a
 * layer only says what it wants to decide, the rest comes from the layers below
 * (resolve-policy.ts). This module holds the entry points; what a file may contain is
 * policy-schema.ts (with naming-pattern.ts, naming-template.ts and policy-acls.ts), and
 * how problems are told is policy-problems.ts.
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

/**
 * The outcome of a check. In strict mode `ok: true` always comes with no problems; in
 * partial mode it may come with the problems of the fields that were left out.
 */
export type PolicyCheck =
  | { ok: true; policy: PolicyFile; problems: PolicyProblem[] }
  | { ok: false; problems: PolicyProblem[] };

export interface CheckOptions {
  /** The ACL catalogue's names, which presets and privilege lists may use; passed in so this module stays independent of it. */
  knownAcls: ReadonlySet<string>;
  /**
   * Partial mode, for enterprise-managed values: drop every invalid field instead of
   * refusing the whole thing, and return the valid rest together with the problems.
   * An administrator's one bad value must not void the rest of the enterprise policy.
   */
  partial?: boolean;
}

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

/** A policy file is a few kilobytes; refusing huge input keeps parsing cheap. */
const MAX_TEXT_LENGTH = 1_000_000;

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

function knownKeysAt(path: Segment[]): readonly string[] {
  if (path.length === 0) return POLICY_FILE_KEYS;
  if (path[0] === 'presets') return PRESET_KEYS;
  return POLICY_GROUP_KEYS[path[0] as keyof typeof POLICY_GROUP_KEYS] ?? [];
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
