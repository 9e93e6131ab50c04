import { describe, expect, it } from 'vitest';
import type { WhmToken } from '../whm/schemas';
import { AUDIT_RULES } from './audit-tokens';
import { currentAcls, FIX_KINDS, fixesFor, mismatchedFields, stateAfterFix } from './fixes';

const token: WhmToken = {
  name: 'ops-backup',
  createTime: 1_790_000_000,
  expiresAt: null,
  acls: ['list-accts', 'show-bandwidth'],
  heldAcls: ['list-accts', 'passwd', 'show-bandwidth'],
  whitelistIps: ['192.0.2.1'],
};

describe('fixesFor', () => {
  it('offers a known fix for every rule', () => {
    for (const rule of AUDIT_RULES) {
      expect(fixesFor(rule).length, rule).toBeGreaterThan(0);
      for (const kind of fixesFor(rule)) expect(FIX_KINDS).toContain(kind);
    }
  });
});

describe('stateAfterFix', () => {
  it('is the whole token as listed, with only the chosen field changed', () => {
    const now = { name: 'ops-backup', acls: ['list-accts', 'show-bandwidth'], expiresAt: null, whitelistIps: ['192.0.2.1'] };
    expect(stateAfterFix(token, { kind: 'set-expiry', expiresAt: 1_800_000_000 })).toEqual({ ...now, expiresAt: 1_800_000_000 });
    expect(stateAfterFix(token, { kind: 'rename', newName: 'ops-backup-20261128' })).toEqual({ ...now, name: 'ops-backup-20261128' });
    expect(stateAfterFix(token, { kind: 'restrict', acls: ['list-accts', 'list-accts'] })).toEqual({ ...now, acls: ['list-accts'] });
    expect(stateAfterFix(token, { kind: 'allowlist', ips: ['198.51.100.0/24'] })).toEqual({ ...now, whitelistIps: ['198.51.100.0/24'] });
  });

  it('keeps root’s full access as `all`, a reseller’s as the ACLs it holds', () => {
    expect(currentAcls({ ...token, acls: ['all', 'list-accts'] })).toEqual(['all']);
    expect(currentAcls({ ...token, acls: token.heldAcls })).toEqual(token.heldAcls);
  });
});

describe('mismatchedFields', () => {
  const asked = { name: 'ops-backup', acls: ['show-bandwidth', 'list-accts'], expiresAt: 1_800_000_000, whitelistIps: ['2001:db8::1', '192.0.2.1/32'] };
  it('accepts what WHM lists for the same state: other order, normalised addresses, `all` as every ACL', () => {
    const listed = { ...token, expiresAt: 1_800_000_000, whitelistIps: ['192.0.2.1', '2001:0db8:0000:0000:0000:0000:0000:0001'] };
    expect(mismatchedFields(asked, listed)).toEqual([]);
    expect(mismatchedFields({ ...asked, acls: ['all'] }, { ...listed, acls: ['all', 'list-accts'] })).toEqual([]);
  });

  it('names each field that differs', () => {
    const listed = { ...token, name: 'other', acls: ['list-accts'], expiresAt: null, whitelistIps: [] };
    expect(mismatchedFields(asked, listed)).toEqual(['name', 'acls', 'expiresAt', 'whitelistIps']);
  });
});
