import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPolicyFile, parsePolicyText, serializePolicyFile, type PolicyCheck, type PolicyFile } from './policy-file';

// A stand-in for the ACL catalogue, so these tests do not depend on it.
const knownAcls: ReadonlySet<string> = new Set([
  'all',
  'list-accts',
  'acct-summary',
  'create-acct',
  'suspend-acct',
  'kill-acct',
  'passwd',
  'show-bandwidth',
  'basic-system-info',
  'status',
]);

const check = (input: unknown) => checkPolicyFile(input, { knownAcls });
const problemsOf = (result: PolicyCheck) => result.problems.map((p) => `${p.path}: ${p.message}`);
const paths = (result: PolicyCheck) => result.problems.map((p) => p.path);

function expectValid(input: unknown): PolicyFile {
  const result = check(input);
  expect(problemsOf(result)).toEqual([]);
  if (!result.ok) throw new Error('unreachable');
  return result.policy;
}

function expectProblem(input: unknown, path: string, message?: RegExp) {
  const result = check(input);
  expect(result.ok).toBe(false);
  const found = result.problems.filter((p) => p.path === path);
  expect(found, problemsOf(result).join('\n')).not.toEqual([]);
  if (message) expect(found.map((p) => p.message).join('\n')).toMatch(message);
}

/** design.md's example, with its "…" placeholders replaced by real ACLs. */
const DESIGN_EXAMPLE = {
  version: 1,
  name: 'Acme hosting ops',
  enforcement: 'warn',
  naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' },
  expiry: { defaultDays: 90, maxDays: 365, allowNever: true, warnDays: 14 },
  rotation: { maxAgeDays: 90 },
  privileges: { forbidden: ['all'], risky: ['passwd', 'kill-acct'] },
  requireIpAllowlist: false,
  clipboardClearSeconds: 30,
  presets: [{ id: 'billing', label: 'Billing automation', acls: ['list-accts', 'acct-summary'], expiryDays: 90 }],
  vault: { address: 'https://vault.example.com:8200', mount: 'secret', pathTemplate: 'whm/{host}/{name}' },
};

describe('checkPolicyFile: whole file', () => {
  it("accepts the design's example policy unchanged", () => {
    expect(expectValid(DESIGN_EXAMPLE)).toEqual(DESIGN_EXAMPLE);
  });

  it('accepts an empty policy: every field is optional', () => {
    expect(expectValid({})).toEqual({});
  });

  it('refuses a top level that is not an object', () => {
    for (const input of [[], 'policy', 42, null, true]) {
      const result = check(input);
      expect(result.ok).toBe(false);
      expect(paths(result)).toEqual(['$']);
      expect(result.problems[0]!.message).toMatch(/must be a JSON object/);
    }
  });

  it('reports every problem with its path, not just the first', () => {
    const result = check({ enforcement: 'strict', expiry: { maxDays: 0 }, presets: [{ id: 'x', label: 'X', acls: ['list-acct'] }] });
    expect(result.ok).toBe(false);
    expect(paths(result).sort()).toEqual(['$.enforcement', '$.expiry.maxDays', '$.presets[0].acls[0]']);
  });

  it('reports unknown fields at every level, with a did-you-mean hint', () => {
    const result = check({ enforcment: 'block', expiry: { maxDay: 30 }, presets: [{ id: 'a', label: 'A', acls: ['status'], expiry: 3 }], wibble: 1 });
    expect(problemsOf(result)).toEqual([
      '$.enforcment: unknown field "enforcment" (did you mean "enforcement"?)',
      '$.expiry.maxDay: unknown field "maxDay" (did you mean "maxDays"?)',
      '$.presets[0].expiry: unknown field "expiry" (known fields here: id, label, description, acls, reasons, expiryDays)',
      expect.stringMatching(/^\$\.wibble: unknown field "wibble" \(known fields here: version, name/),
    ]);
  });

  it('writes paths of odd keys in bracket notation', () => {
    expectProblem({ 'my field': 1 }, "$['my field']", /unknown field/);
  });
});

describe('checkPolicyFile: top-level fields', () => {
  it('version must be 1', () => {
    expectValid({ version: 1 });
    expectProblem({ version: 2 }, '$.version', /^unsupported policy version 2; this Token Warden reads version 1$/);
    expectProblem({ version: '1' }, '$.version', /unsupported policy version "1"/);
  });

  it('name is a string of at most 100 characters', () => {
    expectValid({ name: 'x'.repeat(100) });
    expectProblem({ name: 'x'.repeat(101) }, '$.name', /at most 100 characters/);
    expectProblem({ name: 7 }, '$.name', /must be a string, not the number 7/);
  });

  it('enforcement is warn or block', () => {
    expectValid({ enforcement: 'warn' });
    expectValid({ enforcement: 'block' });
    expectProblem({ enforcement: 'Block' }, '$.enforcement', /must be "warn" or "block", not "Block"/);
  });

  it('requireIpAllowlist is a boolean', () => {
    expectValid({ requireIpAllowlist: true });
    expectProblem({ requireIpAllowlist: 'yes' }, '$.requireIpAllowlist', /true or false/);
  });

  it('clipboardClearSeconds is one of the offered choices', () => {
    for (const seconds of [0, 10, 20, 30, 60, 120, 300]) expectValid({ clipboardClearSeconds: seconds });
    expectProblem({ clipboardClearSeconds: 45 }, '$.clipboardClearSeconds', /one of 0, 10, 20, 30, 60, 120, 300/);
  });

  it('a group must be an object', () => {
    expectProblem({ expiry: 90 }, '$.expiry', /must be an object, not the number 90/);
    expectProblem({ naming: [] }, '$.naming', /must be an object, not a list/);
  });
});

describe('checkPolicyFile: expiry and rotation', () => {
  it('defaultDays and maxDays are whole days from 1 to 3650', () => {
    expectValid({ expiry: { defaultDays: 1, maxDays: 3650 } });
    expectProblem({ expiry: { defaultDays: 0 } }, '$.expiry.defaultDays', /whole number from 1 to 3650/);
    expectProblem({ expiry: { maxDays: 3651 } }, '$.expiry.maxDays', /whole number from 1 to 3650/);
    expectProblem({ expiry: { maxDays: 1.5 } }, '$.expiry.maxDays', /whole number/);
    expectProblem({ expiry: { maxDays: '30' } }, '$.expiry.maxDays', /must be a whole number \(days\), not a string/);
  });

  it('defaultDays may not exceed maxDays in the same file', () => {
    expectValid({ expiry: { defaultDays: 30, maxDays: 30 } });
    expectProblem({ expiry: { defaultDays: 90, maxDays: 30 } }, '$.expiry.defaultDays', /90 days.*maxDays: 30/);
  });

  it('warnDays is 0..365 and allowNever a boolean', () => {
    expectValid({ expiry: { warnDays: 0, allowNever: false } });
    expectProblem({ expiry: { warnDays: 366 } }, '$.expiry.warnDays', /0 to 365/);
    expectProblem({ expiry: { allowNever: 1 } }, '$.expiry.allowNever', /true or false/);
  });

  it('rotation.maxAgeDays is whole days from 1 to 3650', () => {
    expectValid({ rotation: { maxAgeDays: 180 } });
    expectProblem({ rotation: { maxAgeDays: -1 } }, '$.rotation.maxAgeDays', /1 to 3650/);
  });
});

describe('checkPolicyFile: privileges', () => {
  it('lists unique ACL names', () => {
    expectValid({ privileges: { forbidden: ['all', 'passwd'], risky: [] } });
    expectProblem({ privileges: { risky: ['passwd', 'passwd'] } }, '$.privileges.risky[1]', /duplicate ACL "passwd" \(already at index 0\)/);
    expectProblem({ privileges: { forbidden: ['List Accts'] } }, '$.privileges.forbidden[0]', /not an ACL name/);
    expectProblem({ privileges: { forbidden: 'all' } }, '$.privileges.forbidden', /must be a list of ACL names, not a string/);
    expectProblem({ privileges: { forbidden: [7] } }, '$.privileges.forbidden[0]', /must be an ACL name, not the number 7/);
  });

  it('refuses names the catalogue does not know, in both lists, with a did-you-mean: a typo must not switch a rule off', () => {
    for (const list of ['forbidden', 'risky']) {
      const result = check({ privileges: { [list]: ['al', 'paswd', 'status'] } });
      expect(problemsOf(result)).toEqual([
        `$.privileges.${list}[0]: unknown ACL "al" (did you mean "all"? An ACL of a WHM plugin is written "plugin:al")`,
        `$.privileges.${list}[1]: unknown ACL "paswd" (did you mean "passwd"? An ACL of a WHM plugin is written "plugin:paswd")`,
      ]);
    }
    expectProblem({ privileges: { forbidden: ['frobnicate-everything'] } }, '$.privileges.forbidden[0]', /^unknown ACL "frobnicate-everything": not a WHM privilege Token Warden knows \(an ACL of a WHM plugin is written "plugin:frobnicate-everything"\)$/);
  });

  it('takes an ACL outside the catalogue only as "plugin:<name>", and only there', () => {
    expectValid({ privileges: { forbidden: ['all', 'plugin:my-backup-acl'], risky: ['plugin:Vendor.Tool_x'] } });
    expectProblem({ privileges: { risky: ['plugin:passwd'] } }, '$.privileges.risky[0]', /"plugin:passwd" names an ACL Token Warden knows: write it "passwd"/);
    expectProblem({ privileges: { risky: ['plugin:'] } }, '$.privileges.risky[0]', /not a plugin ACL name/);
    expectProblem({ privileges: { risky: ['plugin:my acl'] } }, '$.privileges.risky[0]', /not a plugin ACL name/);
    expectProblem({ privileges: { forbidden: ['plugin:x', 'plugin:x'] } }, '$.privileges.forbidden[1]', /duplicate ACL "plugin:x"/);
    // A preset is a one-click grant: catalogue ACLs only, as before.
    expectProblem({ presets: [{ id: 'p', label: 'P', acls: ['plugin:my-backup-acl'] }] }, '$.presets[0].acls[0]', /a preset grants only ACLs Token Warden knows/);
  });

  it('partial mode drops only the unknown entry of a list', () => {
    const result = checkPolicyFile({ privileges: { forbidden: ['all', 'al', 'plugin:x'] } }, { knownAcls, partial: true });
    expect(result).toMatchObject({ ok: true, policy: { privileges: { forbidden: ['all', 'plugin:x'] } } });
    expect(paths(result)).toEqual(['$.privileges.forbidden[1]']);
  });
});

describe('checkPolicyFile: naming', () => {
  // The pattern's own checks are in naming-pattern.test.ts; here, that they reach the file's problems.
  it('reports a bad pattern at its path, and accepts the design’s example', () => {
    expectProblem({ naming: { pattern: '^(ops$' } }, '$.naming.pattern', /does not compile/);
    expectProblem({ naming: { pattern: '^(?:\\w*-?){8}X$' } }, '$.naming.pattern', /"\\\\w\*" inside "\(\?:\\\\w\*-\?\)\{8\}"/);
    expectValid({ naming: { pattern: DESIGN_EXAMPLE.naming.pattern } });
  });

  it('reports a bad template at its path (its checks: naming-template.test.ts)', () => {
    expectValid({ naming: { template: '{team}-{purpose}-{yyyymmdd}' } });
    expectProblem({ naming: { template: '{team}.{purpose}' } }, '$.naming.template', /contains "\.", which WHM refuses/);
    expectProblem({ naming: { template: '' } }, '$.naming.template', /must not be empty/);
  });

  it('the hint is at most 100 characters', () => {
    expectValid({ naming: { hint: 'team-purpose-YYYYMMDD' } });
    expectProblem({ naming: { hint: 'h'.repeat(101) } }, '$.naming.hint', /at most 100/);
  });
});

describe('checkPolicyFile: presets', () => {
  const preset = (extra: Record<string, unknown> = {}) => ({ id: 'billing', label: 'Billing', acls: ['list-accts'], ...extra });

  it('accepts a full preset', () => {
    expectValid({ presets: [preset({ description: 'd', reasons: { 'list-accts': 'to list accounts' }, expiryDays: 30 })] });
  });

  it('requires id, label and acls', () => {
    const result = check({ presets: [{}] });
    expect(problemsOf(result).sort()).toEqual(['$.presets[0].acls: is required', '$.presets[0].id: is required', '$.presets[0].label: is required']);
  });

  it('id has a fixed shape and is unique across the list', () => {
    expectProblem({ presets: [preset({ id: 'Billing' })] }, '$.presets[0].id', /lower-case/);
    expectProblem({ presets: [preset({ id: 'x'.repeat(41) })] }, '$.presets[0].id');
    expectProblem({ presets: [preset(), preset({ label: 'Other' })] }, '$.presets[1].id', /duplicate preset id "billing" \(already used by presets\[0\]\)/);
  });

  it('label is 1..80 characters and description at most 500', () => {
    expectProblem({ presets: [preset({ label: '' })] }, '$.presets[0].label', /must not be empty/);
    expectProblem({ presets: [preset({ label: 'l'.repeat(81) })] }, '$.presets[0].label', /at most 80/);
    expectProblem({ presets: [preset({ description: 'd'.repeat(501) })] }, '$.presets[0].description', /at most 500/);
  });

  it('acls are non-empty, unique and known, with a did-you-mean', () => {
    expectProblem({ presets: [preset({ acls: [] })] }, '$.presets[0].acls', /at least one ACL/);
    expectProblem({ presets: [preset({ acls: ['status', 'status'] })] }, '$.presets[0].acls[1]', /duplicate ACL "status"/);
    expectProblem({ presets: [preset({ acls: ['status', 'list-acct'] })] }, '$.presets[0].acls[1]', /^unknown ACL "list-acct" \(did you mean "list-accts"\?\)$/);
    expectProblem({ presets: [preset({ acls: ['frobnicate'] })] }, '$.presets[0].acls[0]', /unknown ACL "frobnicate": not a WHM privilege/);
    expectProblem({ presets: [preset({ acls: [5] })] }, '$.presets[0].acls[0]', /must be an ACL name, not the number 5/);
  });

  it('reasons only explain ACLs of the preset', () => {
    expectProblem({ presets: [preset({ reasons: { passwd: 'why' } })] }, "$.presets[0].reasons.passwd", /not one of this preset's ACLs/);
    expectProblem({ presets: [preset({ reasons: { 'kill-acct': 'why' } })] }, "$.presets[0].reasons['kill-acct']");
    expectProblem({ presets: [preset({ reasons: { 'list-accts': 3 } })] }, "$.presets[0].reasons['list-accts']", /must be a string/);
  });

  it('expiryDays is 1..3650 and within the file’s own maxDays', () => {
    expectProblem({ presets: [preset({ expiryDays: 0 })] }, '$.presets[0].expiryDays', /1 to 3650/);
    expectValid({ expiry: { maxDays: 30 }, presets: [preset({ expiryDays: 30 })] });
    expectProblem({ expiry: { maxDays: 30 }, presets: [preset({ expiryDays: 31 })] }, '$.presets[0].expiryDays', /31 days.*maxDays: 30/);
  });
});

describe('checkPolicyFile: vault', () => {
  it('address is an https origin (http only on the loopback)', () => {
    for (const address of ['https://vault.example.com:8200', 'https://vault.example.com/', 'http://localhost:8200', 'http://127.0.0.1:8200']) {
      expectValid({ vault: { address } });
    }
    expectProblem({ vault: { address: 'http://vault.example.com' } }, '$.vault.address', /must use https:/);
    expectProblem({ vault: { address: 'ftp://vault.example.com' } }, '$.vault.address', /must use https:, not ftp:/);
    expectProblem({ vault: { address: 'vault.example.com' } }, '$.vault.address', /absolute URL/);
    expectProblem({ vault: { address: 'https://vault.example.com/v1/secret' } }, '$.vault.address', /origin only, such as https:\/\/vault.example.com/);
    expectProblem({ vault: { address: 'https://vault.example.com/?x=1' } }, '$.vault.address', /origin only/);
    expectProblem({ vault: { address: 'https://u:p@vault.example.com' } }, '$.vault.address', /user name or password/);
  });

  it('mount is a slash-separated path without dot segments', () => {
    expectValid({ vault: { mount: 'kv/teams.ops' } });
    for (const mount of ['', '/secret', 'secret/', 'a//b', 'sec ret']) expectProblem({ vault: { mount } }, '$.vault.mount', /letters, digits/);
    expectProblem({ vault: { mount: 'secret/..' } }, '$.vault.mount', /"\." or "\.\."/);
  });

  it('pathTemplate is non-empty with only host, name, user and date placeholders', () => {
    expectValid({ vault: { pathTemplate: 'whm/{host}/{user}/{name}-{date}' } });
    expectProblem({ vault: { pathTemplate: '' } }, '$.vault.pathTemplate', /must not be empty/);
    expectProblem({ vault: { pathTemplate: 'whm/{server}/{name}' } }, '$.vault.pathTemplate', /unknown placeholder \{server\}/);
    expectProblem({ vault: { pathTemplate: 'whm/{host/{name}' } }, '$.vault.pathTemplate', /not closed/);
    expectProblem({ vault: { pathTemplate: '../{name}' } }, '$.vault.pathTemplate', /"\." or "\.\."/);
  });
});

describe('checkPolicyFile: partial mode (enterprise-managed values)', () => {
  const partial = (input: unknown) => checkPolicyFile(input, { knownAcls, partial: true });

  it('keeps the valid rest and reports what it dropped', () => {
    const result = partial({
      enforcement: 'block',
      enforcment: 'warn',
      expiry: { maxDays: 30, defaultDays: 90, warnDays: 7 },
      naming: { pattern: '^.+$', hint: 'anything' },
      privileges: { forbidden: ['all', 'Bad ACL', 'passwd'], risky: 'passwd' },
      presets: [
        { id: 'good', label: 'Good', acls: ['status'] },
        { id: 'bad', label: 'Bad', acls: ['status', 'nope-nope-nope'] },
      ],
      vault: { address: 'http://vault.example.com', mount: 'kv' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.policy).toEqual({
      enforcement: 'block',
      expiry: { maxDays: 30, warnDays: 7 },
      naming: { hint: 'anything' },
      privileges: { forbidden: ['all', 'passwd'] },
      presets: [{ id: 'good', label: 'Good', acls: ['status'] }],
      vault: { mount: 'kv' },
    });
    expect(paths(result).sort()).toEqual([
      '$.enforcment',
      '$.expiry.defaultDays',
      '$.naming.pattern',
      '$.presets[1].acls[1]',
      '$.privileges.forbidden[1]',
      '$.privileges.risky',
      '$.vault.address',
    ]);
  });

  it('returns an empty policy with the problem for a non-object', () => {
    const result = partial('nonsense');
    expect(result).toEqual({ ok: true, policy: {}, problems: [expect.objectContaining({ path: '$' })] });
  });

  it('returns a valid value unchanged with no problems', () => {
    expect(partial(DESIGN_EXAMPLE)).toEqual({ ok: true, policy: DESIGN_EXAMPLE, problems: [] });
  });

  it('strict mode refuses the same value outright', () => {
    expect(check({ enforcement: 'block', enforcment: 'warn' }).ok).toBe(false);
  });
});

describe('parsePolicyText and serializePolicyFile', () => {
  it('reports a JSON syntax error as one problem at $', () => {
    const result = parsePolicyText('{ "version": 1, }', { knownAcls });
    expect(result.ok).toBe(false);
    expect(paths(result)).toEqual(['$']);
    expect(result.problems[0]!.message).toMatch(/^not valid JSON: /);
  });

  it('parses a file (even with a byte-order mark) and checks it', () => {
    const result = parsePolicyText(`\uFEFF${JSON.stringify(DESIGN_EXAMPLE)}`, { knownAcls });
    expect(result).toEqual({ ok: true, policy: DESIGN_EXAMPLE, problems: [] });
    expect(paths(parsePolicyText('{"version":3}', { knownAcls }))).toEqual(['$.version']);
  });

  it('serializes with version 1 first in the documented order, and round-trips', () => {
    const text = serializePolicyFile({ vault: { pathTemplate: 'p/{name}', mount: 'kv' }, enforcement: 'block', presets: [{ acls: ['status'], label: 'S', id: 's' }] });
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "enforcement": "block",',
        '  "presets": [',
        '    {',
        '      "id": "s",',
        '      "label": "S",',
        '      "acls": [',
        '        "status"',
        '      ]',
        '    }',
        '  ],',
        '  "vault": {',
        '    "mount": "kv",',
        '    "pathTemplate": "p/{name}"',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    expect(parsePolicyText(serializePolicyFile(DESIGN_EXAMPLE as PolicyFile), { knownAcls })).toEqual({ ok: true, policy: DESIGN_EXAMPLE, problems: [] });
  });
});

describe('checkPolicyFile: untrusted input', () => {
  it('never throws, and partial mode always yields a policy that passes the strict check', () => {
    const leaf = fc.oneof(fc.constantFrom(1, 0, 30, 90, 4000, 1.5, -1, '', 'x', 'all', 'status', '^[a-z]+$', '.*', true, null), fc.jsonValue({ maxDepth: 1 }));
    const group = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys, 'typo'), leaf, { maxKeys: 4 });
    const preset = fc.dictionary(fc.constantFrom('id', 'label', 'acls', 'reasons', 'expiryDays', 'expiry'), fc.oneof(leaf, fc.array(fc.constantFrom('status', 'all', 'nope', 'Bad', 'status')), fc.dictionary(fc.constantFrom('status', 'all', '__proto__'), leaf)));
    const policy = fc.record(
      {
        version: leaf,
        enforcement: fc.oneof(leaf, fc.constantFrom('warn', 'block')),
        naming: group(['pattern', 'template', 'hint']),
        expiry: group(['defaultDays', 'maxDays', 'allowNever', 'warnDays']),
        privileges: fc.dictionary(fc.constantFrom('forbidden', 'risky'), fc.oneof(leaf, fc.array(fc.constantFrom('all', 'passwd', 'Bad', 'all')))),
        presets: fc.oneof(leaf, fc.array(preset, { maxLength: 3 })),
        vault: group(['address', 'mount', 'pathTemplate']),
        junk: leaf,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(policy, fc.jsonValue()), (input) => {
        const strict = check(input);
        const partial = checkPolicyFile(input, { knownAcls, partial: true });
        expect(partial.ok).toBe(true);
        if (!partial.ok) return;
        expect(check(partial.policy)).toEqual({ ok: true, policy: partial.policy, problems: [] });
        // Partial mode reports at least what the strict check reports.
        expect(partial.problems.length).toBeGreaterThanOrEqual(strict.problems.length);
        for (const problem of [...strict.problems, ...partial.problems]) expect(problem.path).toMatch(/^\$/);
      }),
      { numRuns: 500 },
    );
  });

  it('a "__proto__" key is just an unknown field', () => {
    const input = JSON.parse('{"__proto__": {"enforcement": "warn"}, "presets": [{"id": "a", "label": "A", "acls": ["status"], "reasons": {"__proto__": "x"}}]}') as unknown;
    expect(paths(check(input)).sort()).toEqual(["$.__proto__", "$.presets[0].reasons.__proto__"]);
  });
});
