/**
 * The effective policy every feature reads, with the design's defaults
 * (design.md, "Team policy file"). How a policy is imported, validated and resolved
 * from its sources lives beside this file; features only ever see this shape.
 */

/** WHM's own warned ACLs (reference/whm.md §3): the default "risky" list. */
export const WHM_WARNED_ACLS = [
  'all',
  'cpanel-api',
  'create-user-session',
  'manage-api-tokens',
  'passwd',
  'edit-account',
  'limit-bandwidth',
  'quota',
  'clustering',
  'locale-edit',
  'allow-unlimited-disk-pkgs',
  'allow-unlimited-bw-pkgs',
] as const;

export interface Preset {
  id: string;
  label: string;
  description?: string;
  acls: string[];
  /** Why each ACL is in the preset (least privilege: every one must earn its place). */
  reasons?: Record<string, string>;
  expiryDays?: number;
}

export interface EffectivePolicy {
  version: 1;
  name: string | null;
  enforcement: 'warn' | 'block';
  naming: { pattern: string | null; template: string | null; hint: string | null };
  expiry: { defaultDays: number; maxDays: number; allowNever: boolean; warnDays: number };
  rotation: { maxAgeDays: number };
  privileges: { forbidden: string[]; risky: string[] };
  requireIpAllowlist: boolean;
  clipboardClearSeconds: number;
  presets: Preset[];
  vault: { address: string | null; mount: string; pathTemplate: string };
}

export const DEFAULT_POLICY: EffectivePolicy = Object.freeze({
  version: 1,
  name: null,
  enforcement: 'warn',
  // No convention unless a team sets one: the `naming` audit rule is silent without it.
  naming: { pattern: null, template: null, hint: null },
  expiry: { defaultDays: 90, maxDays: 365, allowNever: true, warnDays: 14 },
  rotation: { maxAgeDays: 90 },
  privileges: { forbidden: ['all'], risky: [...WHM_WARNED_ACLS] },
  requireIpAllowlist: false,
  clipboardClearSeconds: 30,
  presets: [],
  vault: { address: null, mount: 'secret', pathTemplate: 'whm/{host}/{name}' },
}) as EffectivePolicy;
