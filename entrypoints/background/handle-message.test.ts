import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { enabledServers, setServerEnabled } from '../../utils/servers';
import { DEFAULT_POLICY, type EffectivePolicy } from '../../utils/policy/defaults';
import type { WhmClient } from '../../utils/whm/client';
import { WhmError } from '../../utils/whm/errors';
import type { WhmToken } from '../../utils/whm/schemas';
import { FrameTasks } from './frame-tasks';
import { handleMessage, type MessageDeps } from './handle-message';

/**
 * The background's entry point, with a recording stand-in for the WHM client (the
 * client itself is tested against the real simulator in client.sim.test.ts, and the
 * whole path in the e2e tests). What matters here: nothing reaches WHM unless the
 * sender and the policy allow it.
 */
const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;
const origin = 'https://127.0.0.1:2087';
const cpsess = 'cpsess0123456789';
const sender = { id: 'tw', frameId: 0, tab: { id: 1, url: `${origin}/${cpsess}/scripts7/apitokens/home` } };
const intent = { name: 'ops-backup-20261128', acls: ['list-accts'], expiresAt: NOW + 30 * 86_400, whitelistIps: [] };
const frame = { id: 'tw', frameId: 5, url: 'chrome-extension://tw/secure-frame.html', tab: sender.tab };
const token = (over: Partial<WhmToken>): WhmToken => ({ name: 'x', createTime: NOW - 10 * 86_400, expiresAt: null, acls: ['list-accts'], heldAcls: ['list-accts'], whitelistIps: [], ...over });

function setup(policy: EffectivePolicy = DEFAULT_POLICY, held: string[] = ['list-accts', 'suspend-acct']) {
  const client = {
    serverTime: NOW,
    listTokens: vi.fn(async () => []),
    myPrivileges: vi.fn(async () => held),
    createToken: vi.fn(async (spec: typeof intent) => ({ secret: 'A'.repeat(32), token: { ...spec, createTime: NOW, heldAcls: [] } })),
    updateToken: vi.fn(async (_name: string, spec: typeof intent) => ({ ...spec, createTime: NOW, heldAcls: [] })),
    revokeTokens: vi.fn(async () => ({ outcomes: [], tokens: [] })),
  };
  const deps: MessageDeps = { extensionId: 'tw', frameUrl: 'chrome-extension://tw/secure-frame.html', frames: new FrameTasks({ frameUrl: 'chrome-extension://tw/secure-frame.html' }), makeClient: () => client as unknown as WhmClient, policy: async () => policy, now: () => NOW, isEnabled: async (o) => o === origin };
  return { client, deps };
}

describe('handleMessage', () => {
  it('answers only servers enabled by exact origin: another port of an enabled host gets nothing', async () => {
    const { client, deps } = setup();
    // Wired as the background wires it (index.ts), on the extension's own storage.
    fakeBrowser.reset();
    deps.isEnabled = async (o) => (await enabledServers(fakeBrowser.storage.local)).has(o);
    await setServerEnabled(fakeBrowser.storage.local, origin, true);
    const otherPort = 'https://127.0.0.1:2083';
    const there = { ...sender, tab: { id: 2, url: `${otherPort}/${cpsess}/scripts7/apitokens/home` } };
    for (const type of ['audit:run', 'form:context']) {
      expect(await handleMessage({ type, origin: otherPort, cpsess }, there, deps), type).toMatchObject({ ok: false, error: { kind: 'permission' } });
    }
    expect(client.listTokens).not.toHaveBeenCalled();
    expect(client.myPrivileges).not.toHaveBeenCalled();
    // The enabled origin itself is answered; disabled again, it is not.
    expect(await handleMessage({ type: 'audit:run', origin, cpsess }, sender, deps)).toMatchObject({ ok: true });
    await setServerEnabled(fakeBrowser.storage.local, origin, false);
    expect(await handleMessage({ type: 'audit:run', origin, cpsess }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(client.listTokens).toHaveBeenCalledTimes(1);
  });

  it('refuses malformed requests and foreign senders before any WHM call', async () => {
    const { client, deps } = setup();
    expect(await handleMessage({ type: 'audit:run', origin }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(await handleMessage({ type: 'audit:run', origin, cpsess }, { ...sender, id: 'evil' }, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(await handleMessage({ type: 'audit:run', origin: 'https://other.example', cpsess }, sender, deps)).toMatchObject({ ok: false });
    expect(client.listTokens).not.toHaveBeenCalled();
  });

  it('pushes to Vault under the host of the request’s own origin, whatever host the entry claims', async () => {
    const vault = 'https://vault.example:8200';
    const { deps } = setup({ ...DEFAULT_POLICY, vault: { address: vault, mount: 'secret', pathTemplate: 'whm/{host}/{name}' } });
    const sent: string[] = [];
    deps.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      sent.push(`${String(url)} ${String(init?.body)}`);
      return new Response(JSON.stringify({ data: { version: 1 } }), { status: 200 });
    }) as typeof fetch;
    deps.approvedVaultOrigin = async () => vault;
    deps.hasHostPermission = async (o) => o === vault;
    const entry = { origin: 'https://evil.example', host: 'evil.example', user: 'reseller1', name: 'ops-a', secret: 'S'.repeat(32), acls: [], expiresAt: null, whitelistIps: [], createdAt: NOW };
    const reply = await handleMessage({ type: 'vault:push', origin, cpsess, vaultToken: 'hvs.x', entry }, frame, deps);
    expect(reply).toMatchObject({ ok: true, value: { path: 'secret/whm/127.0.0.1/ops-a' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`${vault}/v1/secret/data/whm/127.0.0.1/ops-a`);
    expect(sent[0]).not.toContain('evil.example');
  });

  it('audits with WHM’s clock', async () => {
    const { deps } = setup();
    const reply = await handleMessage({ type: 'audit:run', origin, cpsess }, sender, deps);
    expect(reply).toMatchObject({ ok: true, value: { now: NOW, server: '127.0.0.1', audit: { summary: { total: 0 } } } });
  });

  it('exports the audit report of the list as WHM has it now, as CSV or JSON, and a failed list as its error', async () => {
    const { client, deps } = setup();
    client.listTokens.mockResolvedValue([token({ name: 'ops-old', expiresAt: NOW - 86_400 }), token({ name: '=cmd|x' })] as never);
    const csv = await handleMessage({ type: 'audit:export', origin, cpsess, format: 'csv' }, sender, deps);
    expect(csv).toMatchObject({ ok: true, value: { fileName: 'token-audit-127.0.0.1-20261128.csv', mimeType: 'text/csv' } });
    const lines = (csv as { value: { text: string } }).value.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('server,name,created,expires,acls,whitelist_ips,findings');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['ops-old', `"'=cmd|x"`]);
    expect(lines[1]).toContain('expired');
    const json = await handleMessage({ type: 'audit:export', origin, cpsess, format: 'json' }, sender, deps);
    expect(JSON.parse((json as { value: { text: string } }).value.text)).toMatchObject({ server: '127.0.0.1', summary: { total: 2 } });
    expect(await handleMessage({ type: 'audit:export', origin, cpsess, format: 'xlsx' }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    client.listTokens.mockRejectedValue(new WhmError('session', 'Your WHM session has ended.'));
    expect(await handleMessage({ type: 'audit:export', origin, cpsess, format: 'csv' }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'session' } });
  });

  it('no longer takes a create or an update from anyone: only a rotation creates, from our frame', async () => {
    const { client, deps } = setup();
    for (const type of ['tokens:create', 'tokens:update']) {
      expect(await handleMessage({ type, origin, cpsess, intent }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    }
    expect(client.createToken).not.toHaveBeenCalled();
    expect(client.updateToken).not.toHaveBeenCalled();
  });

  it('in block mode a rotation whose replacement breaks the policy is never sent to WHM', async () => {
    const { client, deps } = setup({ ...DEFAULT_POLICY, enforcement: 'block', privileges: { ...DEFAULT_POLICY.privileges, forbidden: ['all', 'list-accts'] } });
    client.listTokens.mockResolvedValue([{ name: 'old-one', createTime: NOW - 200 * 86_400, expiresAt: null, acls: ['list-accts'], heldAcls: [], whitelistIps: [] }] as never);
    const rotate = { type: 'token:rotate', origin, cpsess, name: 'old-one', replacement: { name: 'old-one-20261128', acls: ['list-accts'], expiresAt: NOW + 30 * 86_400 } };
    const reply = await handleMessage(rotate, frame, deps);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'permission', message: expect.stringMatching(/list-accts/) } });
    expect(client.createToken).not.toHaveBeenCalled();
    // And WHM's page itself cannot ask for one.
    expect(await handleMessage(rotate, sender, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
  });

  it('in block mode a rotation that fits the policy goes through, with the old allowlist', async () => {
    const { client, deps } = setup({ ...DEFAULT_POLICY, enforcement: 'block', naming: { pattern: '^ops-[a-z0-9-]+-\\d{8}$', template: null, hint: null } });
    client.listTokens.mockResolvedValue([token({ name: 'test', acls: ['list-accts', 'passwd'], heldAcls: ['list-accts', 'passwd'], whitelistIps: ['192.0.2.1'] })] as never);
    const replacement = { name: 'ops-test-20261128', acls: ['list-accts'], expiresAt: NOW + 30 * 86_400 };
    const reply = await handleMessage({ type: 'token:rotate', origin, cpsess, name: 'test', replacement }, frame, deps);
    expect(reply).toMatchObject({ ok: true, value: { warnings: [] } });
    expect(client.createToken).toHaveBeenCalledWith({ ...replacement, whitelistIps: ['192.0.2.1'] });
    // Off the pattern: refused before WHM hears of it.
    client.createToken.mockClear();
    const off = await handleMessage({ type: 'token:rotate', origin, cpsess, name: 'test', replacement: { ...replacement, name: 'test-r20261128' } }, frame, deps);
    expect(off).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(client.createToken).not.toHaveBeenCalled();
  });

  describe('token:fix', () => {
    const old = token({ name: 'ops-backup', acls: ['list-accts', 'show-bandwidth'], heldAcls: ['list-accts', 'show-bandwidth', 'passwd'], whitelistIps: ['192.0.2.1'] });
    const fix = (change: unknown, name = 'ops-backup') => ({ type: 'token:fix', origin, cpsess, name, change });

    it('sends the token’s complete state as WHM lists it now, with only the chosen field changed, then lists again', async () => {
      const { client, deps } = setup();
      const expiresAt = NOW + 90 * 86_400;
      client.listTokens.mockResolvedValueOnce([old, token({ name: 'other' })] as never).mockResolvedValueOnce([{ ...old, expiresAt }, token({ name: 'other' })] as never);
      const reply = await handleMessage(fix({ kind: 'set-expiry', expiresAt }), frame, deps);
      expect(client.updateToken).toHaveBeenCalledTimes(1);
      expect(client.updateToken).toHaveBeenCalledWith('ops-backup', { name: 'ops-backup', acls: ['list-accts', 'show-bandwidth'], expiresAt, whitelistIps: ['192.0.2.1'] });
      expect(reply).toMatchObject({ ok: true, value: { ok: true, mismatched: [] } });
      // WHM's page cannot ask for a fix, only our frame.
      expect(await handleMessage(fix({ kind: 'set-expiry', expiresAt }), sender, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
    });

    it('says so when the fresh list does not show what was asked, or WHM refused', async () => {
      const { client, deps } = setup();
      client.listTokens.mockResolvedValue([old] as never);
      const reply = await handleMessage(fix({ kind: 'allowlist', ips: ['198.51.100.0/24'] }), frame, deps);
      expect(reply).toMatchObject({ ok: true, value: { ok: false, mismatched: ['whitelistIps'] } });
      client.updateToken.mockRejectedValueOnce(new WhmError('whm', 'WHM refused: nope', 'nope'));
      expect(await handleMessage(fix({ kind: 'rename', newName: 'ops-backup-2' }), frame, deps)).toMatchObject({ ok: true, value: { ok: false, refused: 'WHM refused: nope' } });
    });

    it('refuses what would not be the change asked for: a taken name, `all`, bad addresses, a token that is gone', async () => {
      const { client, deps } = setup();
      client.listTokens.mockResolvedValue([old, token({ name: 'taken' })] as never);
      for (const change of [{ kind: 'rename', newName: 'taken' }, { kind: 'restrict', acls: ['all'] }, { kind: 'allowlist', ips: ['300.0.0.1'] }]) {
        expect(await handleMessage(fix(change), frame, deps), change.kind).toMatchObject({ ok: false, error: { kind: 'whm' } });
      }
      expect(await handleMessage(fix({ kind: 'restrict', acls: ['list-accts'] }, 'gone'), frame, deps)).toMatchObject({ ok: false, error: { kind: 'whm' } });
      expect(client.updateToken).not.toHaveBeenCalled();
    });

    it('in block mode refuses a rename off the pattern, forbidden privileges and an expiry beyond the maximum', async () => {
      const policy = { ...DEFAULT_POLICY, enforcement: 'block' as const, naming: { pattern: '^ops-[a-z-]+$', template: null, hint: null }, privileges: { ...DEFAULT_POLICY.privileges, forbidden: ['all', 'passwd'] } };
      const { client, deps } = setup(policy);
      client.listTokens.mockResolvedValue([old] as never);
      for (const change of [{ kind: 'rename', newName: 'Backup' }, { kind: 'restrict', acls: ['passwd', 'list-accts'] }, { kind: 'set-expiry', expiresAt: NOW + 400 * 86_400 }]) {
        expect(await handleMessage(fix(change), frame, deps), change.kind).toMatchObject({ ok: false, error: { kind: 'permission' } });
      }
      expect(client.updateToken).not.toHaveBeenCalled();
      // What the fix does not touch is not its business: the token's own name may be off the pattern.
      expect(await handleMessage(fix({ kind: 'restrict', acls: ['list-accts'] }), frame, deps)).toMatchObject({ ok: true });
    });
  });

  it('plans a dialog from a fresh list: presets, names in use and suggestions that follow the convention', async () => {
    const policy = { ...DEFAULT_POLICY, naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: null } };
    const { client, deps } = setup(policy);
    client.listTokens.mockResolvedValue([token({ name: 'ops-dns-20250101', createTime: NOW - 2 * 86_400 }), token({ name: 'MyOldToken', createTime: NOW })] as never);
    const plan = await handleMessage({ type: 'token:plan', origin, cpsess, name: 'MyOldToken' }, frame, deps);
    expect(plan).toMatchObject({ ok: true, value: { now: NOW, names: ['ops-dns-20250101', 'MyOldToken'], suggested: { rename: 'ops-my-old-token-20261128', replacement: 'ops-my-old-token-20261128' } } });
    const rotated = await handleMessage({ type: 'token:plan', origin, cpsess, name: 'ops-dns-20250101' }, frame, deps);
    expect(rotated).toMatchObject({ ok: true, value: { suggested: { replacement: 'ops-dns-20261128' } } });
  });

  it('offers presets with the ACLs the user lacks marked, policy presets first', async () => {
    const { deps } = setup({ ...DEFAULT_POLICY, presets: [{ id: 'team-billing', label: 'Team billing', acls: ['list-accts', 'create-acct'] }] });
    const reply = await handleMessage({ type: 'form:context', origin, cpsess }, sender, deps);
    if (!reply.ok) throw new Error(reply.error.message);
    const { presets, held } = reply.value as { presets: Array<{ id: string; missing: string[]; source: string }>; held: string[] };
    expect(held).toEqual(['list-accts', 'suspend-acct']);
    expect(presets[0]).toMatchObject({ id: 'team-billing', missing: ['create-acct'], source: 'policy' });
    expect(presets.find((p) => p.id === 'account-suspension')).toMatchObject({ missing: [], source: 'built-in' });
  });

  it('as root (myprivs: all 1, every other ACL 0) titles, warns about and offers the whole catalogue', async () => {
    const { deps } = setup(DEFAULT_POLICY, ['all']);
    const reply = await handleMessage({ type: 'form:context', origin, cpsess }, sender, deps);
    if (!reply.ok) throw new Error(reply.error.message);
    const { presets, aclTitles, aclWarnings } = reply.value as { presets: Array<{ missing: string[] }>; aclTitles: Record<string, string>; aclWarnings: Record<string, string> };
    expect(presets.every((p) => p.missing.length === 0)).toBe(true);
    expect(aclTitles.passwd).toMatch(/passwd/);
    expect(aclTitles['edit-account']).toMatch(/edit-account/);
    expect(aclWarnings.passwd).toBeTruthy();
    expect(aclWarnings['create-user-session']).toBeTruthy();
  });

  it('hands a secret from WHM’s tab to our frame in that tab, once', async () => {
    const { deps } = setup();
    const secret = 'S'.repeat(32);
    const task = { kind: 'new-token' as const, name: 'ops-x', user: 'reseller1' };
    // Only the secure step carries a secret, and it must carry one.
    expect(await handleMessage({ type: 'frame:open', origin, cpsess, task }, sender, deps)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'frame:open', origin, cpsess, task: { kind: 'revoke', names: ['a'] }, secret }, sender, deps)).toMatchObject({ ok: false });
    const opened = await handleMessage({ type: 'frame:open', origin, cpsess, task, secret }, sender, deps);
    if (!opened.ok) throw new Error(opened.error.message);
    const { handle } = opened.value as { handle: string };
    // WHM's page may not claim it; a frame in another tab may not either.
    expect(await handleMessage({ type: 'frame:claim', handle }, sender, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(await handleMessage({ type: 'frame:claim', handle }, { ...frame, tab: { id: 2, url: sender.tab.url } }, deps)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'frame:claim', handle }, frame, deps)).toMatchObject({ ok: true, value: { secret, task, origin, cpsess } });
    expect(await handleMessage({ type: 'frame:claim', handle }, frame, deps)).toMatchObject({ ok: false, error: { kind: 'permission' } });
  });
});
