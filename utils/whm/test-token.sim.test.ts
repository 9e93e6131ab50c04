import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLikeFetch } from '../../whm-sim/http-client';
import { startSimulator, type Simulator } from '../../whm-sim/server';
import { WhmClient } from './client';
import { testToken } from './test-token';

/**
 * The token test against the real simulator's token authentication (issue 9, item 5):
 * a working token is reported working whatever the session-side lookup gave, and
 * "failed" means WHM refused the token itself.
 */
const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;
let sim: Simulator;
let client: WhmClient;

// Without a cookie: the token test sends none (`credentials: 'omit'`), only its own headers.
const tokenFetch = browserLikeFetch();

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW });
  const session = await sim.login('reseller1', 'resellerpass');
  client = new WhmClient({ origin: sim.origin, cpsess: session.cpsess, fetch: browserLikeFetch(() => session.cookieHeader) });
});
afterAll(() => sim.close());

describe('testToken against the simulator', () => {
  it('reports a working token ok with no details at all (a WHM without api_token_get_details, a failed list)', async () => {
    const { secret } = await client.createToken({ name: 'ops-test-nodetails', acls: ['list-accts'], expiresAt: null, whitelistIps: [] });
    const report = await testToken({ origin: sim.origin, user: 'reseller1', secret, details: null, fetch: tokenFetch });
    expect(report.result).toBe('ok');
    expect(report.checks.map((c) => [c.call, c.ok])).toEqual([['version', true]]);
  });

  it('with the list entry as details, also lists accounts with the token', async () => {
    const { secret } = await client.createToken({ name: 'ops-test-listed', acls: ['list-accts'], expiresAt: null, whitelistIps: [] });
    const details = (await client.listTokens()).find((t) => t.name === 'ops-test-listed')!;
    const report = await testToken({ origin: sim.origin, user: 'reseller1', secret, details, fetch: tokenFetch });
    expect(report.result).toBe('ok');
    expect(report.checks.map((c) => [c.call, c.ok])).toEqual([['version', true], ['listaccts', true]]);
  });

  it('says failed only when WHM refuses the token itself, and ip-restricted when its allowlist is the cause', async () => {
    const unknown = await testToken({ origin: sim.origin, user: 'reseller1', secret: 'X'.repeat(32), details: null, fetch: tokenFetch });
    expect(unknown.result).toBe('failed');
    const { secret } = await client.createToken({ name: 'ops-test-elsewhere', acls: ['list-accts'], expiresAt: null, whitelistIps: ['192.0.2.10'] });
    const details = (await client.listTokens()).find((t) => t.name === 'ops-test-elsewhere')!;
    const restricted = await testToken({ origin: sim.origin, user: 'reseller1', secret, details, fetch: tokenFetch });
    expect(restricted.result).toBe('ip-restricted');
    expect(restricted.message).toContain('192.0.2.10');
  });
});
