import { describe, expect, it } from 'vitest';
import { encodeParams, namesSaidNotToExist, readWhmAnswer, validate, WhmClient } from './client';
import { WhmError } from './errors';
import { parseTokenList } from './schemas';

const json = (body: unknown, status = 200) => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof WhmError ? e.kind : 'other';
  }
  return 'none';
};

describe('readWhmAnswer', () => {
  it('returns data on success', () => {
    expect(readWhmAnswer(json({ data: { a: 1 }, metadata: { result: 1, reason: 'OK' } }), 'f')).toEqual({ a: 1 });
  });
  it('accepts a success or failure without data', () => {
    expect(readWhmAnswer(json({ metadata: { result: 1, reason: 'OK' } }), 'f')).toBeUndefined();
    expect(kindOf(() => readWhmAnswer(json({ metadata: { result: 0, reason: 'Nope' } }), 'f'))).toBe('whm');
    expect(kindOf(() => readWhmAnswer(json({ data: {}, metadata: { result: 0, reason: 'Nope' } }), 'f'))).toBe('whm');
  });
  it("keeps WHM's reason verbatim", () => {
    try {
      readWhmAnswer(json({ metadata: { result: 0, reason: 'A conflicting API token with the name “x” already exists.' } }), 'api_token_create');
      expect.unreachable();
    } catch (e) {
      expect((e as WhmError).reason).toBe('A conflicting API token with the name “x” already exists.');
    }
  });
  it('maps a privilege refusal to permission', () => {
    expect(kindOf(() => readWhmAnswer(json({ metadata: { result: 0, reason: 'Permission denied' } }), 'f'))).toBe('permission');
  });
  it('treats every lost-session shape as session, never as data', () => {
    expect(kindOf(() => readWhmAnswer({ status: 401, contentType: 'text/html', body: '<html><title>Security Token Failure</title></html>' }, 'f'))).toBe('session');
    expect(kindOf(() => readWhmAnswer({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Login</title>' }, 'f'))).toBe('session');
    expect(kindOf(() => readWhmAnswer(json({ cpanelresult: { error: 'Access denied', data: { result: '0' } } }, 403), 'f'))).toBe('session');
    expect(kindOf(() => readWhmAnswer(json({ cpanelresult: { error: 'Access denied' } }), 'f'))).toBe('session');
    expect(kindOf(() => readWhmAnswer(json({ error: 'Access denied' }), 'f'))).toBe('session');
    expect(kindOf(() => readWhmAnswer({ status: 302, contentType: '', body: '' }, 'f'))).toBe('session');
  });
  it('never repeats what an answer said beyond a page title: it may echo a secret', () => {
    // WHM's "Invalid Security Token" and "401 Access Denied" pages echo the request's
    // parameters, so a stale-session answer to api_token_get_details holds the secret.
    const secret = 'ECHOEDSECRET00000000000000000000';
    const answers = [
      { status: 401, contentType: 'text/html', body: `<html><head><title>Error</title></head><body><h1>Invalid Security Token</h1><p>token=${secret}</p></body></html>` },
      { status: 200, contentType: 'application/json', body: `${secret} is not json` },
      { status: 200, contentType: 'application/json', body: `{"token":"${secret}"` },
      { status: 500, contentType: 'text/plain', body: `error near token=${secret}` },
    ];
    for (const raw of answers) {
      try {
        readWhmAnswer(raw, 'api_token_get_details');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(WhmError);
        expect(JSON.stringify({ message: (e as WhmError).message, reason: (e as WhmError).reason })).not.toContain(secret.slice(0, 8));
      }
    }
  });
  it('tells a referrer-check refusal from a lost session', () => {
    const page = '<!doctype html><html><head><title>index</title></head><body><h1>Access Denied: Referrer Check</h1><p>The request came from another site.</p></body></html>';
    for (const status of [200, 403]) {
      try {
        readWhmAnswer({ status, contentType: 'text/html; charset=utf-8', body: page }, 'api_token_list');
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({ kind: 'whm', message: expect.stringMatching(/referrer/i) });
        expect((e as WhmError).message).not.toMatch(/log in/i);
      }
    }
  });
  it('reports broken JSON as malformed and server errors as network', () => {
    expect(kindOf(() => readWhmAnswer({ status: 200, contentType: 'application/json', body: '{"data":' }, 'f'))).toBe('malformed');
    expect(kindOf(() => readWhmAnswer({ status: 502, contentType: 'text/plain', body: 'Bad gateway' }, 'f'))).toBe('network');
  });
});

describe('token list schema', () => {
  const docExample = {
    tokens: {
      'my-controller-token': {
        acls: { 'create-acct': 0, 'edit-account': 0, 'limit-bandwidth': 1, 'list-accts': 1, 'suspend-acct': 1, 'upgrade-account': 0 },
        create_time: 1483625276, expires_at: 1609372800, name: 'my-controller-token', whitelist_ips: ['192.0.2.1', '192.0.2.8/29'],
      },
      'my-read-only-token': {
        acls: { 'create-acct': 0, 'edit-account': 0, 'limit-bandwidth': 0, 'list-accts': 1, 'suspend-acct': 0, 'upgrade-account': 0 },
        create_time: 1490882281, expires_at: null, name: 'my-read-only-token', whitelist_ips: null,
      },
    },
  };
  it("normalises WHM's documented example", () => {
    const [a, b] = parseTokenList(docExample);
    expect(a).toEqual({
      name: 'my-controller-token', createTime: 1483625276, expiresAt: 1609372800,
      acls: ['limit-bandwidth', 'list-accts', 'suspend-acct'],
      heldAcls: ['create-acct', 'edit-account', 'limit-bandwidth', 'list-accts', 'suspend-acct', 'upgrade-account'],
      whitelistIps: ['192.0.2.1', '192.0.2.8/29'],
    });
    expect(b).toMatchObject({ expiresAt: null, acls: ['list-accts'], whitelistIps: [] });
  });
  it('accepts array acls, missing whitelist and drops the demo pseudo-ACL', () => {
    const [t] = parseTokenList({ tokens: { x: { name: 'x', create_time: 1, expires_at: 0, acls: ['list-accts', 'demo'] } } });
    expect(t).toMatchObject({ acls: ['list-accts'], expiresAt: null, whitelistIps: [] });
  });
  it('says where a malformed list is wrong', () => {
    expect(() => validate(() => parseTokenList({ tokens: { x: { name: 'x', create_time: 'yesterday' } } }), 'api_token_list')).toThrow(/tokens\.x\.create_time/);
    expect(() => validate(() => parseTokenList(undefined), 'api_token_list')).toThrow(WhmError);
  });
});

describe('WhmClient', () => {
  it('encodes lists as WHM does', () => {
    expect(encodeParams({ token_name: 'a', acl: ['x', 'y'], expires_at: 0 }).toString()).toBe('token_name=a&acl-0=x&acl-1=y&expires_at=0');
  });
  it('refuses to start without a session token', () => {
    expect(() => new WhmClient({ origin: 'https://h:2087', cpsess: 'cpsess12' })).toThrow(WhmError);
  });
  it('turns a hang into a network error after the timeout', async () => {
    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const client = new WhmClient({ origin: 'https://h:2087', cpsess: 'cpsess0123456789', fetch: hanging, timeoutMs: 20 });
    await expect(client.call('api_token_list')).rejects.toMatchObject({ kind: 'network', message: expect.stringMatching(/did not answer/) });
  });
  it('calls the session path with POST, the session cookie and api.version=1', async () => {
    let seen: { url: string; init?: RequestInit } | undefined;
    const recording: typeof fetch = async (url, init) => {
      seen = { url: String(url), init };
      return new Response(JSON.stringify({ data: { tokens: {} }, metadata: { result: 1 } }), { headers: { 'content-type': 'application/json' } });
    };
    const client = new WhmClient({ origin: 'https://h:2087/ignored', cpsess: 'cpsess0123456789', fetch: recording });
    expect(await client.listTokens()).toEqual([]);
    expect(seen?.url).toBe('https://h:2087/cpsess0123456789/json-api/api_token_list?api.version=1');
    expect(seen?.init).toMatchObject({ method: 'POST', credentials: 'include' });
  });
});

describe('revoke outcomes', () => {
  /** A WHM that lists `tokens` and revokes as `revoke` says, recording each revoke's names. */
  const fakeWhm = (tokens: Set<string>, revoke: (names: string[]) => { result: 0 | 1; reason?: string }) => {
    const calls: string[][] = [];
    const fetch: typeof globalThis.fetch = async (url, init) => {
      const fn = /json-api\/(\w+)/.exec(String(url))![1];
      let body: unknown;
      if (fn === 'api_token_list') {
        body = { data: { tokens: Object.fromEntries([...tokens].map((name) => [name, { name, create_time: 1, expires_at: null, acls: ['list-accts'] }])) }, metadata: { result: 1 } };
      } else {
        const names = [...new URLSearchParams(String(init?.body)).entries()].filter(([k]) => k.startsWith('token_name')).map(([, v]) => v);
        calls.push(names);
        const answer = revoke(names);
        if (answer.result === 1) names.forEach((n) => tokens.delete(n));
        body = { metadata: answer };
      }
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    return { client: new WhmClient({ origin: 'https://h:2087', cpsess: 'cpsess0123456789', fetch }), calls };
  };

  it('tells revoked from already gone, and sends only the listed names', async () => {
    const { client, calls } = fakeWhm(new Set(['a', 'b', 'keep']), () => ({ result: 1 }));
    const { outcomes, tokens } = await client.revokeTokens(['a', 'gone-meanwhile', 'b']);
    expect(outcomes).toEqual([
      { name: 'a', revoked: true },
      { name: 'gone-meanwhile', revoked: true, alreadyGone: true },
      { name: 'b', revoked: true },
    ]);
    expect(calls).toEqual([['a', 'b']]);
    expect(tokens.map((t) => t.name)).toEqual(['keep']);
  });

  it('sends nothing when every name is already gone', async () => {
    const { client, calls } = fakeWhm(new Set(['keep']), () => ({ result: 1 }));
    expect((await client.revokeTokens(['x'])).outcomes).toEqual([{ name: 'x', revoked: true, alreadyGone: true }]);
    expect(calls).toEqual([]);
  });

  it('a WHM that refuses the batch for a name revoked in between: that one is gone, the rest sent again', async () => {
    const tokens = new Set(['a', 'b']);
    const { client, calls } = fakeWhm(tokens, (names) => {
      if (calls.length === 1) tokens.delete('b'); // revoked elsewhere after our first list
      return names.includes('b') && !tokens.has('b')
        ? { result: 0, reason: 'The system failed to revoke the API token: The API token “b” does not exist.' }
        : { result: 1 };
    });
    const { outcomes } = await client.revokeTokens(['a', 'b']);
    expect(outcomes).toEqual([{ name: 'a', revoked: true }, { name: 'b', revoked: true, alreadyGone: true }]);
    expect(calls).toEqual([['a', 'b'], ['a']]);
  });

  it('keeps WHM’s reason for a token still listed', async () => {
    const { client } = fakeWhm(new Set(['a']), () => ({ result: 0, reason: 'Permission denied' }));
    expect((await client.revokeTokens(['a'])).outcomes).toEqual([{ name: 'a', revoked: false, reason: 'Permission denied' }]);
  });

  it('reads the names out of WHM’s “does not exist” reason', () => {
    expect(namesSaidNotToExist('The system failed to revoke the API token: The API token “x-1” does not exist.')).toEqual(['x-1']);
    expect(namesSaidNotToExist('Permission denied')).toEqual([]);
  });
});
