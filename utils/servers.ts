import { hostPermissionFor } from './whm/session';

/**
 * Which WHM servers Token Warden works on, by exact origin — scheme, host and port
 * (`https://whm.example.com:2087`). A host permission covers a host on every port (match
 * patterns cannot name a port in Firefox), so the permission alone would let any other
 * service on that host, on a path that looks like WHM's, get our page script, the
 * background's session calls and a stored snapshot. The enabled list decides instead.
 *
 * The one approved HashiCorp Vault origin lives apart: it is never a WHM server, never
 * gets a page script, and its host permission is its own.
 */
export const ENABLED_KEY = 'tw:enabledServers';
export const VAULT_ORIGIN_KEY = 'tw:vaultOrigin';
/** Before exact origins: host patterns the user had switched off. Read once, by the migration. */
export const LEGACY_DISABLED_KEY = 'tw:disabledOrigins';

interface LocalArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string | string[]): Promise<void>;
}

/** `https://host:port` as the browser writes it, or null for anything that is not http(s). */
export function exactOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : null;
  } catch {
    return null;
  }
}

export async function enabledServers(local: LocalArea): Promise<Set<string>> {
  const list = (await local.get(ENABLED_KEY))[ENABLED_KEY];
  return new Set(Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : []);
}

export async function setServerEnabled(local: LocalArea, origin: string, on: boolean): Promise<void> {
  const list = await enabledServers(local);
  if (on) list.add(origin);
  else list.delete(origin);
  await local.set({ [ENABLED_KEY]: [...list].sort() });
}

export async function approvedVaultOrigin(local: LocalArea): Promise<string | null> {
  const origin = (await local.get(VAULT_ORIGIN_KEY))[VAULT_ORIGIN_KEY];
  return typeof origin === 'string' ? origin : null;
}

/**
 * Whether the host permission behind `origin` can be given back: not while another
 * enabled server, or the approved Vault, lives on the same host.
 */
export function hostStillNeeded(origin: string, enabled: ReadonlySet<string>, vaultOrigin: string | null): boolean {
  const pattern = hostPermissionFor(origin);
  const others = [...enabled, ...(vaultOrigin ? [vaultOrigin] : [])].filter((o) => o !== origin);
  return others.some((o) => hostPermissionFor(o) === pattern);
}

/**
 * Before exact origins, enabling a server granted its host on every port. The migration
 * keeps what the user had, as narrowly as we can tell: every origin of that host the
 * extension actually audited (its snapshots), else WHM's default port for the scheme
 * (2087 for TLS, 2086 for plain HTTP). A host the user had switched off stays off.
 */
export function migrateEnablements(input: { grantedPatterns: readonly string[]; disabledPatterns: ReadonlySet<string>; seenOrigins: readonly string[] }): string[] {
  const enabled = new Set<string>();
  for (const pattern of input.grantedPatterns) {
    const m = /^(https?):\/\/([^/*:]+)\/\*$/.exec(pattern);
    if (!m || input.disabledPatterns.has(pattern)) continue;
    const seen = input.seenOrigins.filter((origin) => hostPermissionFor(origin) === pattern);
    if (seen.length) seen.forEach((origin) => enabled.add(origin));
    else enabled.add(`${m[1]}://${m[2]}:${m[1] === 'https' ? 2087 : 2086}`);
  }
  return [...enabled].sort();
}
