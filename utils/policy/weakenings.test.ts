import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, WHM_WARNED_ACLS, type EffectivePolicy } from './defaults';
import type { PolicyFile } from './policy-file';
import { resolvePolicy } from './resolve-policy';
import { describePolicyValue, policyAfterImport, policyWeakenings, WEAKENING_IDS, type Weakening } from './weakenings';
import { LOOSE_TEAM_FILE, STRICT_TEAM_FILE } from './weakenings.fixtures';

/** The policy a layer stack resolves to, the way the options page and the background resolve it. */
const effective = (team: PolicyFile | null, more: { managed?: PolicyFile; user?: PolicyFile } = {}): EffectivePolicy =>
  resolvePolicy({ managed: more.managed ?? null, team, user: more.user ?? null }).policy;

/** The strict team file with a Vault destination, so that changing it can be shown too. */
const STRICT: PolicyFile = {
  ...STRICT_TEAM_FILE,
  vault: { address: 'https://vault.example.com:8200', mount: 'secret', pathTemplate: 'whm/{host}/{name}' },
};
const strict = effective(STRICT);

/** The weakenings of importing `file` over the strict team file. */
const over = (file: PolicyFile) => policyWeakenings(strict, effective({ ...STRICT, ...file }));
const ids = (list: Weakening[]) => list.map((w) => w.id);

/**
 * One change to the strict file, and the one weakening it makes — the five
 * (enforcement to warn, clipboard clearing at 0, an empty forbidden list, never-expiring
 * tokens allowed, a new Vault address) first, then every other kind.
 */
const ONE_CHANGE: Array<{ change: PolicyFile; weakening: Weakening }> = [
  {
    change: { enforcement: 'warn' },
    weakening: {
      id: 'enforcement-warn',
      field: 'enforcement',
      before: 'block',
      after: 'warn',
      message: 'Saving is no longer held when a token breaks the policy: the policy only warns.',
    },
  },
  {
    change: { clipboardClearSeconds: 0 },
    weakening: {
      id: 'clipboard-never-cleared',
      field: 'clipboardClearSeconds',
      before: 20,
      after: 0,
      message: 'The clipboard is never cleared after a copy: a copied secret stays there.',
    },
  },
  {
    change: { privileges: { forbidden: [], risky: [...WHM_WARNED_ACLS] } },
    weakening: {
      id: 'forbidden-removed',
      field: 'privileges.forbidden',
      before: ['all', 'passwd', 'create-user-session'],
      after: [],
      message: 'These privileges are no longer forbidden: all, passwd and create-user-session.',
    },
  },
  {
    change: { expiry: { ...STRICT.expiry, allowNever: true } },
    weakening: { id: 'expiry-never-allowed', field: 'expiry.allowNever', before: false, after: true, message: 'Tokens that never expire are allowed.' },
  },
  {
    change: { vault: { ...STRICT.vault, address: 'https://vault.elsewhere.example' } },
    weakening: {
      id: 'vault-address-changed',
      field: 'vault.address',
      before: 'https://vault.example.com:8200',
      after: 'https://vault.elsewhere.example',
      message: 'Secrets pushed to Vault will go to a new address: https://vault.elsewhere.example.',
    },
  },
  {
    change: { clipboardClearSeconds: 120 },
    weakening: {
      id: 'clipboard-cleared-later',
      field: 'clipboardClearSeconds',
      before: 20,
      after: 120,
      message: 'A copied secret stays on the clipboard longer: 2 minutes instead of 20 seconds.',
    },
  },
  {
    change: { privileges: { forbidden: ['all', 'passwd', 'create-user-session'], risky: WHM_WARNED_ACLS.filter((acl) => acl !== 'quota') } },
    weakening: {
      id: 'risky-removed',
      field: 'privileges.risky',
      before: [...WHM_WARNED_ACLS],
      after: WHM_WARNED_ACLS.filter((acl) => acl !== 'quota'),
      message: 'This privilege is no longer flagged as risky: quota.',
    },
  },
  {
    change: { expiry: { ...STRICT.expiry, maxDays: 365 } },
    weakening: { id: 'expiry-max-raised', field: 'expiry.maxDays', before: 90, after: 365, message: 'Tokens may live longer: up to 365 days instead of 90 days.' },
  },
  {
    change: { expiry: { ...STRICT.expiry, defaultDays: 60 } },
    weakening: { id: 'expiry-default-raised', field: 'expiry.defaultDays', before: 30, after: 60, message: 'New tokens get a longer default lifetime: 60 days instead of 30 days.' },
  },
  {
    change: { expiry: { ...STRICT.expiry, warnDays: 1 } },
    weakening: { id: 'expiry-warn-later', field: 'expiry.warnDays', before: 30, after: 1, message: 'Expiring tokens are flagged later: 1 day before expiry instead of 30 days.' },
  },
  {
    change: { rotation: { maxAgeDays: 180 } },
    weakening: { id: 'rotation-age-raised', field: 'rotation.maxAgeDays', before: 60, after: 180, message: 'Tokens are due for rotation later: after 180 days instead of 60 days.' },
  },
  {
    change: { requireIpAllowlist: false },
    weakening: {
      id: 'ip-allowlist-not-required',
      field: 'requireIpAllowlist',
      before: true,
      after: false,
      message: 'Tokens no longer need an IP allowlist: they may be used from any address.',
    },
  },
  {
    change: { naming: { hint: 'anything' } },
    weakening: {
      id: 'naming-pattern-removed',
      field: 'naming.pattern',
      before: STRICT_TEAM_FILE.naming.pattern,
      after: null,
      message: 'The naming convention is dropped: any name WHM accepts passes.',
    },
  },
  {
    // Whether one pattern admits more names than another is not decided: a replaced one is reported.
    change: { naming: { pattern: '^[a-z]+$' } },
    weakening: {
      id: 'naming-pattern-changed',
      field: 'naming.pattern',
      before: STRICT_TEAM_FILE.naming.pattern,
      after: '^[a-z]+$',
      message: 'The naming convention is replaced: names are checked against a different pattern.',
    },
  },
  {
    change: { vault: { ...STRICT.vault, mount: 'kv' } },
    weakening: { id: 'vault-mount-changed', field: 'vault.mount', before: 'secret', after: 'kv', message: 'Secrets pushed to Vault will go to a different mount: kv.' },
  },
  {
    change: { vault: { ...STRICT.vault, pathTemplate: 'shared/{name}' } },
    weakening: {
      id: 'vault-path-changed',
      field: 'vault.pathTemplate',
      before: 'whm/{host}/{name}',
      after: 'shared/{name}',
      message: 'Secrets pushed to Vault will be written under a different path: shared/{name}.',
    },
  },
];

describe('policyWeakenings: each weakening', () => {
  it.each(ONE_CHANGE.map((row) => ({ ...row, id: row.weakening.id })))('$id', ({ change, weakening }) => {
    expect(over(change)).toEqual([weakening]);
  });

  it('every kind of weakening has its case above', () => {
    expect(ONE_CHANGE.map((row) => row.weakening.id).sort()).toEqual([...WEAKENING_IDS].sort());
  });

  it('a shorter clipboard delay is stricter; from "never", any delay is an improvement', () => {
    expect(over({ clipboardClearSeconds: 10 })).toEqual([]);
    expect(policyWeakenings(effective({ clipboardClearSeconds: 0 }), effective({ clipboardClearSeconds: 300 }))).toEqual([]);
  });

  it('a forbidden list that loses some privileges names each one, in the singular for one', () => {
    expect(over({ privileges: { forbidden: ['all'], risky: [...WHM_WARNED_ACLS] } })).toEqual([
      expect.objectContaining({ after: ['all'], message: 'These privileges are no longer forbidden: passwd and create-user-session.' }),
    ]);
    expect(over({ privileges: { forbidden: ['all', 'passwd'], risky: [...WHM_WARNED_ACLS] } })[0]?.message).toBe(
      'This privilege is no longer forbidden: create-user-session.',
    );
  });

  it('a privilege list that only grows, or is reordered, weakens nothing', () => {
    expect(over({ privileges: { forbidden: ['create-user-session', 'all', 'passwd', 'quota'], risky: [...WHM_WARNED_ACLS].reverse() } })).toEqual([]);
  });

  it('a naming pattern where there was none only adds a rule', () => {
    expect(policyWeakenings(DEFAULT_POLICY, effective({ naming: { pattern: '^ops-[a-z]+$' } }))).toEqual([]);
  });

  it('a first Vault address asks too; removing the address weakens nothing', () => {
    expect(ids(policyWeakenings(DEFAULT_POLICY, effective({ vault: { address: 'https://vault.example.com:8200' } })))).toEqual(['vault-address-changed']);
    // Without an address nothing is pushed at all.
    expect(over({ vault: { mount: 'secret' } })).toEqual([]);
  });

  it('a new Vault mount or path asks only when there is an address to push to', () => {
    expect(policyWeakenings(DEFAULT_POLICY, effective({ vault: { mount: 'kv', pathTemplate: 'x/{name}' } }))).toEqual([]);
  });

  it('lists everything a loose file weakens, in the options page’s order', () => {
    const loose: PolicyFile = { ...LOOSE_TEAM_FILE, vault: { ...LOOSE_TEAM_FILE.vault, mount: 'kv', pathTemplate: '{name}' } };
    // All of them but the two that are alternatives to what this file does: it drops the
    // naming pattern rather than replacing it, and never clears rather than clearing later.
    expect(ids(policyWeakenings(strict, effective(loose)))).toEqual(
      WEAKENING_IDS.filter((id) => id !== 'naming-pattern-changed' && id !== 'clipboard-cleared-later'),
    );
  });
});

describe('policyWeakenings: nothing weaker', () => {
  it('the same policy, or one stricter everywhere, weakens nothing', () => {
    expect(policyWeakenings(strict, strict)).toEqual([]);
    expect(policyWeakenings(DEFAULT_POLICY, DEFAULT_POLICY)).toEqual([]);
    const stricter = effective({
      ...STRICT,
      expiry: { defaultDays: 7, maxDays: 30, allowNever: false, warnDays: 45 },
      rotation: { maxAgeDays: 30 },
      privileges: { forbidden: ['all', 'passwd', 'create-user-session', 'quota'], risky: [...WHM_WARNED_ACLS, 'list-accts'] },
      clipboardClearSeconds: 10,
    });
    expect(policyWeakenings(strict, stricter)).toEqual([]);
  });

  it('a first strict team file over the defaults imports without asking', () => {
    expect(policyWeakenings(DEFAULT_POLICY, effective(STRICT_TEAM_FILE))).toEqual([]);
  });

  it('settings that are not controls (name, hint, template, presets) are not weakenings', () => {
    expect(
      over({ name: 'Renamed', naming: { ...STRICT.naming, hint: 'other', template: 'ops-{purpose}' }, presets: [{ id: 'p', label: 'P', acls: ['list-accts'] }] }),
    ).toEqual([]);
  });

  it('a default lifetime capped by a lower maximum is compared as it is in force', () => {
    // The user's 90-day default is already lowered to the team's 30-day maximum; a file
    // that keeps the maximum at 30 cannot raise it, whatever default it asks for.
    const user: PolicyFile = { expiry: { defaultDays: 90 } };
    const current = effective({ expiry: { maxDays: 30 } }, { user });
    expect(policyWeakenings(current, effective({ expiry: { maxDays: 30 } }, { user }))).toEqual([]);
  });
});

describe('policyWeakenings: managed values mask a weakening', () => {
  it('what an administrator locked cannot be weakened by a file, so it is not reported', () => {
    const managed: PolicyFile = { enforcement: 'block', expiry: { maxDays: 30, allowNever: false }, clipboardClearSeconds: 20 };
    const current = effective({ expiry: { warnDays: 14 } }, { managed });
    const next = policyAfterImport({ managed, user: null }, { enforcement: 'warn', expiry: { maxDays: 365, allowNever: true }, clipboardClearSeconds: 0 });
    expect(next.enforcement).toBe('block');
    expect(policyWeakenings(current, next)).toEqual([]);
    // What the administrator left open is still reported.
    const alsoWarnDays = policyAfterImport({ managed, user: null }, { enforcement: 'warn', expiry: { maxDays: 365, warnDays: 7 } });
    expect(ids(policyWeakenings(current, alsoWarnDays))).toEqual(['expiry-warn-later']);
  });

  it('a managed Vault address stays the destination whatever the file says', () => {
    const managed: PolicyFile = { vault: { address: 'https://vault.corp.example' } };
    const current = effective(null, { managed });
    expect(policyWeakenings(current, policyAfterImport({ managed }, { vault: { address: 'https://vault.attacker.example' } }))).toEqual([]);
  });
});

describe('policyAfterImport', () => {
  it('puts the file over the user’s own settings, which it outranks', () => {
    const user: PolicyFile = { enforcement: 'block', clipboardClearSeconds: 10 };
    const current = effective(null, { user });
    const next = policyAfterImport({ managed: null, user }, { enforcement: 'warn' });
    expect(next.enforcement).toBe('warn');
    expect(next.clipboardClearSeconds).toBe(10);
    expect(ids(policyWeakenings(current, next))).toEqual(['enforcement-warn']);
  });
});

describe('describePolicyValue', () => {
  it('shows values in the words of the options page', () => {
    expect(describePolicyValue('enforcement', 'block')).toBe('block');
    expect(describePolicyValue('expiry.allowNever', true)).toBe('yes');
    expect(describePolicyValue('requireIpAllowlist', false)).toBe('no');
    expect(describePolicyValue('clipboardClearSeconds', 0)).toBe('never');
    expect(describePolicyValue('clipboardClearSeconds', 30)).toBe('30 seconds');
    expect(describePolicyValue('expiry.maxDays', 1)).toBe('1 day');
    expect(describePolicyValue('privileges.forbidden', ['all', 'passwd'])).toBe('all, passwd');
    expect(describePolicyValue('privileges.forbidden', [])).toBe('none');
    expect(describePolicyValue('vault.address', null)).toBe('not set');
    expect(describePolicyValue('naming.pattern', '^ops-$')).toBe('^ops-$');
  });
});
