// Scenario files and generated scenarios; IP helpers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARNED_ACLS } from './acl-catalog.ts';
import { ipAllowed, normalizeAllowlist, normalizeIpEntry, normalizeRemoteAddress } from './ip.ts';
import { buildState, generateLargeScenario, loadScenario, parseTime, TOKEN_NAME_PATTERN } from './scenarios.ts';
import { startSimulator, type Simulator } from './server.ts';
import { api, DAY, NOW } from './test-helpers.ts';

describe('ip helpers', () => {
  it('normalises and validates entries', () => {
    expect(normalizeIpEntry('fc00:abcd::f')).toBe('fc00:abcd:0000:0000:0000:0000:0000:000f');
    expect(normalizeIpEntry('::ffff:192.0.2.1')).toBe('0000:0000:0000:0000:0000:ffff:c000:0201');
    expect(normalizeIpEntry(' 10.0.0.0/8 ')).toBe('10.0.0.0/8');
    for (const bad of ['', '1.2.3', '1.2.3.4/', '::/129', 'fe80::1%eth0', '1.2.3.4/-1']) expect(normalizeIpEntry(bad)).toBeUndefined();
  });

  it('drops /32 and /128 and keeps other prefixes, /0 included (11.120)', () => {
    expect(normalizeIpEntry('192.0.2.1/32')).toBe('192.0.2.1');
    expect(normalizeIpEntry('2001:db8::1/128')).toBe('2001:0db8:0000:0000:0000:0000:0000:0001');
    expect(normalizeIpEntry('192.0.2.0/31')).toBe('192.0.2.0/31');
    expect(normalizeIpEntry('::/0')).toBe('0000:0000:0000:0000:0000:0000:0000:0000/0');
    expect(normalizeIpEntry('0.0.0.0/0')).toBe('0.0.0.0/0');
  });

  it('deduplicates and sorts an allowlist: IPv4 before IPv6, by address value, then prefix', () => {
    expect(
      normalizeAllowlist(['ff02::1', '10.0.0.10', '::1', '10.0.0.9', '10.0.0.0/8', '10.0.0.0/16', '9.255.255.255', '10.0.0.9/32', '::1/128']),
    ).toEqual({
      entries: [
        '9.255.255.255',
        '10.0.0.0/8',
        '10.0.0.0/16',
        '10.0.0.9',
        '10.0.0.10',
        '0000:0000:0000:0000:0000:0000:0000:0001',
        'ff02:0000:0000:0000:0000:0000:0000:0001',
      ],
    });
    expect(normalizeAllowlist(['192.0.2.1', 'nope', '300.0.0.1'])).toEqual({ invalid: 'nope' });
    expect(normalizeAllowlist([])).toEqual({ entries: [] });
  });

  it('matches callers against addresses and CIDR ranges of both families', () => {
    expect(normalizeRemoteAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(ipAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(ipAllowed('127.0.0.1', ['192.0.2.0/24'])).toBe(false);
    expect(ipAllowed('192.0.2.200', ['192.0.2.0/24'])).toBe(true);
    expect(ipAllowed('192.0.3.1', ['192.0.2.0/23'])).toBe(true);
    expect(ipAllowed('2001:db8:1::5', ['2001:0db8:0000:0000:0000:0000:0000:0000/32'])).toBe(true);
    expect(ipAllowed('2001:db9::5', ['2001:db8::/32'])).toBe(false);
    expect(ipAllowed('::1', ['127.0.0.1'])).toBe(false);
    expect(ipAllowed('10.1.2.3', ['0.0.0.0/0'])).toBe(true);
    expect(ipAllowed('10.1.2.3', null)).toBe(true);
    expect(ipAllowed('10.1.2.3', [])).toBe(true);
  });
});

describe('scenarios', () => {
  it('parses ISO and unix times', () => {
    expect(parseTime('2026-11-28T12:00:00Z')).toBe(NOW);
    expect(parseTime(String(NOW))).toBe(NOW);
    expect(parseTime(NOW)).toBe(NOW);
  });

  it('refuses inconsistent scenarios', () => {
    const users = [{ user: 'r', pass: 'p', acls: ['list-accts'] }];
    expect(() => buildState({ users, tokens: [{ owner: 'x', name: 'a' }] }, NOW)).toThrow(/unknown owner/);
    expect(() => buildState({ users, tokens: [{ owner: 'r', name: 'a b' }] }, NOW)).toThrow(/invalid name/);
    expect(() => buildState({ users, tokens: [{ owner: 'r', name: 'a', acls: ['passwd'] }] }, NOW)).toThrow(/does not hold/);
    expect(() => buildState({ users, tokens: [{ owner: 'r', name: 'a', secret: 'short' }] }, NOW)).toThrow(/secret/);
    expect(() => buildState({ users, tokens: [{ owner: 'r', name: 'a', expiresAtAsString: true }] }, NOW)).toThrow(/needs an expiry/);
    expect(() => buildState({ users, tokens: [{ owner: 'r', name: 'a', whitelistIps: ['10.0.0.1', 'nope'] }] }, NOW)).toThrow(/bad IP nope/);
  });

  it('stores scenario allowlists normalised', () => {
    const users = [{ user: 'r', pass: 'p', acls: ['list-accts'] }];
    const state = buildState({ users, tokens: [{ owner: 'r', name: 'a', whitelistIps: ['2001:db8::/32', '192.0.2.1/32', '192.0.2.1'] }] }, NOW);
    expect(state.tokens[0]?.whitelistIps).toEqual(['192.0.2.1', '2001:0db8:0000:0000:0000:0000:0000:0000/32']);
  });

  it('answers expires_at as a numeric string for an expiresAtAsString token, in list and get_details', async () => {
    const secret = 'STRINGEXPIRY00000000000000000000';
    const sim = await startSimulator({
      scenario: {
        users: [{ user: 'r', pass: 'p', acls: ['list-accts', 'manage-api-tokens'] }],
        tokens: [
          { owner: 'r', name: 'as-text', acls: ['list-accts'], expiresInDays: 3, expiresAtAsString: true, secret },
          { owner: 'r', name: 'as-number', acls: ['list-accts'], expiresInDays: 3 },
        ],
      },
      now: NOW,
    });
    try {
      const s = await sim.login('r', 'p');
      const tokens = (await api(sim, s, 'api_token_list')).data.tokens;
      expect(tokens['as-text'].expires_at).toBe(String(NOW + 3 * DAY));
      expect(tokens['as-number'].expires_at).toBe(NOW + 3 * DAY);
      expect((await api(sim, s, 'api_token_get_details', { token: secret })).data).toEqual({
        acls: ['list-accts'],
        create_time: NOW - DAY,
        expires_at: String(NOW + 3 * DAY),
        name: 'as-text',
      });
      // Still a real expiry: the token stops working after it.
      sim.setNow(NOW + 3 * DAY);
      expect(await api(sim, s, 'api_token_get_details', { token: secret })).not.toHaveProperty('data');
      sim.setNow(NOW);
      // Renaming keeps the stored text; a new expiry is the simulator's number again.
      expect((await api(sim, s, 'api_token_update', { token_name: 'as-text', new_name: 'as-text-2' })).data.expires_at).toBe(
        String(NOW + 3 * DAY),
      );
      expect((await api(sim, s, 'api_token_update', { token_name: 'as-text-2', expires_at: String(NOW + 9 * DAY) })).data.expires_at).toBe(
        NOW + 9 * DAY,
      );
    } finally {
      await sim.close();
    }
  });

  it('generates large scenarios deterministically with valid, unique names', () => {
    const a = generateLargeScenario(1000);
    expect(a).toEqual(generateLargeScenario(1000));
    expect(a.tokens).toHaveLength(1000);
    expect(new Set(a.tokens.map((t) => t.name)).size).toBe(1000);
    expect(a.tokens.every((t) => TOKEN_NAME_PATTERN.test(t.name))).toBe(true);
    const state = buildState(loadScenario('large-10k'), NOW);
    expect(state.tokens).toHaveLength(10_000);
    const expired = state.tokens.filter((t) => t.expiresAt !== null && t.expiresAt <= NOW).length;
    const never = state.tokens.filter((t) => t.expiresAt === null).length;
    const full = state.tokens.filter((t) => t.fullAccess).length;
    for (const n of [expired, never, full]) expect(n).toBeGreaterThan(500);
  });
});

describe('demo scenario', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'demo' }); // the scenario's own frozen clock
  });
  afterAll(() => sim.close());

  it('runs on its frozen clock', () => {
    expect(sim.now()).toBe(NOW);
  });

  it('gives reseller1 tokens that trip every audit rule of the design contract', async () => {
    const s = await sim.login('reseller1', 'resellerpass');
    const tokens = Object.values((await api(sim, s, 'api_token_list')).data.tokens) as Array<{
      name: string;
      acls: Record<string, number>;
      create_time: number;
      expires_at: number | null;
      whitelist_ips: string[] | null;
    }>;
    const now = sim.now();
    const pattern = /^(ops|billing)-[a-z0-9-]+-\d{8}$/;
    const count = (pred: (t: (typeof tokens)[number]) => boolean) => tokens.filter(pred).map((t) => t.name).sort();
    const expired = count((t) => t.expires_at !== null && t.expires_at <= now);
    const found = {
      expired,
      'expiring-soon': count((t) => t.expires_at !== null && now < t.expires_at && t.expires_at <= now + 14 * DAY),
      'expiring-24h': count((t) => t.expires_at !== null && now < t.expires_at && t.expires_at <= now + DAY),
      'never-expires': count((t) => t.expires_at === null),
      'rotation-due': count((t) => !expired.includes(t.name) && t.create_time < now - 90 * DAY),
      'full-access': count((t) => t.acls.all === 1 || Object.values(t.acls).every((v) => v === 1)),
      'risky-privileges': count((t) => WARNED_ACLS.some((a) => t.acls[a] === 1)),
      naming: count((t) => !pattern.test(t.name)),
      'any-ip': count((t) => !t.whitelist_ips),
    };
    expect(tokens).toHaveLength(13);
    expect(found).toEqual({
      expired: ['MyOldToken', 'billing-whmcs-sync-20250301'],
      'expiring-soon': ['2024_migration', 'ops-backup-check-20261030', 'ops-dns-updater-20261120'],
      'expiring-24h': ['ops-backup-check-20261030'],
      'never-expires': ['billing-provisioning-20260310', 'ops-monitoring-20250815', 'test'],
      'rotation-due': ['2024_migration', 'billing-provisioning-20260310', 'ops-monitoring-20250815', 'ops-reseller-limits-20260601'],
      'full-access': ['MyOldToken', 'test'],
      'risky-privileges': [
        'MyOldToken',
        'billing-provisioning-20260310',
        'billing-whmcs-sync-20250301',
        'ops-reseller-limits-20260601',
        'ops-token-admin-20260901',
        'support-password-reset',
        'test',
      ],
      naming: ['2024_migration', 'MyOldToken', 'support-password-reset', 'test'],
      'any-ip': ['2024_migration', 'MyOldToken', 'billing-provisioning-20260310', 'billing-whmcs-sync-20250301', 'ops-token-admin-20260901', 'test'],
    });
    const healthy = tokens.filter((t) =>
      Object.values(found).every((names) => !names.includes(t.name)),
    );
    expect(healthy.map((t) => t.name).sort()).toEqual(['billing-invoice-reader-20261101', 'ops-ssl-renewal-20261015']);
  });

  it('stores one expiring demo token’s expires_at as a numeric string', async () => {
    const s = await sim.login('reseller1', 'resellerpass');
    const tokens = Object.values((await api(sim, s, 'api_token_list')).data.tokens) as Array<{ name: string; expires_at: unknown }>;
    const asText = tokens.filter((t) => typeof t.expires_at === 'string');
    expect(asText).toEqual([{ ...asText[0], name: 'ops-dns-updater-20261120', expires_at: String(NOW + 5 * DAY) }]);
    expect(tokens.every((t) => t.expires_at === null || typeof t.expires_at === 'number' || t === asText[0])).toBe(true);
  });

  it('gives root a few tokens, one with all', async () => {
    const s = await sim.login('root', 'rootpass');
    const tokens = (await api(sim, s, 'api_token_list')).data.tokens;
    expect(Object.keys(tokens).sort()).toEqual(['WHMCS', 'ops-backup-20261001', 'root-all-access']);
    expect(tokens['root-all-access'].acls.all).toBe(1);
    expect(tokens['ops-backup-20261001'].acls.all).toBe(0);
  });
});
