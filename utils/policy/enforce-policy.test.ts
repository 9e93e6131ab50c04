import { describe, expect, it } from 'vitest';
import { endOfDayUnix } from '../expiry';
import { DEFAULT_POLICY } from './defaults';
import type { EffectivePolicy } from './defaults';
import { describeAcl } from '../acl-catalog';
import { policyViolations } from './enforce-policy';
import type { TokenIntent } from './enforce-policy';

const now = new Date(2026, 10, 28, 15, 30); // local
const good: TokenIntent = {
  name: 'ops-billing-20261128',
  acls: ['list-accts', 'suspend-acct'],
  expiresAt: endOfDayUnix('2027-02-26'),
  whitelistIps: ['192.0.2.10'],
};
const policy = (over: Partial<EffectivePolicy> = {}): EffectivePolicy => ({ ...DEFAULT_POLICY, ...over });
const fields = (intent: TokenIntent, p: EffectivePolicy = DEFAULT_POLICY) => policyViolations(intent, p, now).map((v) => v.field);

describe('policyViolations', () => {
  it('finds nothing wrong with a least-privilege token under the defaults', () => {
    expect(policyViolations(good, DEFAULT_POLICY, now)).toEqual([]);
  });

  describe('name', () => {
    it('applies WHM’s rule', () => {
      expect(policyViolations({ ...good, name: 'my token' }, DEFAULT_POLICY, now)).toEqual([
        { field: 'name', message: 'Name contains “ ”, which WHM refuses (allowed: A–Z a–z 0–9 _ -).' },
      ]);
      expect(fields({ ...good, name: '' })).toEqual(['name']);
    });
    it('applies the team convention', () => {
      const naming = { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: null, hint: 'team-purpose-YYYYMMDD' };
      expect(policyViolations(good, policy({ naming }), now)).toEqual([]);
      expect(policyViolations({ ...good, name: 'random' }, policy({ naming }), now)).toEqual([
        { field: 'name', message: 'Name does not follow the team convention: team-purpose-YYYYMMDD.' },
      ]);
    });
  });

  describe('acls', () => {
    it('needs at least one privilege', () => {
      expect(policyViolations({ ...good, acls: [] }, DEFAULT_POLICY, now)).toEqual([
        { field: 'acls', message: 'Choose at least one privilege: without any, WHM would grant full access.' },
      ]);
    });
    it('refuses full access under the default policy', () => {
      expect(policyViolations({ ...good, acls: ['all'] }, DEFAULT_POLICY, now)).toEqual([
        { field: 'acls', message: 'The policy forbids full access (all).' },
      ]);
    });
    it('names each forbidden privilege asked for, once', () => {
      const p = policy({ privileges: { forbidden: ['passwd', 'cpanel-api', 'all'], risky: [] } });
      expect(policyViolations({ ...good, acls: ['list-accts', 'passwd', 'cpanel-api', 'passwd'] }, p, now, describeAcl)).toEqual([
        {
          field: 'acls',
          message:
            'The policy forbids these privileges: Change account passwords (passwd), Call cPanel APIs as owned accounts (cpanel-api).',
        },
      ]);
    });
    it('counts `all` as carrying every forbidden privilege', () => {
      const p = policy({ privileges: { forbidden: ['passwd', 'future-acl'], risky: [] } });
      expect(policyViolations({ ...good, acls: ['all'] }, p, now, describeAcl)).toEqual([
        { field: 'acls', message: 'Full access (all) includes privileges the policy forbids: Change account passwords (passwd), future-acl.' },
      ]);
    });
    it('forbids a plugin ACL written "plugin:x" by its name x', () => {
      const p = policy({ privileges: { forbidden: ['plugin:my-backup-acl'], risky: [] } });
      expect(policyViolations({ ...good, acls: ['list-accts', 'my-backup-acl'] }, p, now, describeAcl)).toEqual([
        { field: 'acls', message: 'The policy forbids these privileges: my-backup-acl.' },
      ]);
    });
    it('allows anything when nothing is forbidden', () => {
      const p = policy({ privileges: { forbidden: [], risky: [] } });
      expect(policyViolations({ ...good, acls: ['all'] }, p, now)).toEqual([]);
    });
  });

  describe('expiresAt', () => {
    it('refuses never when the policy does', () => {
      expect(fields({ ...good, expiresAt: null })).toEqual([]);
      const p = policy({ expiry: { ...DEFAULT_POLICY.expiry, allowNever: false } });
      expect(fields({ ...good, expiresAt: null }, p)).toEqual(['expiresAt']);
    });
    it('refuses a past date and one beyond the maximum', () => {
      expect(fields({ ...good, expiresAt: Math.floor(now.getTime() / 1000) - 60 })).toEqual(['expiresAt']);
      const p = policy({ expiry: { ...DEFAULT_POLICY.expiry, maxDays: 30 } });
      expect(fields({ ...good, expiresAt: endOfDayUnix('2026-12-28') }, p)).toEqual([]);
      expect(policyViolations({ ...good, expiresAt: endOfDayUnix('2026-12-29') }, p, now)).toEqual([
        { field: 'expiresAt', message: 'The expiry date is too far away: the policy allows at most 30 days, until 2026-12-28.' },
      ]);
    });
  });

  describe('whitelistIps', () => {
    const p = policy({ requireIpAllowlist: true });
    it('requires an allowlist only when the policy says so', () => {
      expect(fields({ ...good, whitelistIps: [] })).toEqual([]);
      expect(policyViolations({ ...good, whitelistIps: [] }, p, now)).toEqual([
        { field: 'whitelistIps', message: 'The policy requires an IP allowlist: list the addresses that will use this token.' },
      ]);
      expect(fields({ ...good, whitelistIps: ['  ', ''] }, p)).toEqual(['whitelistIps']);
      expect(fields(good, p)).toEqual([]);
    });
  });

  it('reports every problem at once, in field order', () => {
    const strict = policy({
      requireIpAllowlist: true,
      expiry: { ...DEFAULT_POLICY.expiry, allowNever: false },
      naming: { pattern: '^ops-', template: null, hint: null },
    });
    expect(fields({ name: 'bad name', acls: ['all'], expiresAt: null, whitelistIps: [] }, strict)).toEqual([
      'name',
      'name',
      'acls',
      'expiresAt',
      'whitelistIps',
    ]);
  });
});

describe('naming ACLs', () => {
  it('uses the bare ACL name when no describer is given (the content script has no catalogue)', () => {
    const p = policy({ privileges: { forbidden: ['passwd'], risky: [] } });
    expect(policyViolations({ ...good, acls: ['passwd'] }, p, now)[0]?.message).toBe('The policy forbids these privileges: passwd.');
  });
});
