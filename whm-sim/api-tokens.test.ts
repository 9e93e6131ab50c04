// The token functions of WHM API 1 as reference/whm.md §2 states them, over real HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_ACL_NAMES } from './acl-catalog.ts';
import { simRequest } from './http-client.ts';
import { DEMO_RESELLER_ACLS, type Scenario } from './scenarios.ts';
import { startSimulator, type Simulator } from './server.ts';
import { hashSecret } from './state.ts';
import { api, DAY, NOW, shapeOf, type Session } from './test-helpers.ts';

const EXPIRED_SECRET = 'EXPIREDSECRET0000000000000000001';
const CONTROLLER_ACLS = ['create-acct', 'edit-account', 'limit-bandwidth', 'list-accts', 'suspend-acct', 'upgrade-account'];

const scenario: Scenario = {
  users: [
    { user: 'root', pass: 'rootpass', root: true },
    { user: 'reseller1', pass: 'resellerpass', acls: DEMO_RESELLER_ACLS },
    { user: 'controller', pass: 'controllerpass', acls: [...CONTROLLER_ACLS, 'kill-acct', 'demo'] },
  ],
  tokens: [
    { owner: 'reseller1', name: 'long-gone', acls: ['list-accts'], createdDaysAgo: 100, expiresInDays: -1, secret: EXPIRED_SECRET },
    { owner: 'reseller1', name: 'forever', acls: null, createdDaysAgo: 5, expiresInDays: null },
  ],
};

const PREFIX = 'The system failed to create the API token: ';
const UPDATE_PREFIX = 'The system failed to update the API token: ';
const REVOKE_PREFIX = 'The system failed to revoke the API token: ';

let sim: Simulator;
let reseller: Session;
let root: Session;

beforeAll(async () => {
  sim = await startSimulator({ scenario, now: NOW });
  reseller = await sim.login('reseller1', 'resellerpass');
  root = await sim.login('root', 'rootpass');
});
afterAll(() => sim.close());

const create = (params: Record<string, string> | Array<[string, string]>, s: Session = reseller) =>
  api(sim, s, 'api_token_create', params);
const list = async (s: Session = reseller) => (await api(sim, s, 'api_token_list')).data.tokens;

describe('envelope', () => {
  it('answers version and a failure without a data key', async () => {
    expect(await api(sim, reseller, 'version')).toEqual({
      data: { version: '11.120.0.16' },
      metadata: { command: 'version', reason: 'OK', result: 1, version: 1 },
    });
    const bad = await create({ token_name: 'bad name' });
    expect(bad.metadata.result).toBe(0);
    expect(bad).not.toHaveProperty('data');
  });

  it('requires api.version=1', async () => {
    const res = await api(sim, reseller, 'version', { 'api.version': '0' });
    expect(res.metadata.result).toBe(0);
    expect(res).not.toHaveProperty('data');
  });

  it('refuses unknown functions', async () => {
    const res = await api(sim, reseller, 'make_coffee');
    expect(res.metadata).toEqual({
      command: 'make_coffee',
      reason: 'Unknown app (“make_coffee”) requested for this version (1) of the API.',
      result: 0,
      version: 1,
    });
  });

  it('accepts GET query parameters as well as a POST body', async () => {
    const res = await simRequest(`${sim.origin}/${reseller.cpsess}/json-api/api_token_create?api.version=1&token_name=via-get`, {
      headers: { cookie: reseller.cookieHeader },
    });
    expect(res.json<any>().metadata.result).toBe(1);
  });
});

describe('api_token_create', () => {
  it('enforces the name rule with WHM’s message', async () => {
    for (const name of ['bad name', 'a'.repeat(51), 'dot.ted', 'ünï', '<b>']) {
      const res = await create({ token_name: name });
      expect(res.metadata.reason).toBe(
        `${PREFIX}“${name}” is not a valid API token name. An API token name must not be longer than 50 characters and may only contain the following characters: a-z A-Z 0-9 _ -`,
      );
    }
    expect((await create({ token_name: 'A'.repeat(50) })).metadata.result).toBe(1);
    expect((await create({ token_name: '0_-Zz' })).metadata.result).toBe(1);
  });

  it('requires token_name', async () => {
    const res = await create({});
    expect(res.metadata.result).toBe(0);
    expect(res.metadata.reason.startsWith(PREFIX)).toBe(true);
  });

  it('keeps names unique per user, case-sensitively', async () => {
    expect((await create({ token_name: 'dup' })).metadata.result).toBe(1);
    expect((await create({ token_name: 'dup' })).metadata.reason).toBe(
      `${PREFIX}A conflicting API token with the name “dup” already exists.`,
    );
    expect((await create({ token_name: 'DUP' })).metadata.result).toBe(1);
    expect((await create({ token_name: 'dup' }, root)).metadata.result).toBe(1); // another user
  });

  it('accepts acl= and acl-N forms and answers acls as an array', async () => {
    const single = await create({ token_name: 'single-acl', acl: 'list-accts' });
    expect(single.data.acls).toEqual(['list-accts']);
    const multi = await create([
      ['token_name', 'multi-acl'],
      ['acl-0', 'list-accts'],
      ['acl-1', 'suspend-acct'],
    ]);
    expect(multi.data.acls).toEqual(['list-accts', 'suspend-acct']);
    const tokens = await list();
    expect(tokens['multi-acl'].acls['list-accts']).toBe(1);
    expect(tokens['multi-acl'].acls['suspend-acct']).toBe(1);
    expect(tokens['multi-acl'].acls['create-acct']).toBe(0);
  });

  it('treats an omitted acl as implicit full access', async () => {
    const res = await create({ token_name: 'implicit-full' });
    expect(res.data).not.toHaveProperty('acls');
    expect(res.data).not.toHaveProperty('whitelist_ips');
    const map = (await list())['implicit-full'].acls;
    expect(Object.keys(map).sort()).toEqual([...DEMO_RESELLER_ACLS].sort());
    expect(Object.values(map).every((v) => v === 1)).toBe(true);
    expect(map).not.toHaveProperty('all');
  });

  it('gives root’s full-access tokens every catalogue key and all: 1', async () => {
    const explicit = await create({ token_name: 'root-all', acl: 'all' }, root);
    expect(explicit.data.acls).toEqual(['all']);
    await create({ token_name: 'root-implicit' }, root);
    const tokens = await list(root);
    for (const name of ['root-all', 'root-implicit']) {
      const map = tokens[name].acls;
      expect(Object.keys(map).sort()).toEqual([...CATALOG_ACL_NAMES].sort());
      expect(map.all).toBe(1);
      expect(Object.values(map).every((v) => v === 1)).toBe(true);
    }
    const narrow = await create({ token_name: 'root-narrow', acl: 'status' }, root);
    expect(narrow.data.acls).toEqual(['status']);
    expect((await list(root))['root-narrow'].acls.all).toBe(0);
  });

  it('lets root use WebPros_Dashboard and WP-Dashboard (no reserved names in 11.120)', async () => {
    for (const name of ['WebPros_Dashboard', 'WP-Dashboard']) {
      const res = await create({ token_name: name }, root);
      expect(res.metadata).toEqual({ command: 'api_token_create', reason: 'OK', result: 1, version: 1 });
      expect(res.data.name).toBe(name);
    }
  });

  it('keeps the reserved-name rule of newer WHM behind reservedTokenNames', async () => {
    const sim2 = await startSimulator({ scenario, now: NOW, reservedTokenNames: true });
    try {
      const r = await sim2.login('root', 'rootpass');
      for (const name of ['WebPros_Dashboard', 'WP-Dashboard']) {
        expect((await api(sim2, r, 'api_token_create', { token_name: name })).metadata.reason).toBe(
          `${PREFIX}The name “${name}” is reserved.`,
        );
      }
      await api(sim2, r, 'api_token_create', { token_name: 'dash' });
      expect((await api(sim2, r, 'api_token_update', { token_name: 'dash', new_name: 'WP-Dashboard' })).metadata.reason).toBe(
        `${UPDATE_PREFIX}The name “WP-Dashboard” is reserved.`,
      );
      // Only root is held to it.
      const s = await sim2.login('reseller1', 'resellerpass');
      expect((await api(sim2, s, 'api_token_create', { token_name: 'WP-Dashboard' })).metadata.result).toBe(1);
    } finally {
      await sim2.close();
    }
  });

  it('refuses ACLs the caller does not hold', async () => {
    expect((await create({ token_name: 'too-much', acl: 'quota' })).metadata.reason).toBe(
      `${PREFIX}Invalid or unauthorized ACL specified: quota`,
    );
    const two = await create([
      ['token_name', 'too-much'],
      ['acl-0', 'list-accts'],
      ['acl-1', 'quota'],
      ['acl-2', 'clustering'],
    ]);
    expect(two.metadata.reason).toBe(`${PREFIX}Invalid or unauthorized ACLs specified: quota, clustering`);
    expect((await create({ token_name: 'too-much', acl: 'all' })).metadata.reason).toBe(
      `${PREFIX}Invalid or unauthorized ACL specified: all`,
    );
    expect((await create({ token_name: 'no-such', acl: 'no-such-acl' })).metadata.result).toBe(0);
    expect((await list())).not.toHaveProperty('too-much');
  });

  it('requires a future expires_at; 0 or absent means never', async () => {
    for (const value of [NOW - 1, NOW]) {
      expect((await create({ token_name: 'past', expires_at: String(value) })).metadata.reason).toBe(
        `${PREFIX}The “${value}” value must be a future date.`,
      );
    }
    expect((await create({ token_name: 'future', expires_at: String(NOW + DAY) })).data.expires_at).toBe(NOW + DAY);
    expect((await create({ token_name: 'zero', expires_at: '0' })).data.expires_at).toBeNull();
    expect((await create({ token_name: 'absent' })).data.expires_at).toBeNull();
    expect((await list()).zero.expires_at).toBeNull();
  });

  it('limits the allowlist to 100 entries', async () => {
    const ips = (n: number) => Array.from({ length: n }, (_, i): [string, string] => [`whitelist_ip-${i}`, `10.0.${i >> 8}.${i & 255}`]);
    const over = await create([['token_name', 'many-ips'], ...ips(101)]);
    expect(over.metadata.reason).toBe(`${PREFIX}You have entered “101” IP addresses, which is above the limit of 100.`);
    const at = await create([['token_name', 'many-ips'], ...ips(100)]);
    expect(at.data.whitelist_ips).toHaveLength(100);
  });

  it('refuses invalid addresses and ranges', async () => {
    for (const ip of ['300.1.1.1', 'example.com', '10.0.0.0/33', 'fe80::1::2']) {
      expect((await create({ token_name: 'bad-ip', whitelist_ip: ip })).metadata.reason).toBe(
        `${PREFIX}Invalid IP address or CIDR range specified: ${ip}`,
      );
    }
  });

  it('normalises IPv6 to eight zero-padded groups', async () => {
    const res = await create([
      ['token_name', 'v6'],
      ['whitelist_ip', 'FC00:ABCD::F'],
      ['whitelist_ip-0', '2620:0:28a4::/48'],
    ]);
    expect(res.data.whitelist_ips).toEqual([
      '2620:0000:28a4:0000:0000:0000:0000:0000/48',
      'fc00:abcd:0000:0000:0000:0000:0000:000f',
    ]);
  });

  it('answers the allowlist deduplicated, sorted IPv4 first, without /32 or /128 (11.120)', async () => {
    const sent = [
      '2001:DB8::1/128',
      '192.0.2.1/32',
      '10.0.0.1',
      'fc00::/7',
      '192.0.2.1',
      '2001:db8:0:0::1',
      '9.9.9.9',
      '10.0.0.0/8',
      '::ffff:192.0.2.1',
    ];
    const expected = [
      '9.9.9.9',
      '10.0.0.0/8',
      '10.0.0.1',
      '192.0.2.1',
      '0000:0000:0000:0000:0000:ffff:c000:0201',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      'fc00:0000:0000:0000:0000:0000:0000:0000/7',
    ];
    const created = await create([['token_name', 'ip-order'], ...sent.map((ip, i): [string, string] => [`whitelist_ip-${i}`, ip])]);
    expect(created.data.whitelist_ips).toEqual(expected);
    expect((await list())['ip-order'].whitelist_ips).toEqual(expected);
    expect((await api(sim, reseller, 'api_token_get_details', { token: created.data.token })).data.whitelist_ips).toEqual(expected);
    const updated = await api(sim, reseller, 'api_token_update', [
      ['token_name', 'ip-order'],
      ['whitelist_ip-0', '2001:db8::2'],
      ['whitelist_ip-1', '198.51.100.7/32'],
      ['whitelist_ip-2', '198.51.100.7'],
      ['whitelist_ip-3', '198.51.100.0/24'],
    ]);
    expect(updated.data.whitelist_ips).toEqual(['198.51.100.0/24', '198.51.100.7', '2001:0db8:0000:0000:0000:0000:0000:0002']);
  });

  it('leaves whitelist_ips out when there is no allowlist, in every answer (11.120)', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['no-ips-a', {}],
      ['no-ips-b', { whitelist_ip: 'any' }],
    ];
    for (const [name, extra] of cases) {
      const created = await create({ token_name: name, ...extra });
      expect(Object.keys(created.data)).toEqual(['create_time', 'expires_at', 'name', 'token']);
      expect((await list())[name]).not.toHaveProperty('whitelist_ips');
      expect((await api(sim, reseller, 'api_token_get_details', { token: created.data.token })).data).not.toHaveProperty('whitelist_ips');
    }
    const updated = await api(sim, reseller, 'api_token_update', { token_name: 'no-ips-a', acl: 'list-accts' });
    expect(updated.data).toEqual({ acls: ['list-accts'], create_time: NOW, expires_at: null, name: 'no-ips-a' });
  });

  it('returns a 32-character [0-9A-Z] secret and stores only its SHA-512', async () => {
    const res = await create({ token_name: 'secret-check' });
    const secret: string = res.data.token;
    expect(secret).toMatch(/^[0-9A-Z]{32}$/);
    const stored = sim.state.tokens.find((t) => t.owner === 'reseller1' && t.name === 'secret-check');
    expect(stored?.secretHash).toBe(hashSecret(secret));
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{128}$/);
    expect(JSON.stringify(sim.state)).not.toContain(secret);
    expect(JSON.stringify(await list())).not.toContain(secret);
  });

  it('answers like the documented example', async () => {
    const controller = await sim.login('controller', 'controllerpass');
    sim.setNow(1483625276);
    try {
      const res = await create(
        [
          ['token_name', 'example'],
          ['acl', 'kill-acct'],
          ['expires_at', '1609372800'],
          ['whitelist_ip-0', '1.1.1.1'],
          ['whitelist_ip-1', '1.1.1.2'],
          ['whitelist_ip-2', '1.1.1.8/29'],
          ['whitelist_ip-3', 'fc00:abcd::f'],
          ['whitelist_ip-4', '2620:0:28a4::/48'],
        ],
        controller,
      );
      const documented = {
        data: {
          acls: ['kill-acct'],
          create_time: 1483625276,
          expires_at: 1609372800,
          name: 'example',
          token: 'UWU28DCA23NKY76CN17MDPKM3O7EFQY8',
          whitelist_ips: ['1.1.1.1', '1.1.1.2', '1.1.1.8/29', 'fc00:abcd:0000:0000:0000:0000:0000:000f', '2620:0000:28a4:0000:0000:0000:0000:0000/48'],
        },
        metadata: { command: 'api_token_create', reason: 'OK', result: 1, version: 1 },
      };
      expect(shapeOf(res)).toEqual(shapeOf(documented));
      expect(Object.keys(res.data)).toEqual(Object.keys(documented.data));
      // 11.120 sorts the allowlist (IPv4 first, then by address): the docs' example does not.
      const sorted = ['1.1.1.1', '1.1.1.2', '1.1.1.8/29', '2620:0000:28a4:0000:0000:0000:0000:0000/48', 'fc00:abcd:0000:0000:0000:0000:0000:000f'];
      expect({ ...res, data: { ...res.data, token: documented.data.token } }).toEqual({
        ...documented,
        data: { ...documented.data, whitelist_ips: sorted },
      });
    } finally {
      sim.setNow(NOW);
    }
  });
});

describe('api_token_list', () => {
  it('answers like the documented example for a reseller holding those six ACLs', async () => {
    const sim2 = await startSimulator({
      scenario: { users: [{ user: 'controller', pass: 'p', acls: [...CONTROLLER_ACLS, 'demo'] }], tokens: [] },
      now: 1483625276,
      http: true,
    });
    try {
      const s = await sim2.login('controller', 'p');
      await api(sim2, s, 'api_token_create', [
        ['token_name', 'my-controller-token'],
        ['acl-0', 'limit-bandwidth'],
        ['acl-1', 'list-accts'],
        ['acl-2', 'suspend-acct'],
        ['expires_at', '1609372800'],
        ['whitelist_ip-0', '192.0.2.1'],
        ['whitelist_ip-1', '192.0.2.8/29'],
      ]);
      sim2.setNow(1490882281);
      await api(sim2, s, 'api_token_create', { token_name: 'my-read-only-token', acl: 'list-accts' });
      const res = await api(sim2, s, 'api_token_list');
      const documented = {
        data: {
          tokens: {
            'my-controller-token': {
              acls: { 'create-acct': 0, 'edit-account': 0, 'limit-bandwidth': 1, 'list-accts': 1, 'suspend-acct': 1, 'upgrade-account': 0 },
              create_time: 1483625276,
              expires_at: 1609372800,
              name: 'my-controller-token',
              whitelist_ips: ['192.0.2.1', '192.0.2.8/29'],
            },
            // The docs show `whitelist_ips: null`; 11.120 leaves the key out.
            'my-read-only-token': {
              acls: { 'create-acct': 0, 'edit-account': 0, 'limit-bandwidth': 0, 'list-accts': 1, 'suspend-acct': 0, 'upgrade-account': 0 },
              create_time: 1490882281,
              expires_at: null,
              name: 'my-read-only-token',
            },
          },
        },
        metadata: { command: 'api_token_list', reason: 'OK', result: 1, version: 1 },
      };
      expect(shapeOf(res)).toEqual(shapeOf(documented));
      expect(res).toEqual(documented); // `demo` is dropped from the map too
      expect(Object.keys(res.data.tokens['my-read-only-token'])).toEqual(['acls', 'create_time', 'expires_at', 'name']);
    } finally {
      await sim2.close();
    }
  });

  it('keeps expired tokens listed; null expiry and allowlist', async () => {
    const tokens = await list();
    expect(tokens['long-gone'].expires_at).toBe(NOW - DAY);
    expect(tokens['long-gone'].acls['list-accts']).toBe(1);
    expect(tokens.forever.expires_at).toBeNull();
    expect(tokens.forever).not.toHaveProperty('whitelist_ips');
    expect(tokens.forever.create_time).toBe(NOW - 5 * DAY);
  });

  it('lists only the caller’s own tokens', async () => {
    const rootTokens = await list(root);
    expect(rootTokens).not.toHaveProperty('forever');
  });
});

describe('api_token_update', () => {
  const update = (params: Record<string, string> | Array<[string, string]>) => api(sim, reseller, 'api_token_update', params);

  it('keeps omitted fields (11.120) and never changes the secret', async () => {
    const created = await create([
      ['token_name', 'upd-keep'],
      ['acl-0', 'list-accts'],
      ['acl-1', 'ssl'],
      ['expires_at', String(NOW + 10 * DAY)],
      ['whitelist_ip', '192.0.2.7'],
    ]);
    const hashBefore = sim.state.tokens.find((t) => t.name === 'upd-keep')?.secretHash;
    const res = await update({ token_name: 'upd-keep', expires_at: String(NOW + 20 * DAY) });
    expect(res.data).toEqual({
      acls: ['list-accts', 'ssl'],
      create_time: created.data.create_time,
      expires_at: NOW + 20 * DAY,
      name: 'upd-keep',
      whitelist_ips: ['192.0.2.7'],
    });
    expect(sim.state.tokens.find((t) => t.name === 'upd-keep')?.secretHash).toBe(hashBefore);
    const renamed = await update({ token_name: 'upd-keep', new_name: 'upd-renamed' });
    expect(renamed.data.acls).toEqual(['list-accts', 'ssl']);
    expect(renamed.data.expires_at).toBe(NOW + 20 * DAY);
    expect((await list())['upd-renamed'].whitelist_ips).toEqual(['192.0.2.7']);
  });

  it('changes ACLs, expiry to never and clears the allowlist with any', async () => {
    await create([
      ['token_name', 'upd-change'],
      ['acl', 'list-accts'],
      ['expires_at', String(NOW + DAY)],
      ['whitelist_ip', '192.0.2.7'],
    ]);
    const res = await update([
      ['token_name', 'upd-change'],
      ['acl-0', 'suspend-acct'],
      ['acl-1', 'list-accts'],
      ['expires_at', '0'],
      ['whitelist_ip', 'any'],
    ]);
    expect(res.data.acls).toEqual(['suspend-acct', 'list-accts']);
    expect(res.data.expires_at).toBeNull();
    expect(res.data).not.toHaveProperty('whitelist_ips');
    const full = await update({ token_name: 'upd-change', acl: 'all' }).catch(() => null);
    expect(full?.metadata.result).toBe(0); // a reseller does not hold `all`
  });

  it('omits acls for implicit full access; acl=all keeps ["all"] (11.120)', async () => {
    const implicit = await create({ token_name: 'upd-full' });
    const res = await update({ token_name: 'upd-full', whitelist_ip: '192.0.2.9' });
    expect(res.data).toEqual({ create_time: NOW, expires_at: null, name: 'upd-full', whitelist_ips: ['192.0.2.9'] });
    const details = await api(sim, reseller, 'api_token_get_details', { token: implicit.data.token });
    expect(details.data).toEqual({ create_time: NOW, expires_at: null, name: 'upd-full', whitelist_ips: ['192.0.2.9'] });
    // A scenario token without acls is implicit too.
    expect(await update({ token_name: 'forever', expires_at: '0' })).toEqual({
      data: { create_time: NOW - 5 * DAY, expires_at: null, name: 'forever' },
      metadata: { command: 'api_token_update', reason: 'OK', result: 1, version: 1 },
    });

    const explicit = await create({ token_name: 'upd-all', acl: 'all' }, root);
    expect(explicit.data.acls).toEqual(['all']);
    const rootUpdate = await api(sim, root, 'api_token_update', { token_name: 'upd-all', expires_at: String(NOW + DAY) });
    expect(rootUpdate.data).toEqual({ acls: ['all'], create_time: NOW, expires_at: NOW + DAY, name: 'upd-all' });
    expect((await api(sim, root, 'api_token_get_details', { token: explicit.data.token })).data.acls).toEqual(['all']);

    // Sending ACLs makes the grant explicit: the array comes back.
    const narrowed = await update({ token_name: 'upd-full', acl: 'list-accts' });
    expect(narrowed.data.acls).toEqual(['list-accts']);
    const rootImplicit = await create({ token_name: 'upd-root-implicit' }, root);
    const widened = await api(sim, root, 'api_token_update', { token_name: 'upd-root-implicit', acl: 'all' });
    expect(widened.data.acls).toEqual(['all']);
    expect((await api(sim, root, 'api_token_get_details', { token: rootImplicit.data.token })).data.acls).toEqual(['all']);
  });

  it('takes a complete state in one call: new_name, acl-N, expires_at and whitelist_ip-N, each as sent', async () => {
    // What Token Warden's fixes send: the whole token, one field changed or not.
    await create([['token_name', 'upd-whole'], ['acl', 'list-accts'], ['whitelist_ip', '192.0.2.1']]);
    const hashBefore = sim.state.tokens.find((t) => t.name === 'upd-whole')?.secretHash;
    const res = await update([
      ['token_name', 'upd-whole'],
      ['new_name', 'upd-whole-2'],
      ['acl-0', 'list-accts'],
      ['acl-1', 'acct-summary'],
      ['expires_at', String(NOW + 90 * DAY)],
      ['whitelist_ip-0', '198.51.100.0/24'],
      ['whitelist_ip-1', '2001:db8::1/128'],
    ]);
    expect(res.data).toEqual({
      acls: ['list-accts', 'acct-summary'],
      create_time: NOW,
      expires_at: NOW + 90 * DAY,
      name: 'upd-whole-2',
      whitelist_ips: ['198.51.100.0/24', '2001:0db8:0000:0000:0000:0000:0000:0001'],
    });
    const listed = (await list())['upd-whole-2'];
    expect(Object.entries(listed.acls).filter(([, on]) => on).map(([acl]) => acl).sort()).toEqual(['acct-summary', 'list-accts']);
    expect(listed.expires_at).toBe(NOW + 90 * DAY);
    expect(await list()).not.toHaveProperty('upd-whole');
    expect(sim.state.tokens.find((t) => t.name === 'upd-whole-2')?.secretHash).toBe(hashBefore);
    // The allowlist cleared by `whitelist_ip-0=any`, as by `whitelist_ip=any`.
    expect((await update([['token_name', 'upd-whole-2'], ['whitelist_ip-0', 'any']])).data).not.toHaveProperty('whitelist_ips');
  });

  it('fails only when no field besides token_name is sent; the same values again succeed (11.120)', async () => {
    await create({ token_name: 'upd-same', acl: 'list-accts', whitelist_ip: '192.0.2.1' });
    const nothing: Array<Record<string, string>> = [{ token_name: 'upd-same' }, { token_name: 'upd-same', 'api.version': '1', new_name: '' }];
    for (const params of nothing) {
      expect((await update(params)).metadata).toEqual({
        command: 'api_token_update',
        reason: `${UPDATE_PREFIX}Specify a new name, updated ACLs, or IPs.`,
        result: 0,
        version: 1,
      });
    }
    const same = { acls: ['list-accts'], create_time: NOW, expires_at: null, name: 'upd-same', whitelist_ips: ['192.0.2.1'] };
    const again: Array<Record<string, string>> = [
      { token_name: 'upd-same', new_name: 'upd-same', acl: 'list-accts', whitelist_ip: '192.0.2.1', expires_at: '0' },
      { token_name: 'upd-same', new_name: 'upd-same' },
      { token_name: 'upd-same', acl: 'list-accts' },
      { token_name: 'upd-same', expires_at: '0' },
      { token_name: 'upd-same', whitelist_ip: '192.0.2.1' },
    ];
    for (const params of again)
      expect(await update(params)).toEqual({ data: same, metadata: { command: 'api_token_update', reason: 'OK', result: 1, version: 1 } });
  });

  it('prefixes every failure reason (11.120)', async () => {
    expect((await update({ token_name: 'nope', new_name: 'x' })).metadata.reason).toBe(
      `${UPDATE_PREFIX}The API token “nope” does not exist.`,
    );
    expect((await update({ new_name: 'x' })).metadata.reason).toBe(`${UPDATE_PREFIX}Provide the “token_name” argument.`);
    await create({ token_name: 'upd-a' });
    await create({ token_name: 'upd-b' });
    const conflict = await update({ token_name: 'upd-a', new_name: 'upd-b' });
    expect(conflict.metadata).toEqual({
      command: 'api_token_update',
      reason: `${UPDATE_PREFIX}A conflicting API token with the name “upd-b” already exists.`,
      result: 0,
      version: 1,
    });
    expect(conflict).not.toHaveProperty('data');
    expect((await update({ token_name: 'upd-a', new_name: 'bad name' })).metadata.reason).toBe(
      `${UPDATE_PREFIX}“bad name” is not a valid API token name. An API token name must not be longer than 50 characters and may only contain the following characters: a-z A-Z 0-9 _ -`,
    );
    expect((await update({ token_name: 'upd-a', expires_at: String(NOW - 5) })).metadata.reason).toBe(
      `${UPDATE_PREFIX}The “${NOW - 5}” value must be a future date.`,
    );
    expect((await update({ token_name: 'upd-a', acl: 'quota' })).metadata.reason).toBe(
      `${UPDATE_PREFIX}Invalid or unauthorized ACL specified: quota`,
    );
    expect((await update({ token_name: 'upd-a', whitelist_ip: '300.1.1.1' })).metadata.reason).toBe(
      `${UPDATE_PREFIX}Invalid IP address or CIDR range specified: 300.1.1.1`,
    );
  });
});

describe('api_token_revoke', () => {
  const revoke = (params: Record<string, string> | Array<[string, string]>) => api(sim, reseller, 'api_token_revoke', params);

  it('revokes one or several and ignores unknown names', async () => {
    await create({ token_name: 'rev-1' });
    await create({ token_name: 'rev-2' });
    await create({ token_name: 'rev-3' });
    expect(await revoke({ token_name: 'rev-1' })).toEqual({
      metadata: { command: 'api_token_revoke', reason: 'OK', result: 1, version: 1 },
    });
    const many = await revoke([
      ['token_name-0', 'rev-2'],
      ['token_name-1', 'does-not-exist'],
      ['token_name-2', 'rev-3'],
    ]);
    expect(many.metadata.result).toBe(1);
    expect(many).not.toHaveProperty('data');
    const tokens = await list();
    for (const name of ['rev-1', 'rev-2', 'rev-3']) expect(tokens).not.toHaveProperty(name);
    expect((await revoke({ token_name: 'never-existed' })).metadata.result).toBe(1);
  });

  it('does not touch another user’s token of the same name', async () => {
    await create({ token_name: 'shared-name' }, root);
    await create({ token_name: 'shared-name' });
    await revoke({ token_name: 'shared-name' });
    expect(await list(root)).toHaveProperty('shared-name');
  });

  it('fails without any token_name', async () => {
    const res = await revoke({});
    expect(res.metadata).toEqual({
      command: 'api_token_revoke',
      reason: `${REVOKE_PREFIX}Provide at least one “token_name” argument.`,
      result: 0,
      version: 1,
    });
    expect(res).not.toHaveProperty('data');
  });
});

describe('api_token_get_details', () => {
  const details = (token: string, s: Session = reseller) => api(sim, s, 'api_token_get_details', { token });

  it('finds a token by its secret', async () => {
    const created = await create({ token_name: 'details-me', acl: 'list-accts', whitelist_ip: '192.0.2.3' });
    const res = await details(created.data.token);
    expect(res.data).toEqual({
      acls: ['list-accts'],
      create_time: NOW,
      expires_at: null,
      name: 'details-me',
      whitelist_ips: ['192.0.2.3'],
    });
    // Only among the caller's own tokens.
    expect(await details(created.data.token, root)).not.toHaveProperty('data');
  });

  it('answers result 1 without data for unknown and expired secrets', async () => {
    for (const secret of ['ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', EXPIRED_SECRET]) {
      const res = await details(secret);
      expect(res.metadata.result).toBe(1);
      expect(res).not.toHaveProperty('data');
    }
  });
});

describe('myprivs and listaccts', () => {
  it('lists every catalogue ACL as 0/1 and all', async () => {
    const mine = (await api(sim, reseller, 'myprivs')).data.privileges[0];
    expect(mine['list-accts']).toBe(1);
    expect(mine.quota).toBe(0);
    expect(mine.all).toBe(0);
    expect(Object.keys(mine).sort()).toEqual([...CATALOG_ACL_NAMES].sort());
    const held = Object.keys(mine).filter((a) => mine[a] === 1);
    expect(held.sort()).toEqual([...DEMO_RESELLER_ACLS].sort());
  });

  it('answers all: 1 and every other ACL 0 for root and any holder of all (11.120)', async () => {
    const only = Object.fromEntries(CATALOG_ACL_NAMES.map((a) => [a, a === 'all' ? 1 : 0]));
    const rootPrivs = await api(sim, root, 'myprivs');
    expect(rootPrivs).toEqual({ data: { privileges: [only] }, metadata: { command: 'myprivs', reason: 'OK', result: 1, version: 1 } });
    const sim2 = await startSimulator({ scenario: { users: [{ user: 'super', pass: 'p', acls: ['all'] }], tokens: [] }, now: NOW });
    try {
      const s = await sim2.login('super', 'p');
      expect((await api(sim2, s, 'myprivs')).data.privileges).toEqual([only]);
    } finally {
      await sim2.close();
    }
  });

  it('lists the caller’s accounts, and root sees all', async () => {
    const mine = (await api(sim, reseller, 'listaccts')).data.acct as Array<{ owner: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.owner === 'reseller1')).toBe(true);
    const all = (await api(sim, root, 'listaccts')).data.acct as Array<{ owner: string }>;
    expect(all.length).toBeGreaterThan(mine.length);
  });
});
