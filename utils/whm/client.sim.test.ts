import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLikeFetch } from '../../whm-sim/http-client';
import { startSimulator, type Simulator } from '../../whm-sim/server';
import { WhmClient } from './client';
import { WhmError } from './errors';

/**
 * The background's WHM client against the real simulator over HTTPS. Node's fetch
 * keeps no cookies and refuses self-signed certificates, so the injected fetch plays
 * the browser (`browserLikeFetch`): it carries the session cookie the way
 * `credentials: 'include'` does.
 */
const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;
let sim: Simulator;
let client: WhmClient;
let cookieHeader: string;
let cpsess: string;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW });
  const session = await sim.login('reseller1', 'resellerpass');
  cookieHeader = session.cookieHeader;
  cpsess = session.cpsess;
  client = new WhmClient({ origin: sim.origin, cpsess: session.cpsess, fetch: browserLikeFetch(() => cookieHeader) });
});
afterAll(() => sim.close());

describe('WhmClient against the simulator', () => {
  it('lists the reseller’s tokens, validated and normalised', async () => {
    const tokens = await client.listTokens();
    const stored = sim.state.tokens.filter((t) => t.owner === 'reseller1');
    expect(tokens.map((t) => t.name).sort()).toEqual(stored.map((t) => t.name).sort());
    for (const t of tokens) expect(t.heldAcls.length).toBeGreaterThan(0);
  });

  it('reads the privileges the reseller holds', async () => {
    const privs = await client.myPrivileges();
    expect(privs).toContain('list-accts');
    expect(privs).not.toContain('all');
  });

  it('creates, updates with the full state, looks up by secret, and revokes with a re-read', async () => {
    const expiresAt = NOW + 30 * 86_400;
    const { token, secret } = await client.createToken({ name: 'client-test-1', acls: ['list-accts'], expiresAt, whitelistIps: ['192.0.2.10'] });
    expect(secret).toMatch(/^[0-9A-Z]{32}$/);
    expect(token).toMatchObject({ name: 'client-test-1', acls: ['list-accts'], expiresAt, whitelistIps: ['192.0.2.10'] });
    expect(JSON.stringify(token)).not.toContain(secret);

    const updated = await client.updateToken('client-test-1', { name: 'client-test-2', acls: ['list-accts', 'suspend-acct'], expiresAt: null, whitelistIps: [] });
    expect(updated).toMatchObject({ name: 'client-test-2', acls: ['list-accts', 'suspend-acct'], expiresAt: null, whitelistIps: [] });
    const stored = sim.state.tokens.find((t) => t.name === 'client-test-2');
    expect(stored).toMatchObject({ acls: ['list-accts', 'suspend-acct'], expiresAt: null, whitelistIps: null });

    expect(await client.tokenDetails(secret)).toMatchObject({ name: 'client-test-2' });
    expect(await client.tokenDetails('0'.repeat(32))).toBeNull();

    const { outcomes, tokens } = await client.revokeTokens(['client-test-2', 'no-such-token']);
    expect(outcomes).toEqual([
      { name: 'client-test-2', revoked: true },
      // Not in the list read first: gone before this revoke, and said so.
      { name: 'no-such-token', revoked: true, alreadyGone: true },
    ]);
    expect(tokens.some((t) => t.name === 'client-test-2')).toBe(false);
  });

  it('refuses a session cookie that does not belong to the cpsess', async () => {
    const other = await sim.login('root', 'rootpass');
    const mixed = new WhmClient({ origin: sim.origin, cpsess, fetch: browserLikeFetch(() => other.cookieHeader) });
    expect(await mixed.listTokens().catch((e: unknown) => e)).toMatchObject({ kind: 'session' });
    const none = new WhmClient({ origin: sim.origin, cpsess, fetch: browserLikeFetch(() => '') });
    expect(await none.listTokens().catch((e: unknown) => e)).toMatchObject({ kind: 'session' });
  });

  it("keeps WHM's reason when it refuses", async () => {
    const error = await client.createToken({ name: 'bad name!', acls: ['list-accts'], expiresAt: null, whitelistIps: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhmError);
    expect(error).toMatchObject({ kind: 'whm', reason: expect.stringContaining('is not a valid API token name') });
  });

  it('reports an unheld privilege as WHM refusing it', async () => {
    const error = await client.createToken({ name: 'client-test-all', acls: ['all'], expiresAt: null, whitelistIps: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: expect.stringMatching(/whm|permission/) });
  });

  for (const fault of ['html', 'malformed', 'http500', 'drop'] as const) {
    it(`maps a ${fault} answer to its error kind`, async () => {
      sim.setFault('api_token_list', fault);
      try {
        const error = await client.listTokens().catch((e: unknown) => e);
        const expected = { html: 'session', malformed: 'malformed', http500: 'network', drop: 'network' }[fault];
        expect(error).toMatchObject({ kind: expected });
      } finally {
        sim.setFault('api_token_list', null);
      }
    });
  }

  it('times out a hanging WHM as network', async () => {
    sim.setFault('api_token_list', 'hang');
    try {
      const quick = new WhmClient({ origin: sim.origin, cpsess, fetch: browserLikeFetch(() => cookieHeader), timeoutMs: 300 });
      expect(await quick.listTokens().catch((e: unknown) => e)).toMatchObject({ kind: 'network', message: expect.stringMatching(/did not answer/) });
    } finally {
      sim.setFault('api_token_list', null);
    }
  });
});
