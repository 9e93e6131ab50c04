/**
 * The Vault KV v2 stand-in behaves as documented, and the extension's request builder and
 * answer reader work against it end to end over HTTPS (certificate pinned, not ignored).
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY, NOW, SECRET } from '../../utils/export/test-fixtures';
import { readVaultKvAnswer, vaultKvRequest, type VaultKvRequest } from '../../utils/export/vault-kv';
import { startVaultKvSim, type VaultKvSim } from './server';

const VAULT_TOKEN = 'hvs.test-token';

/**
 * Sends a fetch-style request ({url, init}) with node:https, trusting exactly the
 * simulator's certificate. (Node 20's global fetch cannot be given a CA without undici,
 * which is not installed, and NODE_TLS_REJECT_UNAUTHORIZED would switch checks off for
 * the whole process.)
 */
function pinnedFetch(request: { url: string; init: { method: string; headers: Record<string, string>; body?: string } }, ca: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(request.url, { method: request.init.method, headers: request.init.headers, ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (request.init.body !== undefined) req.end(request.init.body);
    else req.end();
  });
}

function raw(sim: VaultKvSim, method: string, path: string, body?: unknown, token: string | null = VAULT_TOKEN) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers['X-Vault-Token'] = token;
  return pinnedFetch({ url: `${sim.origin}${path}`, init: { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) } }, sim.certificate);
}

describe('Vault KV v2 simulator', () => {
  let sim: VaultKvSim;
  beforeAll(async () => {
    sim = await startVaultKvSim({ token: VAULT_TOKEN });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('creates a secret with cas 0 and reads it back', async () => {
    const created = await raw(sim, 'POST', '/v1/secret/data/a/b', { options: { cas: 0 }, data: { token: 'x' } });
    expect(created.status).toBe(200);
    const answer = JSON.parse(created.text);
    expect(answer.data.version).toBe(1);
    expect(answer.data.destroyed).toBe(false);
    expect(Number.isNaN(Date.parse(answer.data.created_time))).toBe(false);
    const read = await raw(sim, 'GET', '/v1/secret/data/a/b');
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text).data).toMatchObject({ data: { token: 'x' }, metadata: { version: 1 } });
  });

  it('refuses a second create on the same path and keeps the first secret', async () => {
    await raw(sim, 'POST', '/v1/secret/data/dup', { options: { cas: 0 }, data: { token: 'first' } });
    const second = await raw(sim, 'POST', '/v1/secret/data/dup', { options: { cas: 0 }, data: { token: 'second' } });
    expect(second.status).toBe(400);
    expect(JSON.parse(second.text)).toEqual({ errors: ['check-and-set parameter did not match the current version'] });
    expect(sim.secrets.get('dup')).toEqual({ version: 1, data: { token: 'first' } });
  });

  it('without cas, a write makes a new version (KV v2 default)', async () => {
    await raw(sim, 'POST', '/v1/secret/data/versions', { data: { v: 1 } });
    const again = await raw(sim, 'POST', '/v1/secret/data/versions', { data: { v: 2 } });
    expect(JSON.parse(again.text).data.version).toBe(2);
  });

  it('refuses a wrong or missing token with 403 permission denied, storing nothing', async () => {
    for (const token of ['wrong', null]) {
      const refused = await raw(sim, 'POST', '/v1/secret/data/nope', { options: { cas: 0 }, data: { token: 'x' } }, token);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({ errors: ['permission denied'] });
    }
    expect(sim.secrets.has('nope')).toBe(false);
  });

  it('answers 404 with errors for a missing secret and an unknown mount', async () => {
    const missing = await raw(sim, 'GET', '/v1/secret/data/none');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ errors: [] });
    const otherMount = await raw(sim, 'POST', '/v1/kv/data/x', { data: {} });
    expect(otherMount.status).toBe(404);
    expect(JSON.parse(otherMount.text).errors[0]).toMatch(/no handler for route/);
  });

  describe('end to end: vaultKvRequest → HTTPS → readVaultKvAnswer', () => {
    const target = () => ({ address: sim.origin, mount: 'secret', pathTemplate: 'whm/{host}/{name}', namespace: 'ops' });

    it('stores the token create-only and reports version 1', async () => {
      const request: VaultKvRequest = vaultKvRequest(ENTRY, target(), VAULT_TOKEN, NOW);
      const response = await pinnedFetch(request, sim.certificate);
      expect(readVaultKvAnswer(response.status, response.text)).toEqual({ ok: true, version: 1 });

      const stored = sim.secrets.get('whm/whm01.example.com/billing-sync-20261128');
      expect(stored?.data).toMatchObject({ whm_host: 'whm01.example.com', whm_user: 'reseller1', token_name: 'billing-sync-20261128', token: SECRET });
      const last = sim.requests[sim.requests.length - 1]!;
      expect(last).toMatchObject({ method: 'POST', token: VAULT_TOKEN, namespace: 'ops', body: { options: { cas: 0 } } });
    });

    it('a second push to the same path is refused with the "nothing was overwritten" message', async () => {
      const response = await pinnedFetch(vaultKvRequest({ ...ENTRY, secret: 'Z'.repeat(32) }, target(), VAULT_TOKEN, NOW), sim.certificate);
      const answer = readVaultKvAnswer(response.status, response.text);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.message).toMatch(/a secret already exists at this path; nothing was overwritten/i);
      expect(sim.secrets.get('whm/whm01.example.com/billing-sync-20261128')?.data['token']).toBe(SECRET);
    });

    it('a wrong Vault token is reported as permission denied', async () => {
      const response = await pinnedFetch(vaultKvRequest({ ...ENTRY, name: 'other' }, target(), 'bad-token', NOW), sim.certificate);
      const answer = readVaultKvAnswer(response.status, response.text);
      expect(answer).toEqual({ ok: false, message: expect.stringContaining('permission denied') });
    });

    it('a wrong mount is reported with Vault\'s route error', async () => {
      const response = await pinnedFetch(vaultKvRequest(ENTRY, { ...target(), mount: 'kv' }, VAULT_TOKEN, NOW), sim.certificate);
      const answer = readVaultKvAnswer(response.status, response.text);
      expect(answer).toEqual({ ok: false, message: expect.stringMatching(/HTTP 404.*no handler for route/) });
    });
  });
});
