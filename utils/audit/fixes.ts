import { sameAllowlist } from '../ip-allowlist';
import type { TokenSpec } from '../whm/client';
import type { WhmToken } from '../whm/schemas';
import type { AuditRule } from './audit-tokens';

/**
 * The fixes a reseller can apply in place to one token, per finding (design.md's
 * Contract: `[data-fix=<kind>][data-token=<name>]`). Every fix but `rotate` and `revoke`
 * is one `api_token_update` that sends the token's complete state with one thing
 * changed; each is confirmed inside our own frame, then checked by listing again.
 */
export const FIX_KINDS = ['set-expiry', 'rename', 'restrict', 'allowlist', 'rotate', 'revoke'] as const;
export type FixKind = (typeof FIX_KINDS)[number];

/** What can be done about a finding, the gentlest first (revoke, which breaks scripts, last). */
const FIXES: Record<AuditRule, readonly FixKind[]> = {
  expired: ['revoke'],
  'expiring-soon': ['rotate'],
  'never-expires': ['set-expiry', 'rotate', 'revoke'],
  'rotation-due': ['rotate', 'revoke'],
  'full-access': ['restrict', 'rotate', 'revoke'],
  'risky-privileges': ['restrict', 'revoke'],
  'forbidden-privileges': ['restrict', 'revoke'],
  naming: ['rename', 'revoke'],
  'any-ip': ['allowlist'],
};

export function fixesFor(rule: AuditRule): readonly FixKind[] {
  return FIXES[rule];
}

/** The fixes that are one `api_token_update`, each with the one field it changes. */
export type FixChange =
  | { kind: 'set-expiry'; expiresAt: number }
  | { kind: 'rename'; newName: string }
  | { kind: 'restrict'; acls: string[] }
  | { kind: 'allowlist'; ips: string[] };
export type UpdateFixKind = FixChange['kind'];
export const UPDATE_FIX_KINDS: readonly UpdateFixKind[] = ['set-expiry', 'rename', 'restrict', 'allowlist'];

/** The field of the token's state a fix changes (enforce-policy.ts names fields the same way). */
export const FIX_FIELD: Record<UpdateFixKind, keyof TokenSpec> = {
  'set-expiry': 'expiresAt',
  rename: 'name',
  restrict: 'acls',
  allowlist: 'whitelistIps',
};

/**
 * What a token holds now, as WHM can be asked to grant it again: `all` when it literally
 * has `all` (root's full access), else the granted ACLs as listed. For a reseller's
 * full-access token that is every ACL it holds: it cannot send `all`, and WHM lists the
 * same token either way.
 */
export function currentAcls(token: WhmToken): string[] {
  return token.acls.includes('all') ? ['all'] : [...token.acls];
}

/**
 * The complete state to send for a fix: the token as WHM just listed it, with the one
 * field the user chose changed. WHM's docs say an omitted field resets, 11.120 keeps it
 * (reference/whm.md §2): only the whole state means the same to both.
 */
export function stateAfterFix(token: WhmToken, change: FixChange): TokenSpec {
  const now: TokenSpec = { name: token.name, acls: currentAcls(token), expiresAt: token.expiresAt, whitelistIps: [...token.whitelistIps] };
  switch (change.kind) {
    case 'set-expiry':
      return { ...now, expiresAt: change.expiresAt };
    case 'rename':
      return { ...now, name: change.newName };
    case 'restrict':
      return { ...now, acls: [...new Set(change.acls)] };
    case 'allowlist':
      return { ...now, whitelistIps: [...change.ips] };
  }
}

/**
 * The fields where the token WHM lists differs from the state that was asked for (empty
 * when it matches). WHM answers allowlists normalised, and for `all` every held ACL.
 */
export function mismatchedFields(asked: TokenSpec, listed: WhmToken): Array<keyof TokenSpec> {
  const out: Array<keyof TokenSpec> = [];
  if (listed.name !== asked.name) out.push('name');
  const sameAcls = asked.acls.includes('all')
    ? listed.acls.includes('all')
    : asked.acls.length === listed.acls.length && asked.acls.every((acl) => listed.acls.includes(acl));
  if (!sameAcls) out.push('acls');
  if (listed.expiresAt !== asked.expiresAt) out.push('expiresAt');
  if (!sameAllowlist(asked.whitelistIps, listed.whitelistIps)) out.push('whitelistIps');
  return out;
}
