import { KNOWN_ACLS } from '../acl-catalog';
import { checkPolicyFile, type PolicyFile, type PolicyProblem } from './policy-file';
import { resolvePolicy, type ResolvedPolicy } from './resolve-policy';
import { TEAM_POLICY_KEY, USER_SETTINGS_KEY } from './storage-keys';

/**
 * Where the policy layers live. The team file and the user's own settings are in
 * `storage.local`; enterprise values come from `storage.managed` (Chrome policy or
 * Firefox policies.json). The storage API is passed in, so the same code serves the
 * background, the options page and tests.
 */
export { TEAM_POLICY_KEY, USER_SETTINGS_KEY };

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

/**
 * Reads and re-checks every layer, then resolves them. Stored layers were checked when
 * saved, but storage is not trusted twice over: a layer that no longer validates is
 * left out and reported. Managed values are checked field by field, so one bad value
 * from an administrator does not void the rest of the enterprise policy.
 */
export async function loadPolicy(storage: PolicyStorage): Promise<LoadedPolicy> {
  const problems: LoadedPolicy['problems'] = [];
  const stored = await storage.local.get([TEAM_POLICY_KEY, USER_SETTINGS_KEY]);

  let team: StoredTeamPolicy | null = null;
  const rawTeam = stored[TEAM_POLICY_KEY] as StoredTeamPolicy | undefined;
  if (rawTeam && typeof rawTeam === 'object') {
    const check = checkPolicyFile(rawTeam.file, { knownAcls: KNOWN_ACLS });
    if (check.ok) team = { file: check.policy, fileName: String(rawTeam.fileName ?? ''), importedAt: Number(rawTeam.importedAt ?? 0) };
    else problems.push(...check.problems.map((p) => ({ ...p, layer: 'team' as const })));
  }

  let user: PolicyFile | null = null;
  const rawUser = stored[USER_SETTINGS_KEY];
  if (rawUser !== undefined) {
    const check = checkPolicyFile(rawUser, { knownAcls: KNOWN_ACLS });
    if (check.ok) user = check.policy;
    else problems.push(...check.problems.map((p) => ({ ...p, layer: 'user' as const })));
  }

  let managed: PolicyFile | null = null;
  try {
    const raw = (await storage.managed?.get(null)) ?? {};
    if (Object.keys(raw).length) {
      const check = checkPolicyFile(raw, { knownAcls: KNOWN_ACLS, partial: true });
      if (check.ok) managed = check.policy;
      problems.push(...check.problems.map((p) => ({ ...p, layer: 'managed' as const })));
    }
  } catch {
    // No managed storage (e.g. Firefox without policies.json): nothing is enforced by an admin.
  }

  return { ...resolvePolicy({ managed, team: team?.file ?? null, user }), team, user, managed, problems };
}
