import { describe, expect, it } from 'vitest';
import { refuseSender, RequestSchema } from './message-schema';
import type { Request } from './messages';

const req: Request = { type: 'audit:run', origin: 'https://127.0.0.1:2087', cpsess: 'cpsess0123456789' };
const tab = (url: string) => ({ id: 1, url });

describe('RequestSchema', () => {
  it('accepts a well-formed request', () => {
    expect(RequestSchema.parse(req)).toEqual(req);
  });
  it('refuses unknown types, extra fields, bad origins and tokens', () => {
    expect(RequestSchema.safeParse({ ...req, type: 'tokens:drop' }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...req, extra: 1 }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...req, origin: 'https://h:2087/path' }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...req, origin: 'javascript:alert(1)' }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...req, cpsess: 'cpsess1' }).success).toBe(false);
  });
  it('accepts a revoke only of names WHM could have', () => {
    const revoke = { type: 'tokens:revoke', origin: req.origin, cpsess: req.cpsess, names: ['a-1', 'B_2'] };
    expect(RequestSchema.safeParse(revoke).success).toBe(true);
    expect(RequestSchema.safeParse({ ...revoke, names: [] }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...revoke, names: ['<img src=x>'] }).success).toBe(false);
    expect(RequestSchema.safeParse({ ...revoke, names: ['x'.repeat(51)] }).success).toBe(false);
  });
});

describe('RequestSchema, fixes', () => {
  const at = { origin: req.origin, cpsess: req.cpsess };
  const fix = (change: unknown) => RequestSchema.safeParse({ type: 'token:fix', ...at, name: 'ops-a', change }).success;
  it('takes one change of one kind, shaped as WHM would accept it', () => {
    expect(fix({ kind: 'set-expiry', expiresAt: 1_900_000_000 })).toBe(true);
    expect(fix({ kind: 'rename', newName: 'ops-b-20261128' })).toBe(true);
    expect(fix({ kind: 'restrict', acls: ['list-accts', 'acct-summary'] })).toBe(true);
    expect(fix({ kind: 'allowlist', ips: ['192.0.2.1', '2001:db8::/32'] })).toBe(true);
  });
  it('refuses a change that would mean something else: never, no privileges, no allowlist, a bad name', () => {
    expect(fix({ kind: 'set-expiry', expiresAt: 0 })).toBe(false);
    expect(fix({ kind: 'set-expiry', expiresAt: null })).toBe(false);
    expect(fix({ kind: 'restrict', acls: [] })).toBe(false);
    expect(fix({ kind: 'allowlist', ips: [] })).toBe(false);
    expect(fix({ kind: 'allowlist', ips: Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`) })).toBe(false);
    expect(fix({ kind: 'rename', newName: 'bad name' })).toBe(false);
    expect(fix({ kind: 'rename', newName: 'b', acls: ['all'] })).toBe(false);
    expect(fix({ kind: 'revoke' })).toBe(false);
  });
  it('opens a fix frame only for the update fixes', () => {
    const open = (task: unknown) => RequestSchema.safeParse({ type: 'frame:open', ...at, task }).success;
    expect(open({ kind: 'fix', fix: 'restrict', name: 'ops-a' })).toBe(true);
    expect(open({ kind: 'fix', fix: 'revoke', name: 'ops-a' })).toBe(false);
  });
});

const own = { extensionId: 'me', frameUrl: 'chrome-extension://me/secure-frame.html' };

describe('refuseSender', () => {
  const ok = { id: 'me', frameId: 0, tab: tab('https://127.0.0.1:2087/cpsess0123456789/scripts7/apitokens/home') };
  it('lets our own content script on the same origin and session through', () => {
    expect(refuseSender(ok, own, req)).toBeNull();
  });
  it('refuses other extensions, other origins, other sessions, frames and non-tabs', () => {
    expect(refuseSender({ ...ok, id: 'other' }, own, req)).toMatch(/another extension/);
    expect(refuseSender({ ...ok, tab: tab('https://127.0.0.1:2086/cpsess0123456789/') }, own, req)).toMatch(/not https/);
    expect(refuseSender({ ...ok, tab: tab('https://evil.example/cpsess0123456789/') }, own, req)).toMatch(/not https/);
    expect(refuseSender({ ...ok, tab: tab('https://127.0.0.1:2087/cpsess9999999999/') }, own, req)).toMatch(/session token/);
    expect(refuseSender({ ...ok, frameId: 3 }, own, req)).toMatch(/sub-frame/);
    expect(refuseSender({ id: 'me' }, own, req)).toMatch(/not sent from a tab/);
  });
});

describe('refuseSender, by context', () => {
  const whmTab = tab('https://127.0.0.1:2087/cpsess0123456789/scripts7/apitokens/home');
  const contentScript = { id: 'me', frameId: 0, url: whmTab.url, tab: whmTab };
  const frame = { id: 'me', frameId: 4, url: 'chrome-extension://me/secure-frame.html', tab: whmTab };
  const at = { origin: req.origin, cpsess: req.cpsess };
  const secret = 'S'.repeat(32);
  const actions: Request[] = [
    { type: 'tokens:revoke', ...at, names: ['a'] },
    { type: 'token:rotate', ...at, name: 'a', replacement: { name: 'b', acls: ['list-accts'], expiresAt: 1_900_000_000 } },
    { type: 'token:plan', ...at, name: 'a' },
    { type: 'token:fix', ...at, name: 'a', change: { kind: 'rename', newName: 'b' } },
    { type: 'token:test', ...at, user: 'u', secret },
    { type: 'token:details', ...at, secret },
    { type: 'vault:push', ...at, vaultToken: 'v', entry: { origin: req.origin, host: '127.0.0.1', user: 'u', name: 'a', secret, acls: [], expiresAt: null, whitelistIps: [], createdAt: 1 } },
    { type: 'clipboard:clear-later', ...at, secret, seconds: 10, copiedAt: 1_800_000_000_000 },
  ];

  it('WHM’s page (our content script there) may only read and open a frame task', () => {
    for (const request of actions) expect(refuseSender(contentScript, own, request), request.type).toMatch(/not accepted from WHM's page/);
    expect(refuseSender(contentScript, own, { type: 'frame:open', ...at, task: { kind: 'revoke', names: ['a'] } })).toBeNull();
    expect(refuseSender(contentScript, own, { type: 'frame:claim', handle: '0'.repeat(32) })).toMatch(/not accepted/);
  });

  it('our frame may act, bound to its tab’s origin and session; not audit, not open tasks', () => {
    for (const request of actions) expect(refuseSender(frame, own, request), request.type).toBeNull();
    expect(refuseSender(frame, own, { type: 'frame:claim', handle: '0'.repeat(32) })).toBeNull();
    expect(refuseSender(frame, own, req)).toMatch(/not accepted from the frame/);
    expect(refuseSender({ ...frame, tab: tab('https://127.0.0.1:2087/cpsess9999999999/') }, own, actions[0]!)).toMatch(/session token/);
    // Another page of ours, or a look-alike, is not the frame.
    expect(refuseSender({ ...frame, url: 'chrome-extension://me/options.html' }, own, actions[0]!)).toMatch(/not accepted from WHM's page/);
  });
});
