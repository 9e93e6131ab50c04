import { t } from '../i18n';
import { namingPatternOf } from './checked-patterns';
import { checkPolicyAgainst, type CheckOptions, type PolicyCheck } from './policy-check';
import { policyFileSchema } from './policy-schema';

/**
 * The background's check of a stored or managed policy: every check the full one makes
 * (policy-file.ts) except the naming pattern's analysis, which is taken from the record
 * the options page keeps (checked-patterns.ts says why that record can be trusted).
 *
 * A naming pattern that is not recorded is never run: it is left out, with the problem
 * "not checked yet — open the options page", and the rest of its layer still applies. Left
 * out rather than refusing the whole layer: after an update (a new checker version) or a
 * first install with managed values, every pattern is unrecorded until the options page
 * opens, and dropping the team file or the managed values for that would switch off
 * forbidden privileges, expiry limits and enforcement along with the naming rule. Leaving
 * a pattern out only ever loosens the naming rule, and only until that page is opened.
 * (Chrome could run the analysers in an offscreen document instead; that document is the
 * clipboard clearer's, and one per extension is allowed, so the page that stores patterns
 * checks them.)
 */
export function recordedPolicyCheck(checkedPatterns: ReadonlySet<string>): (input: unknown, options: CheckOptions) => PolicyCheck {
  const notChecked = () => t('policyProblem.pattern.notChecked');
  // The schema still refuses an unrecorded pattern, so one can never slip past the
  // leaving-out below; built once per record, in the language of the moment.
  const schema = policyFileSchema((source) => (checkedPatterns.has(source) ? [] : [notChecked()]));
  return (input, options) => {
    const pattern = namingPatternOf(input);
    if (pattern === undefined || checkedPatterns.has(pattern)) return checkPolicyAgainst(schema, input, options);
    const { naming, ...rest } = input as { naming: Record<string, unknown> };
    const { pattern: _unchecked, ...otherNaming } = naming;
    const check = checkPolicyAgainst(schema, { ...rest, naming: otherNaming }, options);
    return { ...check, problems: [{ path: '$.naming.pattern', message: notChecked() }, ...check.problems] };
  };
}
