import { describe, expect, it } from 'vitest';
import { KNOWN_ACLS } from './acl-catalog';
import { DEFAULT_POLICY, WHM_WARNED_ACLS } from './policy/defaults';
import type { EffectivePolicy, Preset } from './policy/defaults';
import { BUILT_IN_PRESETS, presetAvailability, presetsFor } from './presets';

const warned: ReadonlySet<string> = new Set(WHM_WARNED_ACLS);
const withPresets = (presets: Preset[]): EffectivePolicy => ({ ...DEFAULT_POLICY, presets });

describe('BUILT_IN_PRESETS', () => {
  it('has exactly the contract’s ids, each once', () => {
    expect(BUILT_IN_PRESETS.map((p) => p.id)).toEqual([
      'read-only-monitoring',
      'billing-provisioning',
      'dns-management',
      'ssl-automation',
      'account-suspension',
    ]);
  });

  for (const preset of BUILT_IN_PRESETS) {
    describe(preset.id, () => {
      it('lists only known ACLs, each once, and none that WHM warns about', () => {
        expect(preset.acls.length).toBeGreaterThan(0);
        expect(new Set(preset.acls).size).toBe(preset.acls.length);
        for (const acl of preset.acls) {
          expect(KNOWN_ACLS.has(acl), acl).toBe(true);
          expect(warned.has(acl), acl).toBe(false);
        }
      });

      it('gives a reason for every ACL and for nothing else', () => {
        expect(Object.keys(preset.reasons ?? {}).sort()).toEqual([...preset.acls].sort());
        for (const acl of preset.acls) expect(preset.reasons?.[acl], acl).toMatch(/\S{3}/);
      });

      it('never names an ACL outside the preset in its reasons', () => {
        const inPreset = new Set(preset.acls);
        for (const reason of Object.values(preset.reasons ?? {})) {
          // Reasons quote ACL names in backticks…
          for (const [, quoted] of reason.matchAll(/`([^`]+)`/g)) expect(inPreset.has(quoted!), `${quoted} in “${reason}”`).toBe(true);
          // …and no hyphenated ACL name (unambiguous, unlike `ssl` or `status`) may slip in unquoted.
          for (const acl of KNOWN_ACLS) {
            if (acl.includes('-') && !inPreset.has(acl)) expect(reason.includes(acl), `${acl} in “${reason}”`).toBe(false);
          }
        }
      });

      it('has a label, a description and an expiry within the default maximum', () => {
        expect(preset.label).toMatch(/\S/);
        expect(preset.description).toMatch(/\S/);
        expect(preset.expiryDays).toBeGreaterThan(0);
        expect(preset.expiryDays).toBeLessThanOrEqual(DEFAULT_POLICY.expiry.maxDays);
      });
    });
  }

  it('leaves out what a billing module must not have', () => {
    const billing = BUILT_IN_PRESETS.find((p) => p.id === 'billing-provisioning')!;
    for (const acl of ['passwd', 'create-user-session', 'cpanel-api', 'edit-account', 'all']) expect(billing.acls).not.toContain(acl);
    // …and tells the user why the password feature will not work.
    expect(billing.description).toContain('passwd');
  });

  it('cannot be changed by a caller', () => {
    const preset = BUILT_IN_PRESETS[0]!;
    expect(() => preset.acls.push('all')).toThrow();
    expect(() => Object.assign(preset, { expiryDays: 0 })).toThrow();
  });

  it('keeps account suspension to suspending and finding accounts', () => {
    expect([...BUILT_IN_PRESETS.find((p) => p.id === 'account-suspension')!.acls].sort()).toEqual(['list-accts', 'suspend-acct']);
  });
});

describe('presetsFor', () => {
  const team: Preset = { id: 'billing', label: 'Billing automation', acls: ['list-accts'], expiryDays: 30 };
  const override: Preset = { id: 'dns-management', label: 'Our DNS', acls: ['edit-dns'] };

  it('gives the built-ins when the policy has none', () => {
    expect(presetsFor(DEFAULT_POLICY)).toEqual([...BUILT_IN_PRESETS]);
  });

  it('puts policy presets first, then built-ins', () => {
    const ids = presetsFor(withPresets([team])).map((p) => p.id);
    expect(ids).toEqual(['billing', ...BUILT_IN_PRESETS.map((p) => p.id)]);
  });

  it('lets a policy preset replace the built-in with the same id', () => {
    const presets = presetsFor(withPresets([override, team]));
    expect(presets.map((p) => p.id)).toEqual([
      'dns-management',
      'billing',
      'read-only-monitoring',
      'billing-provisioning',
      'ssl-automation',
      'account-suspension',
    ]);
    expect(presets[0]).toBe(override);
  });

  it('keeps the first of duplicate policy ids', () => {
    const second: Preset = { ...team, label: 'Second' };
    const presets = presetsFor(withPresets([team, second]));
    expect(presets.filter((p) => p.id === 'billing')).toEqual([team]);
  });
});

describe('presetAvailability', () => {
  const preset: Preset = { id: 'x', label: 'X', acls: ['list-accts', 'suspend-acct', 'kill-acct'] };

  it('splits held and missing ACLs, keeping the preset’s order', () => {
    expect(presetAvailability(preset, new Set(['kill-acct', 'list-accts', 'passwd']))).toEqual({
      available: ['list-accts', 'kill-acct'],
      missing: ['suspend-acct'],
    });
  });

  it('reports everything missing for a reseller holding nothing', () => {
    expect(presetAvailability(preset, new Set())).toEqual({ available: [], missing: preset.acls });
  });

  it('treats holding `all` as holding every ACL', () => {
    expect(presetAvailability(preset, new Set(['all']))).toEqual({ available: preset.acls, missing: [] });
  });

  it('lists a repeated ACL once', () => {
    expect(presetAvailability({ ...preset, acls: ['list-accts', 'list-accts'] }, new Set())).toEqual({
      available: [],
      missing: ['list-accts'],
    });
  });
});
