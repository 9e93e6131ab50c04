import { defaultExpiryDate, endOfDayUnix } from '../../utils/expiry';
import { rotationName } from '../../utils/naming';
import { t } from '../../utils/i18n';
import { describeAcl } from '../../utils/acl-catalog';
import { policyViolations } from '../../utils/policy/enforce-policy';
import type { EffectivePolicy } from '../../utils/policy/defaults';
import type { WhmClient } from '../../utils/whm/client';
import { WhmError } from '../../utils/whm/errors';
import type { WhmToken } from '../../utils/whm/schemas';

/**
 * Step one of a rotation: create the replacement of `name` with the same privileges
 * and IP allowlist, an expiry per the policy and a new name (the team template, else
 * `<old>-r<yyyymmdd>`). The old token is left alone: it is revoked only after the user
 * has saved and tested the new one and confirmed, as a separate request.
 */
export async function createReplacement(client: WhmClient, policy: EffectivePolicy, name: string, now: number, host: string) {
  const tokens = await client.listTokens();
  const old = tokens.find((t) => t.name === name);
  if (!old) throw new WhmError('whm', t('background.tokenGone', [name]));
  const today = new Date(now * 1000);
  const expiresAt = endOfDayUnix(defaultExpiryDate(today, policy.expiry));
  const taken = new Set(tokens.map((t) => t.name));
  let newName = rotationName(old.name, today, policy.naming.template ? { template: policy.naming.template, host } : undefined);
  for (let n = 2; taken.has(newName) && n < 100; n++) newName = `${newName.slice(0, 47 - String(n).length)}-${n}`;
  const intent = { name: newName, acls: replacementAcls(old), expiresAt, whitelistIps: old.whitelistIps };
  const violations = policyViolations(intent, policy, today, describeAcl).map((v) => v.message);
  if (violations.length && policy.enforcement === 'block') {
    throw new WhmError('permission', t('background.policyDeniesReplacement', [violations.join(' ')]));
  }
  const created = await client.createToken(intent);
  return { old, token: created.token, secret: created.secret, warnings: violations };
}

/** A full-access token is replaced by `all` only when it literally had `all`; otherwise by the same explicit ACLs. */
function replacementAcls(old: WhmToken): string[] {
  return old.acls.includes('all') ? ['all'] : [...old.acls];
}
