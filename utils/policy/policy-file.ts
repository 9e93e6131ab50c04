import type { Preset } from './defaults';
import { t } from '../i18n';
import { namingPatternProblems } from './naming-pattern';
import { checkPolicyAgainst, type CheckOptions, type PolicyCheck } from './policy-check';
import { policyFileSchema, POLICY_FILE_KEYS, POLICY_GROUP_KEYS, PRESET_KEYS } from './policy-schema';
import { errorMessage, isRecord } from './policy-problems';

export { CLIPBOARD_CLEAR_CHOICES, POLICY_FILE_KEYS, POLICY_GROUP_KEYS, PRESET_KEYS } from './policy-schema';
export type { PolicyProblem } from './policy-problems';
export type { CheckOptions, PolicyCheck } from './policy-check';

/**
 * The team policy file (`*.token-policy.json`, design.md "Team policy file") and the
 * enterprise-managed values, which have the same shape. Every field is optional: a
 * layer only says what it wants to decide, the rest comes from the layers below
 * (resolve-policy.ts). This module holds the entry points of the full check, for the pages
 * that check a file before storing it; what a file may contain is policy-schema.ts (with
 * naming-pattern.ts, naming-template.ts and policy-acls.ts), how a check runs is
 * policy-check.ts, and how problems are told is policy-problems.ts.
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

// Built when the module loads, in the language of the moment (policy-schema.ts says why).
const FULL_SCHEMA = policyFileSchema(namingPatternProblems);

/** A policy file is a few kilobytes; refusing huge input keeps parsing cheap. */
const MAX_TEXT_LENGTH = 1_000_000;

/** Checks a parsed policy (a team file, the user's settings or managed values), naming pattern analysis included. */
export function checkPolicyFile(input: unknown, options: CheckOptions): PolicyCheck {
  return checkPolicyAgainst(FULL_SCHEMA, input, options);
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
