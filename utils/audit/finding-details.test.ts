import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy/defaults';
import { formatDateTime } from '../i18n';
import type { WhmToken } from '../whm/schemas';
import { auditTokens, type Finding } from './audit-tokens';
import { findingBadge, findingDetail, levelLabel, timeAgo, timeAhead } from './finding-details';

const NOW = 1_800_000_000;
const DAY = 86_400;
const HOUR = 3_600;
const token = (over: Partial<WhmToken> = {}): WhmToken => ({
  name: 'ops-billing-20261128',
  createTime: NOW - 10 * DAY,
  expiresAt: NOW + 60 * DAY,
  acls: ['list-accts'],
  heldAcls: [],
  whitelistIps: ['192.0.2.1'],
  ...over,
});
/** The badge of each finding the audit makes for this token, by rule. */
const badges = (t: WhmToken, now = NOW) =>
  Object.fromEntries(auditTokens([t], DEFAULT_POLICY, now).tokens[0]!.findings.map((f) => [f.rule, findingBadge(f, t, now)]));
const noHint = { namingHint: null };

describe('how long', () => {
  it('counts whole days, then whole hours, then says under an hour', () => {
    expect(timeAgo(3 * DAY + 5 * HOUR)).toBe('3 days ago');
    expect(timeAgo(DAY)).toBe('1 day ago');
    expect(timeAgo(5 * HOUR + 59 * 60)).toBe('5 h ago');
    expect(timeAgo(59 * 60)).toBe('less than an hour ago');
    expect(timeAhead(12 * HOUR)).toBe('in 12 h');
    expect(timeAhead(5 * DAY + 1)).toBe('in 5 days');
    expect(timeAhead(0)).toBe('within the hour');
    // A clock a little off never gives "in -2 h".
    expect(timeAhead(-2 * HOUR)).toBe('within the hour');
  });
});

describe('badges say what is true of the token', () => {
  it('expired, expiring and never-expiring tokens', () => {
    expect(badges(token({ expiresAt: NOW - 3 * DAY }))).toMatchObject({ expired: 'Expired 3 days ago' });
    expect(badges(token({ expiresAt: NOW + 12 * HOUR }))).toMatchObject({ 'expiring-soon': 'Expires in 12 h' });
    expect(badges(token({ expiresAt: NOW + 5 * DAY }))).toMatchObject({ 'expiring-soon': 'Expires in 5 days' });
    expect(badges(token({ expiresAt: null }))).toMatchObject({ 'never-expires': 'Never expires' });
  });

  it('rotation due gives the age, never the word "Rotate" (a Rotate button sits beside it)', () => {
    const old = badges(token({ createTime: NOW - 470 * DAY - HOUR }));
    expect(old['rotation-due']).toBe('470 days old');
    expect(Object.values(old).join(' ')).not.toMatch(/rotat/i);
  });

  it('privileges by name, full access, convention and any IP', () => {
    const risky = badges(token({ acls: ['list-accts', 'passwd', 'cpanel-api'] }));
    expect(risky['risky-privileges']).toBe('passwd, cpanel-api');
    const all = badges(token({ acls: ['all'], whitelistIps: [] }));
    expect(all).toMatchObject({ 'full-access': 'Full access', 'forbidden-privileges': 'all', 'any-ip': 'Any IP' });
    const many: Finding = { rule: 'risky-privileges', level: 'warning', acls: ['a', 'b', 'c', 'd', 'e'] };
    expect(findingBadge(many, token(), NOW)).toBe('a, b, c +2');
    expect(findingBadge({ rule: 'naming', level: 'warning' }, token(), NOW)).toBe('Off convention');
  });

  it('use the audit’s clock, not the computer’s', () => {
    const t = token({ expiresAt: NOW - 2 * DAY });
    expect(findingBadge({ rule: 'expired', level: 'critical' }, t, NOW + 10 * DAY)).toBe('Expired 12 days ago');
  });
});

describe('details in an opened banner line', () => {
  it('dates with how long, for the expiry and age rules', () => {
    const expired = token({ expiresAt: NOW - 3 * DAY });
    expect(findingDetail({ rule: 'expired', level: 'critical' }, expired, NOW, noHint)).toBe(`Expired ${formatDateTime(NOW - 3 * DAY)} (3 days ago)`);
    const soon = token({ expiresAt: NOW + 12 * HOUR });
    expect(findingDetail({ rule: 'expiring-soon', level: 'warning' }, soon, NOW, noHint)).toBe(`Expires ${formatDateTime(NOW + 12 * HOUR)} (in 12 h)`);
    const old = token({ createTime: NOW - 470 * DAY, expiresAt: null });
    expect(findingDetail({ rule: 'rotation-due', level: 'warning' }, old, NOW, noHint)).toBe(`Created ${formatDateTime(NOW - 470 * DAY)} (470 days old)`);
    expect(findingDetail({ rule: 'never-expires', level: 'warning' }, old, NOW, noHint)).toContain('470 days old');
  });

  it('which privileges, and the convention', () => {
    expect(findingDetail({ rule: 'full-access', level: 'critical' }, token({ acls: ['all'] }), NOW, noHint)).toMatch(/^Grants all/);
    expect(findingDetail({ rule: 'full-access', level: 'critical' }, token({ acls: ['a', 'b', 'c'] }), NOW, noHint)).toMatch(/every privilege its owner holds \(3\)/);
    const acls = ['passwd', 'cpanel-api', 'edit-account', 'quota'];
    expect(findingDetail({ rule: 'forbidden-privileges', level: 'critical', acls }, token(), NOW, noHint)).toBe('Grants passwd, cpanel-api, edit-account, quota');
    expect(findingDetail({ rule: 'naming', level: 'warning' }, token(), NOW, { namingHint: 'team-purpose-YYYYMMDD' })).toBe('Convention: team-purpose-YYYYMMDD');
  });
});

describe('levels in words', () => {
  it('beside the colour', () => {
    expect([levelLabel('critical'), levelLabel('warning'), levelLabel('info')]).toEqual(['Critical', 'Warning', 'Info']);
  });
});
