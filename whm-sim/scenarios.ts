// Scenarios seed the simulator: users, and tokens with times relative to the clock.
// Files live in whm-sim/scenarios/<name>.json; `large-1k` and `large-10k` are generated
// (deterministically) by generateLargeScenario. See README.md for the format.
import { readFileSync } from 'node:fs';
import { normalizeAllowlist } from './ip.ts';
import {
  findUser,
  generateSecret,
  hashSecret,
  heldAcls,
  SECRET_PATTERN,
  type SimAccount,
  type SimState,
  type SimUser,
  type StoredToken,
} from './state.ts';

export interface ScenarioUser {
  user: string;
  pass: string;
  root?: boolean;
  acls?: string[];
}

export interface ScenarioToken {
  owner: string;
  name: string;
  /** List of ACLs, `"all"`, or null/absent for implicit full access. */
  acls?: string[] | 'all' | null;
  /** Days before the clock the token was created (may be fractional). Default 1. */
  createdDaysAgo?: number;
  /** Days from the clock until expiry (negative = already expired); null/absent = never. */
  expiresInDays?: number | null;
  whitelistIps?: string[] | null;
  /** Optional known secret (32 chars [0-9A-Z]) so tests can authenticate; only its hash is kept. */
  secret?: string;
  /** Store and answer `expires_at` as a numeric string, as WHM keeps what the form sent. Needs an expiry. */
  expiresAtAsString?: boolean;
}

export interface Scenario {
  description?: string;
  /** Default frozen clock (ISO date or unix seconds) when no `now` option is given. */
  now?: string | number;
  users: ScenarioUser[];
  tokens: ScenarioToken[];
  /** The server has child accounts (a parent node may use its tokens): the page shows `#childAccountsExistWarning`. Default false. */
  childAccounts?: boolean;
}

export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
const DAY = 86_400;
const SCENARIO_DIR = new URL('./scenarios/', import.meta.url);

/** Parse an ISO date or unix seconds (number or numeric string) into unix seconds. */
export function parseTime(value: string | number): number {
  if (typeof value === 'number') return Math.floor(value);
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`Not a date: ${value}`);
  return Math.floor(ms / 1000);
}

export function loadScenario(scenario: string | Scenario | undefined): Scenario {
  if (scenario === undefined) return loadScenario('empty');
  if (typeof scenario !== 'string') return scenario;
  if (scenario === 'large-1k') return generateLargeScenario(1_000);
  if (scenario === 'large-10k') return generateLargeScenario(10_000);
  if (!/^[A-Za-z0-9_-]+$/.test(scenario)) throw new Error(`Bad scenario name: ${scenario}`);
  const text = readFileSync(new URL(`${scenario}.json`, SCENARIO_DIR), 'utf8');
  return JSON.parse(text) as Scenario;
}

/** A few fake hosting accounts per user so `listaccts` has something to answer. */
function fakeAccounts(users: SimUser[], now: number): SimAccount[] {
  const accounts: SimAccount[] = [];
  users.forEach((u, ui) => {
    const count = u.root ? 2 : 3;
    for (let i = 1; i <= count; i++) {
      const name = `${u.user.replace(/[^a-z0-9]/gi, '').slice(0, 6).toLowerCase()}${String.fromCharCode(96 + i)}${ui}`;
      accounts.push({
        user: name,
        domain: `${name}.example.com`,
        owner: u.user,
        email: `admin@${name}.example.com`,
        plan: u.root ? 'default' : `${u.user}_basic`,
        ip: `192.0.2.${10 + ui * 10 + i}`,
        suspended: i === 3 ? 1 : 0,
        suspendreason: i === 3 ? 'Unpaid invoice' : 'not suspended',
        unix_startdate: now - (100 + 50 * i + ui) * DAY,
        diskused: `${120 * i}M`,
        disklimit: i === 1 ? 'unlimited' : `${1024 * i}M`,
        theme: 'jupiter',
      });
    }
  });
  return accounts;
}

/** Build the live state from a scenario at clock `now`; throws on an inconsistent scenario. */
export function buildState(scenario: Scenario, now: number): SimState {
  const users: SimUser[] = scenario.users.map((u) => ({
    user: u.user,
    pass: u.pass,
    root: u.root === true,
    acls: u.root ? [] : [...(u.acls ?? [])],
  }));
  const state: SimState = { users, accounts: fakeAccounts(users, now), tokens: [] };
  for (const t of scenario.tokens) {
    const owner = findUser(state, t.owner);
    if (!owner) throw new Error(`Scenario token ${t.name}: unknown owner ${t.owner}`);
    if (!TOKEN_NAME_PATTERN.test(t.name)) throw new Error(`Scenario token ${t.name}: invalid name`);
    if (state.tokens.some((x) => x.owner === t.owner && x.name === t.name))
      throw new Error(`Scenario token ${t.name}: duplicate name for ${t.owner}`);
    const fullAccess = t.acls === undefined || t.acls === null || t.acls === 'all';
    const acls = fullAccess ? [] : [...new Set(t.acls as string[])];
    const held = heldAcls(owner);
    const unheld = acls.filter((a) => !held.includes(a) && !held.includes('all'));
    if (unheld.length) throw new Error(`Scenario token ${t.name}: owner does not hold ${unheld.join(', ')}`);
    if (t.secret !== undefined && !SECRET_PATTERN.test(t.secret))
      throw new Error(`Scenario token ${t.name}: secret must be 32 characters of [0-9A-Z]`);
    const never = t.expiresInDays === undefined || t.expiresInDays === null;
    if (t.expiresAtAsString && never) throw new Error(`Scenario token ${t.name}: expiresAtAsString needs an expiry`);
    let whitelistIps: string[] | null = null;
    if (t.whitelistIps && t.whitelistIps.length) {
      const normal = normalizeAllowlist(t.whitelistIps);
      if ('invalid' in normal) throw new Error(`Scenario token ${t.name}: bad IP ${normal.invalid}`);
      whitelistIps = normal.entries;
    }
    const token: StoredToken = {
      owner: t.owner,
      name: t.name,
      secretHash: hashSecret(t.secret ?? generateSecret()),
      fullAccess,
      implicitFullAccess: t.acls === undefined || t.acls === null,
      acls,
      createTime: Math.round(now - (t.createdDaysAgo ?? 1) * DAY),
      expiresAt: never ? null : Math.round(now + (t.expiresInDays as number) * DAY),
      ...(t.expiresAtAsString ? { expiresAtAsString: true } : {}),
      whitelistIps,
    };
    state.tokens.push(token);
  }
  return state;
}

/** Deterministic PRNG (mulberry32) so generated scenarios are identical on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_NOW = '2026-11-28T12:00:00Z';

export const DEMO_RESELLER_ACLS = [
  'acct-summary', 'basic-system-info', 'basic-whm-functions', 'cors-proxy-get', 'cpanel-api',
  'create-user-session', 'digest-auth', 'generate-email-config', 'list-pkgs', 'manage-api-tokens',
  'manage-dns-records', 'mysql-info', 'ns-config', 'public-contact', 'ssl-info', 'track-email',
  'list-accts', 'show-bandwidth', 'create-acct', 'kill-acct', 'suspend-acct', 'upgrade-account', 'ssl',
  'edit-mx', 'passwd', 'create-dns', 'kill-dns', 'park-dns', 'edit-dns', 'add-pkg', 'edit-pkg',
  'allow-addoncreate', 'allow-parkedcreate', 'viewglobalpackages', 'edit-account', 'limit-bandwidth',
];

const PURPOSES = [
  'backup', 'dns-sync', 'billing-sync', 'monitoring', 'provisioning', 'ssl-renewal', 'migration',
  'reporting', 'suspend-bot', 'invoice-reader', 'mail-check', 'dashboard',
];
const ACL_SETS: Array<string[] | 'all' | null> = [
  ['list-accts'],
  ['list-accts', 'show-bandwidth'],
  ['list-accts', 'create-acct', 'suspend-acct', 'upgrade-account'],
  ['edit-dns', 'create-dns', 'park-dns'],
  ['ssl', 'ssl-info', 'list-accts'],
  ['passwd', 'list-accts'],
  ['create-user-session', 'list-accts'],
  ['cpanel-api', 'list-accts', 'acct-summary'],
  ['edit-account', 'limit-bandwidth'],
  null,
];

/**
 * A large reseller with `count` tokens: a realistic mix of expired, expiring, never
 * expiring, old, full-access, risky, on- and off-convention names, with and without
 * allowlists. Deterministic.
 */
export function generateLargeScenario(count: number): Scenario {
  const rand = prng(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const tokens: ScenarioToken[] = [];
  const base = parseTime(DEMO_NOW);
  for (let i = 0; i < count; i++) {
    const createdDaysAgo = Math.floor(rand() * 720);
    const created = new Date((base - createdDaysAgo * DAY) * 1000);
    const ymd = created.toISOString().slice(0, 10).replace(/-/g, '');
    const purpose = pick(PURPOSES);
    const style = rand();
    const name =
      style < 0.75
        ? `${pick(['ops', 'billing'])}-${purpose}-${i.toString(36)}-${ymd}`
        : style < 0.9
          ? `${purpose.replace(/-/g, '_')}_${i}`
          : `Token${i}`;
    const r = rand();
    const expiresInDays =
      r < 0.15 ? -Math.ceil(rand() * 200) : r < 0.22 ? rand() * 14 : r < 0.5 ? null : 14 + Math.floor(rand() * 350);
    const whitelistIps =
      rand() < 0.4 ? null : rand() < 0.7 ? [`192.0.2.${i % 250}`] : [`198.51.100.0/24`, `2001:db8:${(i % 65535).toString(16)}::/48`];
    tokens.push({
      owner: 'reseller1',
      name,
      acls: pick(ACL_SETS),
      createdDaysAgo,
      expiresInDays,
      whitelistIps,
    });
  }
  return {
    description: `Generated: reseller1 with ${count} tokens`,
    now: DEMO_NOW,
    users: [
      { user: 'root', pass: 'rootpass', root: true },
      { user: 'reseller1', pass: 'resellerpass', acls: DEMO_RESELLER_ACLS },
    ],
    tokens,
  };
}

