import { t } from '../i18n';
import type { PolicyFile } from './policy-file';
import { crossFieldProblems, POLICY_FILE_KEYS, POLICY_GROUP_KEYS, PRESET_KEYS, type policyFileSchema } from './policy-schema';
import {
  describe,
  isRecord,
  samePath,
  sortProblems,
  toProblem,
  unknownFieldMessage,
  type PolicyProblem,
  type RawProblem,
  type Segment,
} from './policy-problems';

/**
 * How a policy is checked against a schema: structure via zod, then the checks across
 * fields, every problem with its path, and the partial mode for managed values. The
 * schema is passed in because two exist — the full one for the pages that check a file
 * before storing it (policy-file.ts), and the background's, which takes a stored naming
 * pattern's verdict from the record those pages keep (recorded-policy-check.ts) — and
 * this module must load in the background without the pattern analysers.
 */

/**
 * The outcome of a check. In strict mode `ok: true` comes with no problems, except the
 * background's for a naming pattern it left out as not yet checked; in partial mode it
 * may come with the problems of the fields that were left out.
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

export type PolicySchema = ReturnType<typeof policyFileSchema>;

/** Checks a parsed policy (a team file, the user's settings or managed values) against `schema`. */
export function checkPolicyAgainst(schema: PolicySchema, input: unknown, options: CheckOptions): PolicyCheck {
  const first = inspect(schema, input, options.knownAcls);
  if (first.policy) return { ok: true, policy: first.policy, problems: [] };
  const problems = first.problems;
  if (!options.partial) return { ok: false, problems: problems.map(toProblem) };

  // Partial mode: leave out what is wrong and check the rest again. Leaving a field out
  // only removes constraints, so the second pass is clean; the loop is a safety net.
  let rest: unknown = isRecord(input) ? input : {};
  let current = first;
  for (let pass = 0; pass < 4 && !current.policy; pass++) {
    rest = withoutProblems(rest as Record<string, unknown>, current.problems);
    current = inspect(schema, rest, options.knownAcls);
    for (const problem of current.problems) {
      if (!problems.some((p) => samePath(p.path, problem.path) && p.message === problem.message)) problems.push(problem);
    }
  }
  return { ok: true, policy: current.policy ?? {}, problems: sortProblems(problems).map(toProblem) };
}

/** Structure via zod, then the checks that look across fields. */
function inspect(schema: PolicySchema, input: unknown, knownAcls: ReadonlySet<string>): { policy: PolicyFile | null; problems: RawProblem[] } {
  if (!isRecord(input)) {
    return { policy: null, problems: [{ path: [], message: t('policyProblem.file.notObject', [describe(input)]) }] };
  }
  const problems: RawProblem[] = [];
  const parsed = schema.safeParse(input);
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
