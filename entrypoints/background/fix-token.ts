import { describeAcl } from '../../utils/acl-catalog';
import { FIX_FIELD, mismatchedFields, stateAfterFix, type FixChange } from '../../utils/audit/fixes';
import { t } from '../../utils/i18n';
import { checkAllowlist } from '../../utils/ip-allowlist';
import type { FixOutcome, PresetChoice, TokenPlan } from '../../utils/messages';
import { suggestConventionName, suggestReplacementName } from '../../utils/naming-suggest';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import { policyViolations } from '../../utils/policy/enforce-policy';
import { presetAvailability, presetsFor } from '../../utils/presets';
import type { WhmClient } from '../../utils/whm/client';
import { WhmError } from '../../utils/whm/errors';
import type { WhmToken } from '../../utils/whm/schemas';

/** WHM's clock once it has answered (client.serverTime), else the fallback. */
export type Clock = () => number;

/** The token called `name` in a list just read from WHM: never what a page showed earlier. */
export function findToken(tokens: readonly WhmToken[], name: string): WhmToken {
  const token = tokens.find((candidate) => candidate.name === name);
  if (!token) throw new WhmError('whm', t('background.tokenGone', [name]));
  return token;
}

/**
 * The presets a dialog or the Generate form offers, with the ACLs the user does not hold
 * marked. myprivs answers root (and any holder of `all`) with `all: 1` and every other
 * ACL 0; WHM's page reads that as the whole catalogue, and so do we (whm.md §2).
 */
export function presetChoices(policy: EffectivePolicy, held: readonly string[]): PresetChoice[] {
  const heldSet = new Set(held);
  const holdsAll = heldSet.has('all');
  const policyIds = new Set(policy.presets.map((p) => p.id));
  return presetsFor(policy).map((preset) => ({
    ...preset,
    missing: holdsAll ? [] : presetAvailability(preset, heldSet).missing,
    source: policyIds.has(preset.id) ? ('policy' as const) : ('built-in' as const),
  }));
}

/** What the fix and rotation dialogs show and offer for one token, read afresh. */
export async function tokenPlan(client: WhmClient, policy: EffectivePolicy, name: string, host: string, clock: Clock): Promise<TokenPlan> {
  const [tokens, held] = await Promise.all([client.listTokens(), client.myPrivileges()]);
  const token = findToken(tokens, name);
  const now = clock();
  const taken = new Set(tokens.map((candidate) => candidate.name));
  const context = { naming: policy.naming, host, taken };
  const presets = presetChoices(policy, held);
  const shown = new Set([...token.acls, ...presets.flatMap((p) => p.acls)]);
  return {
    // With its held ACLs: they are what tells a full-access token from a narrow one.
    token,
    now,
    presets,
    aclTitles: Object.fromEntries([...shown].map((acl) => [acl, describeAcl(acl)])),
    names: [...taken],
    suggested: {
      // A date in a convention name says when the token was made; a replacement is made today.
      rename: suggestConventionName(name, { ...context, date: new Date(token.createTime * 1000) }),
      replacement: suggestReplacementName(name, { ...context, date: new Date(now * 1000) }),
    },
  };
}

/**
 * One fix the user confirmed in our frame: the token as WHM lists it now, with that one
 * field changed, sent whole through api_token_update; then the list is read again and
 * compared with what was asked. Only the token named is ever sent. The policy is
 * enforced here, on the field the fix changes: block mode refuses a rename off the
 * pattern, privileges it forbids, an expiry beyond its maximum.
 */
export async function fixToken(client: WhmClient, policy: EffectivePolicy, name: string, requested: FixChange, clock: Clock): Promise<FixOutcome> {
  const tokens = await client.listTokens();
  const token = findToken(tokens, name);
  const change = checkedChange(requested, token, tokens);
  const asked = stateAfterFix(token, change);
  const field = FIX_FIELD[change.kind];
  const warnings = policyViolations(asked, policy, new Date(clock() * 1000), describeAcl)
    .filter((violation) => violation.field === field)
    .map((violation) => violation.message);
  if (warnings.length && policy.enforcement === 'block') throw new WhmError('permission', t('fix.policyDenies', [warnings.join(' ')]));

  let refused: string | undefined;
  try {
    await client.updateToken(token.name, asked);
  } catch (error) {
    // A lost session or network says nothing about the token: the frame shows it as an error.
    if (!(error instanceof WhmError) || error.kind === 'session' || error.kind === 'network') throw error;
    refused = error.message;
  }
  const listed = (await client.listTokens()).find((candidate) => candidate.name === asked.name) ?? null;
  // Not listed under the asked name: the rename (or the whole update) did not happen.
  const mismatched: FixOutcome['mismatched'] = listed ? mismatchedFields(asked, listed) : ['name'];
  return { asked, ...(refused ? { refused } : {}), listed, mismatched, warnings, ok: !refused && mismatched.length === 0 };
}

/** A change WHM could take as meant: a new free name, an explicit narrower grant, real addresses. */
function checkedChange(change: FixChange, token: WhmToken, tokens: readonly WhmToken[]): FixChange {
  switch (change.kind) {
    case 'rename':
      if (change.newName === token.name) throw new WhmError('whm', t('fix.sameName', [token.name]));
      if (tokens.some((other) => other.name === change.newName)) throw new WhmError('whm', t('fix.nameTaken', [change.newName]));
      return change;
    case 'restrict':
      // `all` is no restriction, whatever else is listed with it.
      if (change.acls.includes('all')) throw new WhmError('whm', t('fix.restrictToAll'));
      return change;
    case 'allowlist': {
      const check = checkAllowlist(change.ips.join(' '));
      if (check.invalid.length) throw new WhmError('whm', t('fix.badAddresses', [check.invalid.join(', ')]));
      return { kind: 'allowlist', ips: check.entries };
    }
    case 'set-expiry':
      return change;
  }
}
