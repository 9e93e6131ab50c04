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

describe('refuseSender', () => {
  const ok = { id: 'me', frameId: 0, tab: tab('https://127.0.0.1:2087/cpsess0123456789/scripts7/apitokens/home') };
  it('lets our own content script on the same origin and session through', () => {
    expect(refuseSender(ok, 'me', req)).toBeNull();
  });
  it('refuses other extensions, other origins, other sessions, frames and non-tabs', () => {
    expect(refuseSender({ ...ok, id: 'other' }, 'me', req)).toMatch(/another extension/);
    expect(refuseSender({ ...ok, tab: tab('https://127.0.0.1:2086/cpsess0123456789/') }, 'me', req)).toMatch(/not https/);
    expect(refuseSender({ ...ok, tab: tab('https://evil.example/cpsess0123456789/') }, 'me', req)).toMatch(/not https/);
    expect(refuseSender({ ...ok, tab: tab('https://127.0.0.1:2087/cpsess9999999999/') }, 'me', req)).toMatch(/session token/);
    expect(refuseSender({ ...ok, frameId: 3 }, 'me', req)).toMatch(/sub-frame/);
    expect(refuseSender({ id: 'me' }, 'me', req)).toMatch(/not sent from a tab/);
  });
});
