import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_ACLS } from '../../utils/acl-catalog';
import { parsePolicyText } from '../../utils/policy/policy-file';
import { resolvePolicy } from '../../utils/policy/resolve-policy';
import { DEFAULT_POLICY } from '../../utils/policy/defaults';
import { policyWeakenings } from '../../utils/policy/weakenings';

/** The example docs/policy-format.md points newcomers to must stay a file Token Warden accepts. */
const EXAMPLE = resolve(import.meta.dirname, '../../examples/team.token-policy.json');

describe('examples/team.token-policy.json', () => {
  const check = parsePolicyText(readFileSync(EXAMPLE, 'utf8'), { knownAcls: KNOWN_ACLS });

  it('parses with no problems', () => {
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('sets every top-level field but the Vault target, so it shows the whole format', () => {
    if (!check.ok) throw new Error('not ok');
    expect(Object.keys(check.policy).sort()).toEqual(
      ['version', 'name', 'enforcement', 'naming', 'expiry', 'rotation', 'privileges', 'requireIpAllowlist', 'clipboardClearSeconds', 'presets'].sort(),
    );
  });

  it('only tightens the defaults, so importing it asks no question', () => {
    if (!check.ok) throw new Error('not ok');
    expect(policyWeakenings(DEFAULT_POLICY, resolvePolicy({ team: check.policy }).policy)).toEqual([]);
  });
});
