// The simulator's in-memory WHM: users, their accounts and their API tokens.
// Plain arrays and objects (no Map/Set) so a test can JSON.stringify the whole state and
// check that no plaintext secret is kept anywhere.
import { createHash, randomInt } from 'node:crypto';
import { CATALOG_ACL_NAMES } from './acl-catalog.ts';

export interface SimUser {
  user: string;
  pass: string;
  /** root holds every ACL. */
  root: boolean;
  /** ACLs a reseller holds (ignored for root). Containing `all` makes it root-equivalent. */
  acls: string[];
}

export interface SimAccount {
  user: string;
  domain: string;
  owner: string;
  email: string;
  plan: string;
  ip: string;
  suspended: 0 | 1;
  suspendreason: string;
  unix_startdate: number;
  diskused: string;
  disklimit: string;
  theme: string;
}

export interface StoredToken {
  owner: string;
  name: string;
  /** sha512 hex of the secret: the plaintext is never stored. */
  secretHash: string;
  /** Full access (acl omitted or `all`): follows whatever the owner holds. */
  fullAccess: boolean;
  /**
   * Full access by omission: created without any `acl` (implies fullAccess). WHM 11.120
   * then answers update/get_details without an `acls` key; a token made with `acl=all`
   * keeps `acls: ["all"]`.
   */
  implicitFullAccess: boolean;
  /** Granted ACLs when not full access (empty when fullAccess). */
  acls: string[];
  createTime: number;
  /** Unix seconds, null = never. */
  expiresAt: number | null;
  /**
   * WHM keeps `expires_at` as the form sent it, so it can come back as a numeric string
   * (whm.md §2, [11.120]). When true the API answers `"1796299200"` instead of 1796299200.
   */
  expiresAtAsString?: boolean;
  /** Normalised allowlist entries, null = any address. */
  whitelistIps: string[] | null;
}

export interface SimState {
  users: SimUser[];
  accounts: SimAccount[];
  tokens: StoredToken[];
}

/** WHM's pseudo-ACL that its UI drops from the list. */
export const PSEUDO_ACLS = new Set(['demo']);

export function findUser(state: SimState, user: string): SimUser | undefined {
  return state.users.find((u) => u.user === user);
}

export function holdsEverything(user: SimUser): boolean {
  return user.root || user.acls.includes('all');
}

/** The ACLs a user currently holds: every catalogue ACL (and `all`) for root. */
export function heldAcls(user: SimUser): string[] {
  if (holdsEverything(user)) return [...CATALOG_ACL_NAMES];
  return [...new Set(user.acls)].filter((a) => !PSEUDO_ACLS.has(a));
}

/** A token's effective privileges: the owner's current ACLs ∩ the token's ACLs. */
export function tokenEffectiveAcls(owner: SimUser, token: StoredToken): string[] {
  const held = heldAcls(owner);
  if (token.fullAccess) return held;
  if (held.includes('all')) return [...token.acls];
  return held.filter((a) => token.acls.includes(a));
}

export function hasAcl(effective: readonly string[], acl: string): boolean {
  return effective.includes('all') || effective.includes(acl);
}

export function hashSecret(secret: string): string {
  return createHash('sha512').update(secret, 'utf8').digest('hex');
}

const SECRET_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const SECRET_PATTERN = /^[0-9A-Z]{32}$/;

/** A new token secret: 32 characters of [0-9A-Z] from the CSPRNG, no prefix. */
export function generateSecret(): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return out;
}

export function isExpired(token: StoredToken, now: number): boolean {
  return token.expiresAt !== null && token.expiresAt <= now;
}
