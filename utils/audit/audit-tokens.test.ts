import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type EffectivePolicy } from '../policy/defaults';
import { ListedTokenSchema, normaliseToken, type WhmToken } from '../whm/schemas';
import { AUDIT_RULES, auditTokens, isFullAccess, ruleLevel, rulesBySeverity, type AuditRule } from './audit-tokens';

const NOW = 1_800_000_000;
const DAY = 86_400;
const token = (over: Partial<WhmToken> = {}): WhmToken => ({
  name: 'ops-billing-20261128',
  createTime: NOW - 10 * DAY,
  expiresAt: NOW + 60 * DAY,
  acls: ['list-accts'],
  heldAcls: ['list-accts', 'suspend-acct'],
  whitelistIps: ['192.0.2.1'],
  ...over,
});
const rules = (t: WhmToken, policy: EffectivePolicy = DEFAULT_POLICY, now = NOW): AuditRule[] =>
  auditTokens([t], policy, now).tokens[0]!.findings.map((f) => f.rule);
const withPolicy = (over: Partial<EffectivePolicy>): EffectivePolicy => ({ ...DEFAULT_POLICY, ...over });

describe('expiry rules', () => {
  it('a healthy token has no finding', () => {
    expect(rules(token())).toEqual([]);
  });
  it('expired at exactly now', () => {
    expect(rules(token({ expiresAt: NOW }))).toContain('expired');
    expect(rules(token({ expiresAt: NOW + 1 }))).not.toContain('expired');
  });
  it('expiring soon up to and including warnDays', () => {
    expect(rules(token({ expiresAt: NOW + 1 }))).toContain('expiring-soon');
    expect(rules(token({ expiresAt: NOW + 14 * DAY }))).toContain('expiring-soon');
    expect(rules(token({ expiresAt: NOW + 14 * DAY + 1 }))).not.toContain('expiring-soon');
    expect(rules(token({ expiresAt: NOW }))).not.toContain('expiring-soon');
    const warn30 = withPolicy({ expiry: { ...DEFAULT_POLICY.expiry, warnDays: 30 } });
    expect(rules(token({ expiresAt: NOW + 30 * DAY }), warn30)).toContain('expiring-soon');
  });
  it('never expires when expires_at is null', () => {
    expect(rules(token({ expiresAt: null }))).toEqual(['never-expires']);
  });
});

describe('rotation-due', () => {
  it('counts tokens strictly older than maxAgeDays', () => {
    expect(rules(token({ createTime: NOW - 90 * DAY }))).not.toContain('rotation-due');
    expect(rules(token({ createTime: NOW - 90 * DAY - 1 }))).toContain('rotation-due');
  });
  it('does not count an expired token (it is already counted as expired)', () => {
    expect(rules(token({ createTime: NOW - 400 * DAY, expiresAt: NOW - DAY }))).toEqual(['expired']);
  });
  it('counts an old token that never expires', () => {
    expect(rules(token({ createTime: NOW - 400 * DAY, expiresAt: null }))).toEqual(['never-expires', 'rotation-due']);
  });
});

describe('privilege rules', () => {
  it('full access: all granted, or every key of the map is 1', () => {
    expect(isFullAccess(token({ acls: ['all'], heldAcls: [] }))).toBe(true);
    expect(isFullAccess(token({ acls: ['list-accts', 'suspend-acct'], heldAcls: ['list-accts', 'suspend-acct'] }))).toBe(true);
    expect(isFullAccess(token())).toBe(false);
    // An array (create/update shape) has no held keys: only `all` says full access.
    expect(isFullAccess(token({ acls: ['list-accts'], heldAcls: [] }))).toBe(false);
    expect(isFullAccess(token({ acls: [], heldAcls: [] }))).toBe(false);
  });
  it('full access from a WHM map, and from a map versus an array', () => {
    const fromMap = normaliseToken(ListedTokenSchema.parse({ name: 'x', create_time: NOW, expires_at: null, acls: { 'list-accts': 1, passwd: 1 }, whitelist_ips: null }));
    const fromArray = normaliseToken(ListedTokenSchema.parse({ name: 'x', create_time: NOW, expires_at: null, acls: ['list-accts', 'passwd'], whitelist_ips: null }));
    expect(rules(fromMap)).toContain('full-access');
    expect(rules(fromArray)).not.toContain('full-access');
    expect(rules(fromArray)).toContain('risky-privileges');
  });
  it('risky privileges name the ACLs found', () => {
    const f = auditTokens([token({ acls: ['list-accts', 'passwd', 'cpanel-api'], heldAcls: [] })], DEFAULT_POLICY, NOW).tokens[0]!.findings;
    expect(f).toContainEqual({ rule: 'risky-privileges', level: 'warning', acls: ['passwd', 'cpanel-api'] });
  });
  it('forbidden privileges default to all, and follow the policy', () => {
    expect(rules(token({ acls: ['all'], heldAcls: [] }))).toEqual(expect.arrayContaining(['full-access', 'risky-privileges', 'forbidden-privileges']));
    const noKill = withPolicy({ privileges: { forbidden: ['kill-acct'], risky: [] } });
    expect(rules(token({ acls: ['kill-acct'], heldAcls: [] }), noKill)).toEqual(['forbidden-privileges']);
  });
  it('an ACL unknown to any catalogue is judged by the same rules, not dropped', () => {
    const unknown = token({ acls: ['future-acl-2030'], heldAcls: ['future-acl-2030', 'list-accts'] });
    expect(rules(unknown)).toEqual([]);
    expect(rules(unknown, withPolicy({ privileges: { forbidden: ['future-acl-2030'], risky: [] } }))).toEqual(['forbidden-privileges']);
    expect(rules(token({ acls: ['future-acl-2030'], heldAcls: ['future-acl-2030'] }))).toEqual(['full-access']);
  });
});

describe('plugin ACLs in the policy', () => {
  const plugin = withPolicy({ privileges: { forbidden: ['all', 'plugin:my-backup-acl'], risky: ['plugin:Vendor.tool'] } });
  it('"plugin:x" in a privilege list matches the token’s ACL named x', () => {
    const f = auditTokens([token({ acls: ['list-accts', 'my-backup-acl', 'Vendor.tool'], heldAcls: [] })], plugin, NOW).tokens[0]!.findings;
    expect(f).toEqual([
      { rule: 'risky-privileges', level: 'warning', acls: ['Vendor.tool'] },
      { rule: 'forbidden-privileges', level: 'critical', acls: ['my-backup-acl'] },
    ]);
  });
  it('and nothing else: not an ACL literally named "plugin:x", nor a catalogue ACL of the same name', () => {
    expect(rules(token({ acls: ['plugin:my-backup-acl'], heldAcls: [] }), plugin)).toEqual([]);
    expect(rules(token({ acls: ['my-backup-acl2'], heldAcls: [] }), plugin)).toEqual([]);
  });
});

describe('naming and IP rules', () => {
  const named = withPolicy({ naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: null, hint: null } });
  it('is silent without a pattern and checks names against one', () => {
    expect(rules(token({ name: 'MyOldToken' }))).toEqual([]);
    expect(rules(token({ name: 'MyOldToken' }), named)).toEqual(['naming']);
    expect(rules(token({ name: 'ops-backup-20261128' }), named)).toEqual([]);
  });
  it('fails a name longer than WHM allows without running the pattern', () => {
    // 2^60 steps if it ran; it does not.
    const hostile = withPolicy({ naming: { pattern: '^(a+)+$', template: null, hint: null } });
    expect(rules(token({ name: `${'a'.repeat(60)}-` }), hostile)).toEqual(['naming']);
    expect(rules(token({ name: 'a'.repeat(50) }), hostile)).toEqual([]);
  });
  it('never crashes on a pattern that does not compile', () => {
    expect(rules(token({ name: 'x' }), withPolicy({ naming: { pattern: '(', template: null, hint: null } }))).toEqual([]);
  });
  it('any-ip is info, and a warning when an allowlist is required', () => {
    const open = token({ whitelistIps: [] });
    expect(auditTokens([open], DEFAULT_POLICY, NOW).tokens[0]!.findings).toEqual([{ rule: 'any-ip', level: 'info' }]);
    expect(auditTokens([open], DEFAULT_POLICY, NOW).summary.attention).toBe(0);
    expect(auditTokens([open], withPolicy({ requireIpAllowlist: true }), NOW).summary.attention).toBe(1);
  });
});

describe('levels', () => {
  it('expired, forbidden privileges and full access are critical; any-ip is info unless an allowlist is required', () => {
    const critical = AUDIT_RULES.filter((r) => ruleLevel(r, false) === 'critical');
    expect(critical).toEqual(['expired', 'full-access', 'forbidden-privileges']);
    expect(AUDIT_RULES.filter((r) => ruleLevel(r, false) === 'info')).toEqual(['any-ip']);
    expect(ruleLevel('any-ip', true)).toBe('warning');
    expect(ruleLevel('rotation-due', true)).toBe('warning');
  });
  it('the banner order is by level, then the contract order', () => {
    expect(rulesBySeverity(false)).toEqual([
      'expired', 'full-access', 'forbidden-privileges',
      'expiring-soon', 'never-expires', 'rotation-due', 'risky-privileges', 'naming',
      'any-ip',
    ]);
    expect(rulesBySeverity(true).at(-1)).toBe('any-ip');
    expect(rulesBySeverity(true).slice(3)).toEqual(['expiring-soon', 'never-expires', 'rotation-due', 'risky-privileges', 'naming', 'any-ip']);
  });
  it('a critical finding alone is enough for attention, info alone is not', () => {
    const expired = token({ expiresAt: NOW - DAY });
    expect(auditTokens([expired], DEFAULT_POLICY, NOW).summary.attention).toBe(1);
    expect(auditTokens([token({ whitelistIps: [] })], DEFAULT_POLICY, NOW).summary.attention).toBe(0);
  });
});

describe('summary', () => {
  it('counts each rule and distinct tokens needing attention', () => {
    const result = auditTokens(
      [token(), token({ name: 'a', expiresAt: null, acls: ['all'], heldAcls: [] }), token({ name: 'b', expiresAt: NOW - 1 }), token({ name: 'c', whitelistIps: [] })],
      DEFAULT_POLICY,
      NOW,
    );
    expect(result.summary).toEqual({
      total: 4,
      attention: 2,
      counts: { 'never-expires': 1, 'full-access': 1, 'risky-privileges': 1, 'forbidden-privileges': 1, expired: 1, 'any-ip': 1 },
    });
  });
  it('an empty list is all clear', () => {
    expect(auditTokens([], DEFAULT_POLICY, NOW).summary).toEqual({ total: 0, attention: 0, counts: {} });
  });
});

describe('properties', () => {
  const acl = fc.constantFrom('all', 'list-accts', 'passwd', 'cpanel-api', 'suspend-acct', 'kill-acct', 'create-acct', 'future-acl');
  const arbToken = fc.record({
    name: fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/),
    createTime: fc.integer({ min: NOW - 800 * DAY, max: NOW }),
    expiresAt: fc.option(fc.integer({ min: NOW - 400 * DAY, max: NOW + 400 * DAY }), { nil: null }),
    acls: fc.uniqueArray(acl, { maxLength: 6 }),
    heldAcls: fc.uniqueArray(acl, { maxLength: 8 }),
    whitelistIps: fc.array(fc.constant('192.0.2.1'), { maxLength: 2 }),
  }).map((t) => ({ ...t, heldAcls: t.heldAcls.length ? [...new Set([...t.heldAcls, ...t.acls])] : [] }));
  const arbPolicy = fc.record({
    warnDays: fc.integer({ min: 0, max: 60 }),
    maxAgeDays: fc.integer({ min: 1, max: 400 }),
    requireIpAllowlist: fc.boolean(),
    pattern: fc.constantFrom(null, '^ops-', '^[a-z]+$'),
  }).map((p) => withPolicy({
    expiry: { ...DEFAULT_POLICY.expiry, warnDays: p.warnDays },
    rotation: { maxAgeDays: p.maxAgeDays },
    requireIpAllowlist: p.requireIpAllowlist,
    naming: { pattern: p.pattern, template: null, hint: null },
  }));

  it('no count exceeds the total, and attention equals the distinct tokens with a non-info finding', () => {
    fc.assert(
      fc.property(fc.array(arbToken, { maxLength: 40 }), arbPolicy, (tokens, policy) => {
        const { tokens: audited, summary } = auditTokens(tokens, policy, NOW);
        expect(summary.total).toBe(tokens.length);
        for (const rule of AUDIT_RULES) expect(summary.counts[rule] ?? 0).toBeLessThanOrEqual(summary.total);
        expect(summary.attention).toBe(audited.filter((a) => a.findings.some((f) => f.level !== 'info')).length);
        // Every finding carries the level its rule has under this policy.
        for (const a of audited) for (const f of a.findings) expect(f.level).toBe(ruleLevel(f.rule, policy.requireIpAllowlist));
        expect(summary.attention).toBeLessThanOrEqual(summary.total);
        // A token is counted at most once per rule, and counts match the findings.
        for (const rule of AUDIT_RULES) {
          expect(summary.counts[rule] ?? 0).toBe(audited.filter((a) => a.findings.some((f) => f.rule === rule)).length);
        }
      }),
    );
  });

  it('does not depend on token order', () => {
    fc.assert(
      fc.property(fc.array(arbToken, { maxLength: 30 }).chain((ts) => fc.tuple(fc.constant(ts), fc.shuffledSubarray(ts, { minLength: ts.length, maxLength: ts.length }))), arbPolicy, ([a, b], policy) => {
        expect(auditTokens(b, policy, NOW).summary).toEqual(auditTokens(a, policy, NOW).summary);
      }),
    );
  });

  it('expiry findings are mutually exclusive', () => {
    fc.assert(
      fc.property(arbToken, arbPolicy, (t, policy) => {
        const found = auditTokens([t], policy, NOW).tokens[0]!.findings.map((f) => f.rule);
        expect(found.filter((r) => r === 'expired' || r === 'expiring-soon' || r === 'never-expires').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
