// Token authentication (`Authorization: whm USER:TOKEN` on /json-api/) and fault injection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simRequest } from './http-client.ts';
import { startSimulator, type Simulator } from './server.ts';
import { api, DAY, NOW, sessionCall, tokenCall, type Session } from './test-helpers.ts';

// Seeded in scenarios/demo.json.
const MONITORING = 'MONITORINGDEMOTOKEN0000000000000'; // allowlist 127.0.0.1, …; list-accts; never expires
const SSL_RENEWAL = 'SSLRENEWALDEMOTOKEN0000000000000'; // allowlist 192.0.2.0/24
const EXPIRED = 'EXPIREDDEMOTOKEN0000000000000000'; // MyOldToken, expired 45 days ago
const ROOT_BACKUP = 'ROOTBACKUPDEMOTOKEN0000000000000'; // root, allowlist 127.0.0.1

let sim: Simulator;
let reseller: Session;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW });
  reseller = await sim.login('reseller1', 'resellerpass');
});
afterAll(() => sim.close());

describe('token auth', () => {
  it('accepts a valid token without any cpsess or cookie', async () => {
    const res = await tokenCall(sim, 'reseller1', MONITORING, 'version');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ data: { version: '11.120.0.16' }, metadata: { command: 'version', reason: 'OK', result: 1, version: 1 } });
    expect(sim.requests.at(-1)).toMatchObject({ fn: 'version', auth: 'token', user: 'reseller1', method: 'GET' });
    const root = await tokenCall(sim, 'root', ROOT_BACKUP, 'listaccts');
    expect(root.json<any>().metadata.result).toBe(1);
    // A narrow root token holds only its own ACLs, not `all`.
    const rootPrivs = (await tokenCall(sim, 'root', ROOT_BACKUP, 'myprivs')).json<any>().data.privileges[0];
    expect(Object.keys(rootPrivs).filter((a) => rootPrivs[a] === 1).sort()).toEqual(['list-accts', 'show-bandwidth', 'status']);
  });

  it('refuses an expired token, a wrong secret, a wrong user and no header with 401', async () => {
    const refused = [
      await tokenCall(sim, 'reseller1', EXPIRED, 'version'),
      await tokenCall(sim, 'reseller1', 'WRONGWRONGWRONGWRONGWRONGWRONG00', 'version'),
      await tokenCall(sim, 'root', MONITORING, 'version'),
      await tokenCall(sim, 'nobody', MONITORING, 'version'),
      await simRequest(`${sim.origin}/json-api/version?api.version=1`),
      await simRequest(`${sim.origin}/json-api/version?api.version=1`, { headers: { authorization: `Bearer ${MONITORING}` } }),
    ];
    for (const res of refused) expect(res.status).toBe(401);
  });

  it('refuses a caller outside the allowlist (192.0.2.0/24 vs 127.0.0.1)', async () => {
    expect((await tokenCall(sim, 'reseller1', SSL_RENEWAL, 'version')).status).toBe(401);
    sim.state.tokens.find((t) => t.name === 'ops-ssl-renewal-20261015')!.whitelistIps = ['127.0.0.0/8'];
    try {
      expect((await tokenCall(sim, 'reseller1', SSL_RENEWAL, 'version')).status).toBe(200);
    } finally {
      sim.state.tokens.find((t) => t.name === 'ops-ssl-renewal-20261015')!.whitelistIps = ['192.0.2.0/24'];
    }
  });

  it('ignores session cookies on /json-api/', async () => {
    const res = await simRequest(`${sim.origin}/json-api/version?api.version=1`, { headers: { cookie: reseller.cookieHeader } });
    expect(res.status).toBe(401);
  });

  it('rejects a token once the simulator clock passes its expiry', async () => {
    const created = await api(sim, reseller, 'api_token_create', { token_name: 'short-lived', expires_at: String(NOW + DAY) });
    expect((await tokenCall(sim, 'reseller1', created.data.token, 'version')).status).toBe(200);
    sim.setNow(NOW + DAY);
    try {
      expect((await tokenCall(sim, 'reseller1', created.data.token, 'version')).status).toBe(401);
    } finally {
      sim.setNow(NOW);
    }
  });

  it('uses owner ∩ token privileges', async () => {
    const narrow = await api(sim, reseller, 'api_token_create', { token_name: 'dns-only', acl: 'edit-dns' });
    const res = await tokenCall(sim, 'reseller1', narrow.data.token, 'listaccts');
    expect(res.status).toBe(200);
    expect(res.json<any>().metadata).toMatchObject({ result: 0, reason: expect.stringMatching(/^Permission denied/) });
    const privs = (await tokenCall(sim, 'reseller1', narrow.data.token, 'myprivs')).json<any>().data.privileges[0];
    expect(privs['edit-dns']).toBe(1);
    expect(privs['list-accts']).toBe(0);
    // Token management needs manage-api-tokens.
    const list = (await tokenCall(sim, 'reseller1', narrow.data.token, 'api_token_list')).json<any>();
    expect(list.metadata.result).toBe(0);

    // A full-access token follows its owner: drop list-accts from the owner and it is gone.
    const full = await api(sim, reseller, 'api_token_create', { token_name: 'follows-owner' });
    expect((await tokenCall(sim, 'reseller1', full.data.token, 'listaccts')).json<any>().metadata.result).toBe(1);
    expect((await tokenCall(sim, 'reseller1', full.data.token, 'api_token_list')).json<any>().metadata.result).toBe(1);
    const owner = sim.state.users.find((u) => u.user === 'reseller1')!;
    const before = [...owner.acls];
    owner.acls = owner.acls.filter((a) => a !== 'list-accts');
    try {
      expect((await tokenCall(sim, 'reseller1', full.data.token, 'listaccts')).json<any>().metadata.result).toBe(0);
      expect((await tokenCall(sim, 'reseller1', MONITORING, 'listaccts')).json<any>().metadata.result).toBe(0);
    } finally {
      owner.acls = before;
    }
  });

  it('lets a token create tokens only within its own privileges', async () => {
    const admin = await api(sim, reseller, 'api_token_create', [
      ['token_name', 'token-admin'],
      ['acl-0', 'manage-api-tokens'],
      ['acl-1', 'list-accts'],
    ]);
    const ok = await tokenCall(sim, 'reseller1', admin.data.token, 'api_token_create', { token_name: 'made-by-token', acl: 'list-accts' });
    expect(ok.json<any>().metadata.result).toBe(1);
    const wider = await tokenCall(sim, 'reseller1', admin.data.token, 'api_token_create', { token_name: 'wider', acl: 'passwd' });
    expect(wider.json<any>().metadata.reason).toContain('Invalid or unauthorized ACL specified: passwd');
  });
});

describe('faults', () => {
  it('answers html, malformed and http500 until cleared', async () => {
    sim.setFault('api_token_list', 'html');
    let res = await sessionCall(sim, reseller, 'api_token_list');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    sim.setFault('api_token_list', 'malformed');
    res = await sessionCall(sim, reseller, 'api_token_list');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toBe('{"data":');
    expect(() => JSON.parse(res.body)).toThrow();
    sim.setFault('api_token_list', 'http500');
    res = await sessionCall(sim, reseller, 'api_token_list');
    expect(res.status).toBe(500);
    // Other functions are unaffected.
    expect((await sessionCall(sim, reseller, 'myprivs')).status).toBe(200);
    sim.setFault('api_token_list', null);
    expect((await api(sim, reseller, 'api_token_list')).metadata.result).toBe(1);
  });

  it('refuses like the referrer safety check: 403 HTML titled index, on both json-api paths', async () => {
    sim.setFault('api_token_list', 'referrer');
    try {
      for (const res of [
        await sessionCall(sim, reseller, 'api_token_list'),
        await tokenCall(sim, 'reseller1', MONITORING, 'api_token_list'),
      ]) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('<title>index</title>');
        expect(res.body).toContain('<h1>Access Denied: Referrer Check</h1>');
      }
    } finally {
      sim.setFault('api_token_list', null);
    }
    expect((await api(sim, reseller, 'api_token_list')).metadata.result).toBe(1);
  });

  it('makes a function unknown, as on an older WHM (unknown-app)', async () => {
    const created = await api(sim, reseller, 'api_token_create', { token_name: 'lookup-me', acl: 'list-accts' });
    sim.setFault('api_token_get_details', 'unknown-app');
    try {
      const unknown = {
        metadata: {
          command: 'api_token_get_details',
          reason: 'Unknown app (“api_token_get_details”) requested for this version (1) of the API.',
          result: 0,
          version: 1,
        },
      };
      expect(await api(sim, reseller, 'api_token_get_details', { token: created.data.token })).toEqual(unknown);
      // The very answer WHM gives for a function it has never had.
      expect((await api(sim, reseller, 'make_coffee')).metadata.reason).toBe(
        'Unknown app (“make_coffee”) requested for this version (1) of the API.',
      );
      const viaToken = await tokenCall(sim, 'reseller1', created.data.token, 'api_token_get_details', { token: created.data.token });
      expect(viaToken.status).toBe(200);
      expect(viaToken.json()).toEqual(unknown);
    } finally {
      sim.setFault('api_token_get_details', null);
    }
    expect((await api(sim, reseller, 'api_token_get_details', { token: created.data.token })).data.name).toBe('lookup-me');
  });

  it('drops the connection', async () => {
    sim.setFault('version', 'drop');
    try {
      await expect(sessionCall(sim, reseller, 'version')).rejects.toThrow();
    } finally {
      sim.setFault('version', null);
    }
  });

  it('hangs until close() and close() still ends promptly', async () => {
    const s2 = await startSimulator({ scenario: 'demo', now: NOW });
    const s = await s2.login('reseller1', 'resellerpass');
    s2.setFault('api_token_list', 'hang');
    const pending = sessionCall(s2, s, 'api_token_list').then(
      () => 'answered',
      () => 'failed',
    );
    const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    expect(early).toBe('still waiting');
    const started = Date.now();
    await s2.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('logs every json-api request', async () => {
    const before = sim.requests.length;
    await sessionCall(sim, reseller, 'version');
    await tokenCall(sim, 'reseller1', MONITORING, 'myprivs');
    await simRequest(`${sim.origin}/json-api/version?api.version=1`);
    expect(sim.requests.slice(before).map((r) => [r.fn, r.auth, r.sessionOk])).toEqual([
      ['version', 'session', true],
      ['myprivs', 'token', false],
      ['version', 'none', false],
    ]);
    expect(typeof sim.requests.at(-1)?.time).toBe('number');
  });
});
