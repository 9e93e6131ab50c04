import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_POLICY, type Preset } from './defaults';
import type { PolicyFile } from './policy-file';
import { POLICY_FIELDS, isLocked, readField, resolvePolicy, writeField, type PolicyField, type PolicySource } from './resolve-policy';

const preset = (id: string, label = id): Preset => ({ id, label, acls: ['list-accts'] });

/** A valid value for every field, per layer, so each layer's choice is recognisable. */
const VALUES: Record<Exclude<PolicySource, 'default'>, Record<PolicyField, unknown>> = {
  managed: {
    name: 'Managed',
    enforcement: 'block',
    'naming.pattern': '^m-[a-z]+$',
    'naming.template': 'm-{purpose}',
    'naming.hint': 'm-purpose',
    'expiry.defaultDays': 10,
    'expiry.maxDays': 300,
    'expiry.allowNever': false,
    'expiry.warnDays': 1,
    'rotation.maxAgeDays': 11,
    'privileges.forbidden': ['passwd'],
    'privileges.risky': ['quota'],
    requireIpAllowlist: true,
    clipboardClearSeconds: 10,
    presets: [preset('m')],
    'vault.address': 'https://managed.example.com',
    'vault.mount': 'managed',
    'vault.pathTemplate': 'm/{name}',
  },
  team: {
    name: 'Team',
    enforcement: 'warn',
    'naming.pattern': '^t-[a-z]+$',
    'naming.template': 't-{purpose}',
    'naming.hint': 't-purpose',
    'expiry.defaultDays': 20,
    'expiry.maxDays': 400,
    'expiry.allowNever': true,
    'expiry.warnDays': 2,
    'rotation.maxAgeDays': 22,
    'privileges.forbidden': ['kill-acct'],
    'privileges.risky': ['clustering'],
    requireIpAllowlist: false,
    clipboardClearSeconds: 20,
    presets: [preset('t')],
    'vault.address': 'https://team.example.com',
    'vault.mount': 'team',
    'vault.pathTemplate': 't/{name}',
  },
  user: {
    name: 'User',
    enforcement: 'block',
    'naming.pattern': '^u-[a-z]+$',
    'naming.template': 'u-{purpose}',
    'naming.hint': 'u-purpose',
    'expiry.defaultDays': 30,
    'expiry.maxDays': 500,
    'expiry.allowNever': false,
    'expiry.warnDays': 3,
    'rotation.maxAgeDays': 33,
    'privileges.forbidden': [],
    'privileges.risky': ['passwd'],
    requireIpAllowlist: true,
    clipboardClearSeconds: 60,
    presets: [preset('u')],
    'vault.address': 'http://localhost:8200',
    'vault.mount': 'user',
    'vault.pathTemplate': 'u/{name}',
  },
};

const effective = (resolved: ReturnType<typeof resolvePolicy>, field: PolicyField) => readField(resolved.policy as unknown as PolicyFile, field);

function layerWith(source: Exclude<PolicySource, 'default'>, fields: readonly PolicyField[]): PolicyFile {
  return fields.reduce((file, field) => writeField(file, field, VALUES[source][field]), {} as PolicyFile);
}

describe('resolvePolicy', () => {
  it('is the defaults, all from "default", when no layer says anything', () => {
    const resolved = resolvePolicy({});
    expect(resolved.policy).toEqual(DEFAULT_POLICY);
    expect(new Set(Object.values(resolved.sources))).toEqual(new Set(['default']));
    expect(Object.keys(resolved.sources).sort()).toEqual([...POLICY_FIELDS].sort());
    expect(resolved.notes).toEqual([]);
    expect(resolvePolicy({ managed: null, team: null, user: null }).policy).toEqual(DEFAULT_POLICY);
  });

  it('takes each field from the highest layer that sets it', () => {
    const fields = POLICY_FIELDS.filter((f) => f !== 'presets');
    // Each layer sets every field: managed wins everywhere.
    const all = resolvePolicy({ managed: layerWith('managed', fields), team: layerWith('team', fields), user: layerWith('user', fields) });
    for (const field of fields) {
      expect(effective(all, field), field).toEqual(VALUES.managed[field]);
      expect(all.sources[field], field).toBe('managed');
    }
    // Without managed, the team wins over the user; without both, the user over the defaults.
    const teamUser = resolvePolicy({ team: layerWith('team', fields), user: layerWith('user', fields) });
    const userOnly = resolvePolicy({ user: layerWith('user', fields) });
    for (const field of fields) {
      expect(effective(teamUser, field), field).toEqual(VALUES.team[field]);
      expect(teamUser.sources[field]).toBe('team');
      expect(effective(userOnly, field), field).toEqual(VALUES.user[field]);
      expect(userOnly.sources[field]).toBe('user');
    }
  });

  it('holds for any mix of layers and fields (property)', () => {
    const fields = POLICY_FIELDS.filter((f) => f !== 'presets');
    const subset = fc.subarray(fields);
    fc.assert(
      fc.property(fc.option(subset), fc.option(subset), fc.option(subset), (managed, team, user) => {
        const layers = {
          managed: managed && layerWith('managed', managed),
          team: team && layerWith('team', team),
          user: user && layerWith('user', user),
        };
        const resolved = resolvePolicy(layers);
        for (const field of fields) {
          const source: PolicySource = managed?.includes(field) ? 'managed' : team?.includes(field) ? 'team' : user?.includes(field) ? 'user' : 'default';
          expect(resolved.sources[field]).toBe(source);
          const expected = source === 'default' ? readField(DEFAULT_POLICY as unknown as PolicyFile, field) : VALUES[source][field];
          if (field !== 'expiry.defaultDays') expect(effective(resolved, field), field).toEqual(expected);
        }
        // The default lifetime is what its layer says, lowered to the maximum when they disagree.
        const maxDays = resolved.policy.expiry.maxDays;
        const wanted = (() => {
          const s = resolved.sources['expiry.defaultDays'];
          return s === 'default' ? DEFAULT_POLICY.expiry.defaultDays : (VALUES[s]['expiry.defaultDays'] as number);
        })();
        expect(resolved.policy.expiry.defaultDays).toBe(Math.min(wanted, maxDays));
        expect(resolved.notes.some((n) => n.startsWith('Default expiry lowered'))).toBe(wanted > maxDays);
      }),
      { numRuns: 300 },
    );
  });

  it('does not change the layers or the defaults', () => {
    const team: PolicyFile = { privileges: { risky: ['passwd'] }, presets: [preset('a')] };
    const resolved = resolvePolicy({ team });
    resolved.policy.privileges.risky.push('quota');
    resolved.policy.presets[0]!.acls.push('all');
    resolved.policy.privileges.forbidden.push('passwd');
    expect(team).toEqual({ privileges: { risky: ['passwd'] }, presets: [preset('a')] });
    expect(DEFAULT_POLICY.privileges.forbidden).toEqual(['all']);
  });

  it('lowers a default expiry above the maximum and says so', () => {
    const resolved = resolvePolicy({ managed: { expiry: { maxDays: 30 } }, user: { expiry: { defaultDays: 90 } } });
    expect(resolved.policy.expiry).toMatchObject({ defaultDays: 30, maxDays: 30 });
    expect(resolved.sources['expiry.defaultDays']).toBe('user');
    expect(resolved.notes).toEqual(['Default expiry lowered from 90 to 30 days: your administrator sets a maximum of 30 days.']);
    // The default 90 is lowered too when a team caps the maximum below it.
    expect(resolvePolicy({ team: { expiry: { maxDays: 60 } } }).policy.expiry.defaultDays).toBe(60);
  });

  it('lowers a preset expiry above the maximum and says so', () => {
    const resolved = resolvePolicy({ managed: { expiry: { maxDays: 30 } }, team: { presets: [{ ...preset('b', 'Billing'), expiryDays: 90 }] } });
    expect(resolved.policy.presets[0]!.expiryDays).toBe(30);
    expect(resolved.notes).toContain('Preset "Billing" expiry lowered from 90 to 30 days: your administrator sets a maximum of 30 days.');
  });

  it('keeps "name" null when no layer names the policy', () => {
    expect(resolvePolicy({ team: { enforcement: 'block' } }).policy.name).toBeNull();
    expect(resolvePolicy({ team: { name: 'Acme' } }).policy.name).toBe('Acme');
  });
});

describe('resolvePolicy: presets', () => {
  it('lists team presets, then the user’s, the first of an id winning', () => {
    const resolved = resolvePolicy({
      team: { presets: [preset('a', 'Team A'), preset('b')] },
      user: { presets: [preset('a', 'User A'), preset('c')] },
    });
    expect(resolved.policy.presets.map((p) => `${p.id}:${p.label}`)).toEqual(['a:Team A', 'b:b', 'c:c']);
    expect(resolved.sources.presets).toBe('team');
  });

  it('uses the managed list alone when an administrator sets one, even an empty one', () => {
    const team = { presets: [preset('t')] };
    expect(resolvePolicy({ managed: { presets: [preset('m')] }, team }).policy.presets.map((p) => p.id)).toEqual(['m']);
    const none = resolvePolicy({ managed: { presets: [] }, team });
    expect(none.policy.presets).toEqual([]);
    expect(none.sources.presets).toBe('managed');
  });

  it('says where the presets came from', () => {
    expect(resolvePolicy({ user: { presets: [preset('u')] } }).sources.presets).toBe('user');
    expect(resolvePolicy({ team: { presets: [] }, user: { presets: [preset('u')] } }).sources.presets).toBe('user');
    expect(resolvePolicy({ team: { name: 'x' } }).sources.presets).toBe('default');
  });
});

describe('isLocked', () => {
  it('is true exactly for the fields an administrator set', () => {
    const resolved = resolvePolicy({ managed: { enforcement: 'block', presets: [] }, team: { name: 'Team' } });
    expect(POLICY_FIELDS.filter((field) => isLocked(resolved, field))).toEqual(['enforcement', 'presets']);
  });
});

describe('readField / writeField', () => {
  it('reads leaves, top-level and nested, and undefined for what is unset', () => {
    const file: PolicyFile = { name: 'n', expiry: { maxDays: 30 } };
    expect(readField(file, 'name')).toBe('n');
    expect(readField(file, 'expiry.maxDays')).toBe(30);
    expect(readField(file, 'expiry.defaultDays')).toBeUndefined();
    expect(readField(file, 'vault.mount')).toBeUndefined();
  });

  it('writes without changing the original, and undefined removes the field and an emptied group', () => {
    const file: PolicyFile = { expiry: { maxDays: 30 } };
    const more = writeField(file, 'expiry.defaultDays', 7);
    expect(more).toEqual({ expiry: { maxDays: 30, defaultDays: 7 } });
    expect(file).toEqual({ expiry: { maxDays: 30 } });
    expect(writeField(file, 'expiry.maxDays', undefined)).toEqual({});
    expect(writeField(more, 'expiry.maxDays', undefined)).toEqual({ expiry: { defaultDays: 7 } });
    expect(writeField({ name: 'a' }, 'name', undefined)).toEqual({});
    expect(writeField({}, 'clipboardClearSeconds', 0)).toEqual({ clipboardClearSeconds: 0 });
  });

  it('round-trips every field', () => {
    for (const field of POLICY_FIELDS) {
      expect(readField(writeField({}, field, VALUES.team[field]), field)).toEqual(VALUES.team[field]);
    }
  });
});
