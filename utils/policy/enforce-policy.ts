/**
 * The background's policy enforcement point: before any create, update or rotation goes
 * to WHM, the complete intended state of the token is checked here. The form runs the
 * same checks to show them early, but only this one is authoritative, because a content
 * script on a WHM page is the less trusted side.
 */
import { checkExpiry } from '../expiry';
import { t } from '../i18n';
import { checkTokenName } from '../naming';
import type { EffectivePolicy } from './defaults';
import { tokenAclName } from './policy-acls';

export interface TokenIntent {
  name: string;
  acls: readonly string[];
  expiresAt: number | null;
  whitelistIps: readonly string[];
}

export interface PolicyViolation {
  field: 'name' | 'acls' | 'expiresAt' | 'whitelistIps';
  message: string;
}

/**
 * Everything about a token WHM would be asked to create or update that the policy
 * forbids. `describeAcl` names an ACL in messages (the background passes the
 * catalogue's "Title (acl)"; the content script, which keeps the catalogue out of its
 * bundle, passes titles it was sent).
 */
export function policyViolations(
  intent: TokenIntent,
  policy: EffectivePolicy,
  now: Date,
  describeAcl: (acl: string) => string = (acl) => acl,
): PolicyViolation[] {
  const violations: PolicyViolation[] = [];

  for (const message of checkTokenName(intent.name, policy.naming).problems) violations.push({ field: 'name', message });

  if (intent.acls.length === 0) {
    // WHM reads an omitted ACL list as full access, so "nothing" would mean "everything".
    violations.push({ field: 'acls', message: t('enforce.noAcl') });
  }

  // "plugin:x" in the policy forbids the ACL the form and WHM call "x".
  const forbidden = [...new Set(policy.privileges.forbidden.map(tokenAclName))];
  const acls = new Set(intent.acls);
  if (acls.has('all')) {
    // `all` grants every ACL the owner holds, so it carries every forbidden one with it.
    if (forbidden.length > 0) {
      const others = forbidden.filter((acl) => acl !== 'all');
      const message = forbidden.includes('all')
        ? t('enforce.allForbidden')
        : t('enforce.allIncludesForbidden', [others.map(describeAcl).join(', ')]);
      violations.push({ field: 'acls', message });
    }
  } else {
    const granted = forbidden.filter((acl) => acls.has(acl));
    if (granted.length > 0) {
      violations.push({ field: 'acls', message: t('enforce.forbidden', [granted.map(describeAcl).join(', ')]) });
    }
  }

  for (const message of checkExpiry(intent.expiresAt, now, policy.expiry).problems) violations.push({ field: 'expiresAt', message });

  if (policy.requireIpAllowlist && !intent.whitelistIps.some((ip) => ip.trim() !== '')) {
    violations.push({
      field: 'whitelistIps',
      message: t('enforce.needAllowlist'),
    });
  }

  return violations;
}
