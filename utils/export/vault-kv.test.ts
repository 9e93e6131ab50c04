import { describe, expect, it } from 'vitest';
import { readVaultKvAnswer, vaultKvPath, vaultKvRequest } from './vault-kv';
import { ENTRY, NOW, SECRET, TRICKY } from './test-fixtures';

const TARGET = { address: 'https://vault.example.com:8200', mount: 'secret', pathTemplate: 'whm/{host}/{name}' };

describe('vaultKvPath', () => {
  it('fills {host}, {name}, {user}, {date}', () => {
    expect(vaultKvPath('whm/{host}/{name}', ENTRY, NOW)).toBe('whm/whm01.example.com/billing-sync-20261128');
    expect(vaultKvPath('/teams/{user}/{name}-{date}/', ENTRY, NOW)).toBe('teams/reseller1/billing-sync-20261128-2026-11-28');
  });

  it('keeps every value inside its own URL-safe segment', () => {
    const path = vaultKvPath('whm/{host}/{user}/{name}', TRICKY, NOW);
    expect(path.split('/')).toHaveLength(4);
    expect(path).toMatch(/^[A-Za-z0-9._~%!*'()\/-]+$/);
    expect(decodeURIComponent(path.split('/')[2]!)).toBe(TRICKY.user);
    // Vault decodes %2F before routing, so a '/' inside a value would still make a new folder.
    expect(() => vaultKvPath('x/{user}', { ...ENTRY, user: 'a/b' }, NOW)).toThrow(/escaped slash/);
  });

  it("refuses '..', empty segments, odd literal characters and unknown placeholders", () => {
    expect(() => vaultKvPath('whm/../{name}', ENTRY, NOW)).toThrow(/'\.\.'/);
    expect(() => vaultKvPath('whm/{user}', { ...ENTRY, user: '..' }, NOW)).toThrow(/'\.\.'/);
    expect(() => vaultKvPath('whm/{user}/x', { ...ENTRY, user: '../..' }, NOW)).toThrow();
    expect(() => vaultKvPath('whm//{name}', ENTRY, NOW)).toThrow(/empty segment/);
    expect(() => vaultKvPath('whm/{name}?x=1', ENTRY, NOW)).toThrow(/may only contain/);
    expect(() => vaultKvPath('whm/%2e%2e/{name}', ENTRY, NOW)).toThrow(/may only contain/);
    expect(() => vaultKvPath('whm/{team}', ENTRY, NOW)).toThrow(/Unknown placeholder/);
    expect(() => vaultKvPath('', ENTRY, NOW)).toThrow(/empty/);
  });
});

describe('vaultKvRequest', () => {
  it('POSTs {address}/v1/{mount}/data/{path} create-only with the Vault token header', () => {
    const { url, init } = vaultKvRequest(ENTRY, TARGET, 's.abc123', NOW);
    expect(url).toBe('https://vault.example.com:8200/v1/secret/data/whm/whm01.example.com/billing-sync-20261128');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'X-Vault-Token': 's.abc123', 'Content-Type': 'application/json' });
    expect(JSON.parse(init.body)).toEqual({
      options: { cas: 0 },
      data: {
        whm_host: 'whm01.example.com',
        whm_user: 'reseller1',
        token_name: 'billing-sync-20261128',
        token: SECRET,
        acls: ['list-accts', 'suspend-acct'],
        expires_at: '2027-02-28T23:59:59Z',
        whitelist_ips: ['203.0.113.5', '198.51.100.0/24'],
      },
    });
  });

  it('adds X-Vault-Namespace, keeps a proxy path prefix, trims slashes', () => {
    const { url, init } = vaultKvRequest(ENTRY, { address: 'https://example.com/vault/', mount: '/team/kv/', pathTemplate: '{name}', namespace: 'admin/ops' }, 't', NOW);
    expect(url).toBe('https://example.com/vault/v1/team/kv/data/billing-sync-20261128');
    expect(init.headers['X-Vault-Namespace']).toBe('admin/ops');
  });

  it('expires_at is "never" for a token without expiry', () => {
    expect(JSON.parse(vaultKvRequest(TRICKY, TARGET, 't', NOW).init.body).data.expires_at).toBe('never');
  });

  it('refuses plain http except to this machine, credentials in the URL, a missing token', () => {
    expect(() => vaultKvRequest(ENTRY, { ...TARGET, address: 'http://vault.example.com:8200' }, 't', NOW)).toThrow(/https/);
    expect(vaultKvRequest(ENTRY, { ...TARGET, address: 'http://127.0.0.1:8200' }, 't', NOW).url).toMatch(/^http:\/\/127\.0\.0\.1:8200\/v1\//);
    expect(() => vaultKvRequest(ENTRY, { ...TARGET, address: 'https://u:p@vault.example.com' }, 't', NOW)).toThrow(/credentials/);
    expect(() => vaultKvRequest(ENTRY, { ...TARGET, address: 'not a url' }, 't', NOW)).toThrow(/Not a valid Vault address/);
    expect(() => vaultKvRequest(ENTRY, TARGET, '  ', NOW)).toThrow(/Vault token/);
    expect(() => vaultKvRequest(ENTRY, TARGET, 'a\nb', NOW)).toThrow(/Vault token/);
    expect(() => vaultKvRequest(ENTRY, { ...TARGET, mount: '../sys' }, 't', NOW)).toThrow(/'\.\.'/);
  });
});

describe('readVaultKvAnswer', () => {
  it('200 with data.version is ok with that version; 204 is ok without one', () => {
    const body = JSON.stringify({ request_id: 'r', data: { created_time: '2026-11-28T12:00:00Z', custom_metadata: null, deletion_time: '', destroyed: false, version: 1 } });
    expect(readVaultKvAnswer(200, body)).toEqual({ ok: true, version: 1 });
    expect(readVaultKvAnswer(204, '')).toEqual({ ok: true, version: null });
    expect(readVaultKvAnswer(200, '{"data":{}}')).toEqual({ ok: true, version: null });
  });

  it('a check-and-set failure says the existing secret was kept', () => {
    const answer = readVaultKvAnswer(400, '{"errors":["check-and-set parameter did not match the current version"]}');
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(/a secret already exists at this path; nothing was overwritten/i) });
  });

  it('joins errors[] for other failures', () => {
    const answer = readVaultKvAnswer(403, '{"errors":["permission denied","1 error occurred"]}');
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.message).toContain('HTTP 403');
      expect(answer.message).toContain('permission denied; 1 error occurred');
    }
    const notFound = readVaultKvAnswer(404, '{"errors":[]}');
    expect(notFound.ok || notFound.message).toMatch(/HTTP 404.*KV version 2/);
  });

  it('non-JSON answers give the status; a 200 that is not Vault JSON is not a success', () => {
    expect(readVaultKvAnswer(502, '<html>Bad gateway</html>')).toEqual({ ok: false, message: expect.stringContaining('HTTP 502') });
    expect(readVaultKvAnswer(200, '<html>Sign in</html>')).toEqual({ ok: false, message: expect.stringContaining('not with Vault') });
    expect(readVaultKvAnswer(302, '')).toEqual({ ok: false, message: expect.stringContaining('redirect') });
  });

  it('clips a huge error and ignores non-string error items', () => {
    const answer = readVaultKvAnswer(500, JSON.stringify({ errors: ['x'.repeat(5000), { evil: true }, 42] }));
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.message.length).toBeLessThanOrEqual(501);
  });
});
