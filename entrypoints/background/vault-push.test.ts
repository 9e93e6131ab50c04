import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY } from '../../utils/policy/defaults';
import type { TokenEntry } from '../../utils/export/token-entry';
import { pushToVault } from './vault-push';

const entry: TokenEntry = { origin: 'https://whm.example:2087', host: 'whm.example', user: 'reseller1', name: 'ops-x', secret: 'S'.repeat(32), acls: [], expiresAt: null, whitelistIps: [], createdAt: 1 };
const policy = { ...DEFAULT_POLICY, vault: { address: 'https://vault.example:8200', mount: 'secret', pathTemplate: 'whm/{host}/{name}' } };
const ok = () => new Response(JSON.stringify({ data: { version: 1 } }), { status: 200 });

describe('pushToVault', () => {
  it('pushes only to the one approved origin, and never follows a redirect', async () => {
    const fetch = vi.fn(async () => ok());
    const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasHostPermission: async () => true, approvedOrigin: async () => 'https://vault.example:8200' };
    await expect(pushToVault(entry, 'hvs.x', undefined, policy, deps)).resolves.toMatchObject({ version: 1 });
    expect(fetch).toHaveBeenCalledWith('https://vault.example:8200/v1/secret/data/whm/whm.example/ops-x', expect.objectContaining({ redirect: 'error', credentials: 'omit' }));
  });

  it('refuses another port of the approved host, an unapproved origin, or a missing grant, before sending anything', async () => {
    const fetch = vi.fn(async () => ok());
    for (const approvedOrigin of [async () => 'https://vault.example:8201', async () => null]) {
      const deps = { fetch: fetch as unknown as typeof globalThis.fetch, hasHostPermission: async () => true, approvedOrigin };
      await expect(pushToVault(entry, 'hvs.x', undefined, policy, deps)).rejects.toMatchObject({ kind: 'permission' });
    }
    const noGrant = { fetch: fetch as unknown as typeof globalThis.fetch, hasHostPermission: async () => false, approvedOrigin: async () => 'https://vault.example:8200' };
    await expect(pushToVault(entry, 'hvs.x', undefined, policy, noGrant)).rejects.toMatchObject({ kind: 'permission' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says a refused redirect may be a Vault HA standby', async () => {
    const deps = { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof globalThis.fetch, hasHostPermission: async () => true, approvedOrigin: async () => 'https://vault.example:8200' };
    await expect(pushToVault(entry, 'hvs.x', undefined, policy, deps)).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/redirect.*standby/s) });
  });
});
