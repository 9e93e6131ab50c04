import { describeAcl } from '../../utils/acl-catalog';
import { t } from '../../utils/i18n';
import type { RotateRequest } from '../../utils/messages';
import { policyViolations } from '../../utils/policy/enforce-policy';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import type { WhmClient } from '../../utils/whm/client';
import { WhmError } from '../../utils/whm/errors';
import { findToken, type Clock } from './fix-token';

/**
 * Step one of a rotation: create the replacement of `name` as the user set it in our
 * frame (its name, privileges and expiry; the dialog proposes them per the policy) with
 * the old token's IP allowlist, read afresh. The whole replacement is checked against the
 * policy before anything is created: in block mode what breaks it is refused, so one that
 * fits always goes through. The old token is left alone: it is revoked only after the user
 * has saved and tested the new one and confirmed, as a separate request.
 */
export async function createReplacement(client: WhmClient, policy: EffectivePolicy, name: string, replacement: RotateRequest['replacement'], clock: Clock) {
  const tokens = await client.listTokens();
  const old = findToken(tokens, name);
  if (tokens.some((token) => token.name === replacement.name)) throw new WhmError('whm', t('fix.nameTaken', [replacement.name]));
  const intent = { name: replacement.name, acls: [...new Set(replacement.acls)], expiresAt: replacement.expiresAt, whitelistIps: old.whitelistIps };
  const violations = policyViolations(intent, policy, new Date(clock() * 1000), describeAcl).map((v) => v.message);
  if (violations.length && policy.enforcement === 'block') {
    throw new WhmError('permission', t('background.policyDeniesReplacement', [violations.join(' ')]));
  }
  const created = await client.createToken(intent);
  return { old, token: created.token, secret: created.secret, warnings: violations };
}
