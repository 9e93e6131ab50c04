import { z } from 'zod';
import { t } from '../i18n';
import type { PolicyFile } from './policy-file';
import { aclEntryProblem } from './policy-acls';
import { namingTemplateProblems, parseTemplate } from './naming-template';
import { describe, isRecord, type RawProblem, type Segment } from './policy-problems';

/**
 * What a policy file may hold: its structure (zod, one message per problem, in the user's
 * language) and the checks that look across fields or need the ACL catalogue. The entry
 * points and the partial mode are in policy-file.ts.
 *
 * zod builds these messages when the module loads, so a change of language needs a fresh
 * copy of the module (policy-file.locale.test.ts does exactly that).
 *
 * The naming pattern's check is passed in: the full one (naming-pattern.ts, with the
 * backtracking analysers) weighs about a megabyte, so only the pages that check a file
 * before storing it load it (policy-file.ts); the background checks a stored pattern
 * against the record those pages keep (recorded-policy-check.ts).
 */

/** Auto-clear delays offered for the clipboard, in seconds; 0 = never (Bitwarden's choices). */
export const CLIPBOARD_CLEAR_CHOICES = [0, 10, 20, 30, 60, 120, 300] as const;
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

const PRESET_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const VAULT_MOUNT = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_DAYS = 3650;

// ---------------------------------------------------------------------------------
// Vault

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

// ACL names are checked against the catalogue with the other cross-field checks, which
// know it; here they only have to be strings of a sensible length.
const aclName = z.string(expected(t('policyProblem.want.aclName'))).max(100, t('policyProblem.maxChars', ['100']));
const aclList = z.array(aclName, expected(t('policyProblem.want.aclList'))).max(1000, t('policyProblem.maxAcls', ['1000']));

function group<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, expected(t('policyProblem.want.object')));
}

const PresetSchema = group({
  id: z.string(expected(t('policyProblem.want.string'))).regex(PRESET_ID, t('policyProblem.presetId')),
  label: text(80).min(1, t('policyProblem.notEmpty')),
  description: text(500).optional(),
  acls: aclList.min(1, t('policyProblem.presetNoAcl')),
  reasons: z.record(z.string(), text(500), expected(t('policyProblem.want.reasons'))).optional(),
  expiryDays: days.optional(),
});

/** What a naming pattern's check answers: its problems, empty when the pattern may be used. */
export type NamingPatternCheck = (source: string) => string[];

/** The schema of a policy file, with `namingPatternProblems` judging `naming.pattern`. */
export function policyFileSchema(namingPatternProblems: NamingPatternCheck) {
  return group({
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
}

// ---------------------------------------------------------------------------------
// Across fields

/** The checks zod cannot make alone: across fields, and against the ACL catalogue. */
export function crossFieldProblems(input: Record<string, unknown>, knownAcls: ReadonlySet<string>): RawProblem[] {
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

  // A privilege list switches rules on by name: an unknown name must not pass unseen.
  const privileges = isRecord(input.privileges) ? input.privileges : {};
  for (const key of ['forbidden', 'risky'] as const) {
    problems.push(...aclListProblems(privileges[key], ['privileges', key], knownAcls, 'privileges'));
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
    // A preset is a grant the user applies with one click: it must only name real privileges.
    const acls: unknown[] = Array.isArray(preset.acls) ? preset.acls : [];
    problems.push(...aclListProblems(acls, at('acls'), knownAcls, 'preset'));
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

/** Each name of an ACL list known (or a plugin's, where allowed) and listed once. */
function aclListProblems(list: unknown, path: Segment[], knownAcls: ReadonlySet<string>, kind: 'privileges' | 'preset'): RawProblem[] {
  if (!Array.isArray(list)) return [];
  const problems: RawProblem[] = [];
  const seen = new Map<unknown, number>();
  list.forEach((item: unknown, i) => {
    // Not a string: the schema says so.
    if (typeof item !== 'string') return;
    const earlier = seen.get(item);
    const message = earlier !== undefined ? t('policyProblem.duplicateAcl', [item, String(earlier)]) : aclEntryProblem(item, knownAcls, kind);
    if (message) problems.push({ path: [...path, i], message });
    if (earlier === undefined) seen.set(item, i);
  });
  return problems;
}

function validDays(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_DAYS ? value : undefined;
}
