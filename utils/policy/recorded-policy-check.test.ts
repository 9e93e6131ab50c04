import { describe, expect, it } from 'vitest';
import { KNOWN_ACLS } from '../acl-catalog';
import { checkPolicyFile } from './policy-file';
import { recordedPolicyCheck } from './recorded-policy-check';
import { englishMessage } from '../../tests/setup/english-messages';

const knownAcls = KNOWN_ACLS;
const PATTERN = '^(ops|billing)-[a-z0-9-]+-\\d{8}$';
const NOT_CHECKED = englishMessage('policyProblem_pattern_notChecked');

describe('the background’s check: the naming pattern from the record, the rest as the full check', () => {
  it('refuses to run a pattern no page recorded: left out and reported, the rest of the layer kept', () => {
    const check = recordedPolicyCheck(new Set())({ version: 1, enforcement: 'block', naming: { pattern: PATTERN, hint: 'team-purpose' } }, { knownAcls });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.policy.naming?.pattern).toBeUndefined();
    expect(check.policy).toMatchObject({ enforcement: 'block', naming: { hint: 'team-purpose' } });
    expect(check.problems).toEqual([{ path: '$.naming.pattern', message: NOT_CHECKED }]);
  });

  it('accepts a pattern recorded by its exact source', () => {
    const check = recordedPolicyCheck(new Set([PATTERN]))({ version: 1, naming: { pattern: PATTERN } }, { knownAcls });
    expect(check).toEqual({ ok: true, policy: { version: 1, naming: { pattern: PATTERN } }, problems: [] });
    // One character off is another pattern, never checked.
    const other = recordedPolicyCheck(new Set([PATTERN]))({ naming: { pattern: `${PATTERN} ` } }, { knownAcls });
    expect(other.ok && other.policy.naming?.pattern).toBe(undefined);
  });

  it('leaves out an unchecked managed pattern and keeps the managed rest (partial mode)', () => {
    const check = recordedPolicyCheck(new Set())({ naming: { pattern: PATTERN }, expiry: { maxDays: 30, warnDays: -1 } }, { knownAcls, partial: true });
    expect(check.ok && check.policy).toEqual({ naming: {}, expiry: { maxDays: 30 } });
    expect(check.problems.map((p) => p.path)).toEqual(['$.naming.pattern', '$.expiry.warnDays']);
  });

  it('makes every other check the full one makes, with the same problems', () => {
    const broken = [
      { version: 2, enforcment: 'block', expiry: { defaultDays: 400, maxDays: 365 }, privileges: { forbidden: ['all', 'all', 'nope'] } },
      { naming: { pattern: 5, template: '}{' } },
      { presets: [{ id: 'a', label: '', acls: ['list-acct'] }, { id: 'a', label: 'B', acls: [] }] },
      { vault: { address: 'http://vault.example.com/x', mount: '../a', pathTemplate: '{nope}' } },
      [],
    ];
    for (const input of broken) {
      for (const partial of [false, true]) {
        expect(recordedPolicyCheck(new Set())(input, { knownAcls, partial })).toEqual(checkPolicyFile(input, { knownAcls, partial }));
      }
    }
  });
});
