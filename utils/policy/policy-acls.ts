import { t } from '../i18n';
import { closest } from './policy-problems';

/**
 * ACL names in a policy. `privileges.forbidden` and `privileges.risky` switch audit rules
 * and enforcement on by name, so a misspelt name would switch them off without a word
 * (`"al"` forbids nothing): every name must be one the ACL catalogue knows. An ACL the
 * catalogue does not know (a plugin's, or one a newer WHM added) is written with the
 * `plugin:` prefix, `"plugin:my-backup-acl"`, which says the author means a name outside
 * the catalogue. A preset grants what it lists with one click, so it names catalogue ACLs
 * only, as before.
 */
export const PLUGIN_ACL_PREFIX = 'plugin:';

// The catalogue's names (reference/whm.md §3) are lower-case; a plugin picks its own, so
// only what cannot be an ACL key (spaces, punctuation, nothing) is refused after the prefix.
const ACL_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const PLUGIN_ACL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The ACL a policy entry stands for, as a token's ACL map names it: "plugin:x" → "x". */
export function tokenAclName(entry: string): string {
  return entry.startsWith(PLUGIN_ACL_PREFIX) ? entry.slice(PLUGIN_ACL_PREFIX.length) : entry;
}

/** Why one entry of a privilege list (`list: 'privileges'`) or a preset's ACLs cannot be used; null when it can. */
export function aclEntryProblem(entry: string, knownAcls: ReadonlySet<string>, list: 'privileges' | 'preset'): string | null {
  if (entry.startsWith(PLUGIN_ACL_PREFIX)) {
    const name = tokenAclName(entry);
    if (list === 'preset') return t('policyProblem.pluginInPreset', [entry]);
    if (!PLUGIN_ACL_NAME.test(name)) return t('policyProblem.pluginAclName');
    // One spelling per ACL, so that a duplicate or a removal is plain to see.
    if (knownAcls.has(name)) return t('policyProblem.pluginKnown', [entry, name]);
    return null;
  }
  if (!ACL_NAME.test(entry)) return t('policyProblem.aclName');
  if (knownAcls.has(entry)) return null;
  const suggestion = closest(entry, knownAcls);
  if (list === 'preset') return suggestion ? t('policyProblem.unknownAclSuggest', [entry, suggestion]) : t('policyProblem.unknownAcl', [entry]);
  const plugin = PLUGIN_ACL_PREFIX + entry;
  return suggestion ? t('policyProblem.unknownPrivilegeSuggest', [entry, suggestion, plugin]) : t('policyProblem.unknownPrivilege', [entry, plugin]);
}
