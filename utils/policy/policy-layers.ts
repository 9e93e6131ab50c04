import { KNOWN_ACLS } from '../acl-catalog';
import type { CheckOptions, PolicyCheck } from './policy-check';
import type { PolicyFile, PolicyProblem } from './policy-file';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';
import { TEAM_POLICY_KEY, USER_SETTINGS_KEY } from './storage-keys';

/**
 * Where the policy layers live, and how they are read. The team file and the user's own
 * settings are in `storage.local`; enterprise values come from `storage.managed` (Chrome
 * policy or Firefox policies.json). The storage API and the check are passed in: the
 * options page checks with the full checker (policy-storage.ts), the background with the
 * one that trusts the options page's record of checked naming patterns
 * (recorded-policy-check.ts), and tests with either.
 */
export interface StoredTeamPolicy {
  file: PolicyFile;
  fileName: string;
  importedAt: number;
}

interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
}
export interface PolicyStorage {
  local: StorageArea;
  managed?: StorageArea;
}

export interface LoadedPolicy extends ResolvedPolicy {
  team: StoredTeamPolicy | null;
  user: PolicyFile | null;
  managed: PolicyFile | null;
  /** Problems found in stored or managed values; those values were not applied. */
  problems: Array<PolicyProblem & { layer: 'managed' | 'team' | 'user' }>;
}

export type PolicyLayerCheck = (input: unknown, options: CheckOptions) => PolicyCheck;

/**
 * Reads and re-checks every layer, then resolves them. Stored layers were checked when
 * saved, but storage is not trusted twice over: a layer that no longer validates is
 * left out and reported. Managed values are checked field by field, so one bad value
 * from an administrator does not void the rest of the enterprise policy.
 */
export async function loadPolicyLayers(storage: PolicyStorage, check: PolicyLayerCheck): Promise<LoadedPolicy> {
  const problems: LoadedPolicy['problems'] = [];
  const report = (layer: 'managed' | 'team' | 'user', found: PolicyProblem[]) => problems.push(...found.map((p) => ({ ...p, layer })));
  const stored = await storage.local.get([TEAM_POLICY_KEY, USER_SETTINGS_KEY]);

  let team: StoredTeamPolicy | null = null;
  const rawTeam = stored[TEAM_POLICY_KEY] as StoredTeamPolicy | undefined;
  if (rawTeam && typeof rawTeam === 'object') {
    const result = check(rawTeam.file, { knownAcls: KNOWN_ACLS });
    if (result.ok) team = { file: result.policy, fileName: String(rawTeam.fileName ?? ''), importedAt: Number(rawTeam.importedAt ?? 0) };
    report('team', result.problems);
  }

  let user: PolicyFile | null = null;
  const rawUser = stored[USER_SETTINGS_KEY];
  if (rawUser !== undefined) {
    const result = check(rawUser, { knownAcls: KNOWN_ACLS });
    if (result.ok) user = result.policy;
    report('user', result.problems);
  }

  let managed: PolicyFile | null = null;
  try {
    const raw = (await storage.managed?.get(null)) ?? {};
    if (Object.keys(raw).length) {
      const result = check(raw, { knownAcls: KNOWN_ACLS, partial: true });
      if (result.ok) managed = result.policy;
      report('managed', result.problems);
    }
  } catch {
    // No managed storage (e.g. Firefox without policies.json): nothing is enforced by an admin.
  }

  return { ...resolvePolicy({ managed, team: team?.file ?? null, user }), team, user, managed, problems };
}
