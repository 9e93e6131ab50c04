import { DEFAULT_POLICY, type EffectivePolicy, type Preset } from './defaults';
import type { PolicyFile } from './policy-file';
import { t } from '../i18n';

/**
 * The effective policy: enterprise-managed ▸ team file ▸ the user's own settings ▸
 * defaults, decided leaf by leaf so a team file that only sets a naming pattern still
 * leaves the user's expiry choices in force. Each leaf remembers where it came from,
 * which the options page shows and uses to lock what an administrator decided.
 */
export type PolicySource = 'managed' | 'team' | 'user' | 'default';

/** Every setting a layer can decide, as dotted paths into PolicyFile / EffectivePolicy. */
export const POLICY_FIELDS = [
  'name',
  'enforcement',
  'naming.pattern',
  'naming.template',
  'naming.hint',
  'expiry.defaultDays',
  'expiry.maxDays',
  'expiry.allowNever',
  'expiry.warnDays',
  'rotation.maxAgeDays',
  'privileges.forbidden',
  'privileges.risky',
  'requireIpAllowlist',
  'clipboardClearSeconds',
  'presets',
  'vault.address',
  'vault.mount',
  'vault.pathTemplate',
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

export interface ResolvedPolicy {
  policy: EffectivePolicy;
  sources: Record<PolicyField, PolicySource>;
  /** Plain-language notes about adjustments made while merging (shown, never silent). */
  notes: string[];
}

export interface PolicyLayers {
  managed?: PolicyFile | null;
  team?: PolicyFile | null;
  user?: PolicyFile | null;
}

/** Who set a value, as the subject of a note ("your administrator sets a maximum …"). */
const setBy = (source: PolicySource): string =>
  ({
    managed: () => t('policyNote.by.managed'),
    team: () => t('policyNote.by.team'),
    user: () => t('policyNote.by.user'),
    default: () => t('policyNote.by.default'),
  })[source]();

export function resolvePolicy(layers: PolicyLayers): ResolvedPolicy {
  const ordered: Array<[PolicySource, PolicyFile]> = [];
  if (layers.managed) ordered.push(['managed', layers.managed]);
  if (layers.team) ordered.push(['team', layers.team]);
  if (layers.user) ordered.push(['user', layers.user]);

  const policy = copyJson(DEFAULT_POLICY);
  const sources = {} as Record<PolicyField, PolicySource>;
  const notes: string[] = [];

  for (const field of POLICY_FIELDS) {
    if (field === 'presets') continue;
    sources[field] = 'default';
    for (const [source, file] of ordered) {
      const value = readField(file, field);
      if (value === undefined) continue;
      setEffective(policy, field, copyJson(value));
      sources[field] = source;
      break;
    }
  }

  const resolvedPresets = resolvePresets(layers);
  policy.presets = resolvedPresets.presets;
  sources.presets = resolvedPresets.source;

  // Layers are checked one by one, so together they can disagree (say, an administrator
  // caps maxDays at 30 while the user's default is 90). The maximum is the rule; the
  // default gives way, visibly.
  const { maxDays } = policy.expiry;
  if (policy.expiry.defaultDays > maxDays) {
    notes.push(t('policyNote.defaultLowered', [String(policy.expiry.defaultDays), String(maxDays), setBy(sources['expiry.maxDays'])]));
    policy.expiry.defaultDays = maxDays;
  }
  for (const preset of policy.presets) {
    if (preset.expiryDays !== undefined && preset.expiryDays > maxDays) {
      notes.push(t('policyNote.presetLowered', [preset.label, String(preset.expiryDays), String(maxDays), setBy(sources['expiry.maxDays'])]));
      preset.expiryDays = maxDays;
    }
  }

  return { policy, sources, notes };
}

/**
 * Presets are a list, not a leaf: an administrator's list replaces everything (and is
 * locked); otherwise the team's presets come first and the user's own follow, so a
 * user can add presets but not shadow a team preset by reusing its id.
 */
function resolvePresets(layers: PolicyLayers): { presets: Preset[]; source: PolicySource } {
  const managed = layers.managed?.presets;
  if (managed !== undefined) return { presets: copyJson(managed), source: 'managed' };
  const team = layers.team?.presets ?? [];
  const user = layers.user?.presets ?? [];
  const presets: Preset[] = [];
  const seen = new Set<string>();
  for (const preset of [...team, ...user]) {
    if (seen.has(preset.id)) continue;
    seen.add(preset.id);
    presets.push(copyJson(preset));
  }
  return { presets, source: team.length ? 'team' : user.length ? 'user' : 'default' };
}

/** True when an administrator decided the field: the options page shows it read-only. */
export function isLocked(resolved: ResolvedPolicy, field: PolicyField): boolean {
  return resolved.sources[field] === 'managed';
}

/** The value a layer sets for a field, or undefined when it leaves the field to the layers below. */
export function readField(file: PolicyFile, field: PolicyField): unknown {
  const [top, leaf] = field.split('.') as [string, string | undefined];
  const value = (file as Record<string, unknown>)[top];
  if (leaf === undefined) return value;
  return isRecord(value) ? value[leaf] : undefined;
}

/**
 * A copy of `file` with `field` set to `value`; `undefined` removes the field (and a
 * group left empty), handing the decision back to the layers below. The value is not
 * checked here: callers run checkPolicyFile before storing the result.
 */
export function writeField(file: PolicyFile, field: PolicyField, value: unknown): PolicyFile {
  const [top, leaf] = field.split('.') as [string, string | undefined];
  const next: Record<string, unknown> = { ...file };
  if (leaf === undefined) {
    if (value === undefined) delete next[top];
    else next[top] = value;
    return next as PolicyFile;
  }
  const current = next[top];
  const group: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  if (value === undefined) delete group[leaf];
  else group[leaf] = value;
  if (Object.keys(group).length) next[top] = group;
  else delete next[top];
  return next as PolicyFile;
}

function setEffective(policy: EffectivePolicy, field: PolicyField, value: unknown): void {
  const [top, leaf] = field.split('.') as [string, string | undefined];
  const target = policy as unknown as Record<string, unknown>;
  if (leaf === undefined) target[top] = value;
  else (target[top] as Record<string, unknown>)[leaf] = value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Policies are plain JSON data; copies keep the layers (and the frozen defaults) untouched. */
function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => copyJson(item)) as T;
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = copyJson(item);
    return out as T;
  }
  return value;
}
