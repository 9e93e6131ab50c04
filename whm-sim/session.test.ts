// Login, the whostmgrsession cookie, the cpsess security token, lost sessions, the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simRequest } from './http-client.ts';
import { startSimulator, type LostSessionMode, type Simulator } from './server.ts';
import { api, NOW, sessionCall } from './test-helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW, hostName: 'whm07' });
});
afterAll(() => sim.close());

describe('login', () => {
  it('serves the login form at / and /login/', async () => {
    for (const path of ['/', '/login/']) {
      const res = await simRequest(`${sim.origin}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>WHM Login</title>');
      expect(res.body).toMatch(/<form[^>]+method="post"[^>]+action="\/login\/"/);
      expect(res.body).toContain('name="user"');
      expect(res.body).toContain('name="pass"');
    }
  });

  it('sets a strict HttpOnly Secure cookie and redirects into the session', async () => {
    const res = await simRequest(`${sim.origin}/login/`, { form: { user: 'reseller1', pass: 'resellerpass' } });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/cpsess\d{10}\/scripts7\/apitokens\/home$/);
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^whostmgrsession=[A-Za-z0-9_-]{20,};/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/']) expect(cookie).toContain(flag);
  });

  it('gives every login its own cpsess', async () => {
    const a = await sim.login('reseller1', 'resellerpass');
    const b = await sim.login('reseller1', 'resellerpass');
    expect(a.cpsess).not.toBe(b.cpsess);
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.cpsess).toMatch(/^cpsess\d{10}$/);
  });

  it('refuses bad credentials with 401 and the form again', async () => {
    for (const form of [
      { user: 'reseller1', pass: 'wrong' },
      { user: 'nobody', pass: 'resellerpass' },
      { user: 'reseller1', pass: '' },
    ]) {
      const res = await simRequest(`${sim.origin}/login/`, { form });
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toContain('The login is invalid.');
    }
  });

  it('omits Secure on plain HTTP', async () => {
    const plain = await startSimulator({ scenario: 'demo', now: NOW, http: true });
    try {
      expect(plain.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await simRequest(`${plain.origin}/login/`, { form: { user: 'root', pass: 'rootpass' } });
      const cookie = res.headers['set-cookie']?.[0] ?? '';
      expect(cookie).toContain('HttpOnly');
      expect(cookie).not.toContain('Secure');
    } finally {
      await plain.close();
    }
  });

  it('logs out and ends the session', async () => {
    const s = await sim.login('reseller1', 'resellerpass');
    const out = await simRequest(`${sim.origin}/${s.cpsess}/logout/`, { headers: { cookie: s.cookieHeader } });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('/');
    expect((await sessionCall(sim, s, 'version')).status).toBe(401);
  });
});

describe('the Manage API Tokens page', () => {
  it('renders without a CSP by default (as WHM 11.120), with X-Frame-Options, nosniff and origin referrer policy', async () => {
    const s = await sim.login('reseller1', 'resellerpass');
    for (const route of ['home', 'edit', 'edit/ops-ssl-renewal-20261015']) {
      const res = await simRequest(`${sim.origin}/${s.cpsess}/scripts7/apitokens/${route}`, {
        headers: { cookie: s.cookieHeader },
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['referrer-policy']).toBe('origin');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeUndefined();
      expect(res.body).not.toMatch(/nonce=|ng-csp|ng-app/);
      expect(res.body).toMatch(/<title>WHM \[whm07\] Manage API Tokens - (?:11\.)?120\.0\.16<\/title>/);
    }
  });

  it('with `csp: true` sends the strict nonce CSP, a fresh nonce per response, on the inline script too', async () => {
    const strict = await startSimulator({ scenario: 'demo', now: NOW, csp: true });
    try {
      const s = await strict.login('reseller1', 'resellerpass');
      const get = () => simRequest(`${strict.origin}/${s.cpsess}/scripts7/apitokens/home`, { headers: { cookie: s.cookieHeader } });
      const [a, b] = await Promise.all([get(), get()]);
      const csp = a.headers['content-security-policy'] as string;
      expect(csp).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'; object-src 'none'; base-uri 'self'$/);
      expect(a.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(csp).not.toBe(b.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(a.body).toContain(`<script nonce="${nonce}">window.COMMON`);
      expect(a.body).toMatch(/<html lang="en" ng-csp>/);
    } finally {
      await strict.close();
    }
  });

  it('sends a logged-in visitor of / into the session', async () => {
    const s = await sim.login('root', 'rootpass');
    const res = await simRequest(`${sim.origin}/`, { headers: { cookie: s.cookieHeader } });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/${s.cpsess}/scripts7/apitokens/home`);
  });

  it('answers a lost session on a page path with Security Token Failure', async () => {
    const s = await sim.login('reseller1', 'resellerpass');
    const cases = [
      { path: `/cpsess0000000000/scripts7/apitokens/home`, cookie: s.cookieHeader }, // wrong cpsess
      { path: `/${s.cpsess}/scripts7/apitokens/home`, cookie: '' }, // missing cookie
      { path: `/${s.cpsess}/scripts7/apitokens/home`, cookie: 'whostmgrsession=forged' },
    ];
    for (const c of cases) {
      const res = await simRequest(`${sim.origin}${c.path}`, { headers: c.cookie ? { cookie: c.cookie } : {} });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>Security Token Failure</title>');
      expect(res.body).toContain('Access Denied: Security Token Failure');
      expect(res.body).toMatch(/<form[^>]+action="\/login"/);
      expect(res.body).toContain('type="password"');
    }
  });

  it('lets the Security Token Failure form log in again to the same page', async () => {
    const res = await simRequest(`${sim.origin}/login`, {
      form: { user: 'reseller1', pass: 'resellerpass', goto_uri: '/scripts7/apitokens/edit' },
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/cpsess\d{10}\/scripts7\/apitokens\/edit$/);
  });

  it('serves /sim-static/ files without a session and 404s unknown ones', async () => {
    const { staticFiles } = await import('./page/render.ts');
    const files = staticFiles();
    const first = Object.keys(files)[0];
    if (first) {
      const res = await simRequest(`${sim.origin}/sim-static/${first}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(files[first]?.type);
    }
    expect((await simRequest(`${sim.origin}/sim-static/nope.js`)).status).toBe(404);
    expect((await simRequest(`${sim.origin}/sim-static/../server.ts`)).status).toBe(404);
  });
});

describe('lost session on json-api', () => {
  const modes: Array<[LostSessionMode, number, RegExp]> = [
    ['json', 401, /^application\/json/],
    ['html', 401, /^text\/html/],
    ['cpanelresult', 403, /^application\/json/],
    ['invalid-token', 401, /^text\/html/],
    ['access-denied', 401, /^text\/html/],
  ];

  for (const [mode, status, type] of modes) {
    it(`answers in ${mode} mode for a wrong cpsess, a missing cookie and expired sessions`, async () => {
      const s2 = await startSimulator({ scenario: 'demo', now: NOW, lostSession: mode });
      try {
        const s = await s2.login('reseller1', 'resellerpass');
        expect((await api(s2, s, 'api_token_list')).metadata.result).toBe(1);
        const attempts = [
          () => sessionCall(s2, { ...s, cpsess: 'cpsess1111111111' }, 'api_token_list'),
          () => sessionCall(s2, { ...s, cookieHeader: '' }, 'api_token_list'),
          async () => {
            s2.expireSessions();
            return sessionCall(s2, s, 'api_token_list');
          },
        ];
        for (const attempt of attempts) {
          const res = await attempt();
          expect(res.status).toBe(status);
          expect(res.headers['content-type']).toMatch(type);
          if (mode === 'html') expect(res.body).toContain('Access Denied: Security Token Failure');
          if (mode === 'invalid-token') {
            expect(res.body).toContain('<title>Error</title>');
            expect(res.body).toContain('<h1>Invalid Security Token</h1>');
          }
          if (mode === 'access-denied') {
            expect(res.body).toContain('<title>401 Access Denied</title>');
            expect(res.body).toContain('<h1>401 Access Denied</h1>');
          }
          if (mode === 'cpanelresult')
            expect(res.json()).toEqual({
              cpanelresult: { apiversion: '2', error: 'Access denied', data: { reason: 'Access denied', result: '0' }, type: 'text' },
            });
          if (mode === 'json') expect(res.json<any>().metadata?.result).toBeUndefined();
        }
        const logged = s2.requests.filter((r) => r.fn === 'api_token_list');
        expect(logged.map((r) => r.sessionOk)).toEqual([true, false, false, false]);
        expect(logged[0]).toMatchObject({ auth: 'session', user: 'reseller1', method: 'POST' });
      } finally {
        await s2.close();
      }
    });
  }

  for (const mode of ['invalid-token', 'access-denied'] as const) {
    it(`${mode}: echoes the request's parameters, escaped, so a secret sent to a stale session comes back`, async () => {
      const s2 = await startSimulator({ scenario: 'demo', now: NOW, lostSession: mode });
      try {
        const s = await s2.login('reseller1', 'resellerpass');
        s2.expireSessions();
        const secret = 'MONITORINGDEMOTOKEN0000000000000';
        const res = await simRequest(`${s2.origin}/${s.cpsess}/json-api/api_token_get_details?api.version=1&note=%3Cb%3Ebold%3C%2Fb%3E`, {
          form: { token: secret, 'x"y': `a&b'c` },
          headers: { cookie: s.cookieHeader },
        });
        expect(res.status).toBe(401);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain(secret); // the danger whm.md §1 warns about
        expect(res.body).toContain('<li><code>token</code> = <code>MONITORINGDEMOTOKEN0000000000000</code></li>');
        expect(res.body).toContain('<li><code>api.version</code> = <code>1</code></li>');
        expect(res.body).toContain('<li><code>note</code> = <code>&lt;b&gt;bold&lt;/b&gt;</code></li>');
        expect(res.body).toContain('<li><code>x&quot;y</code> = <code>a&amp;b&#39;c</code></li>');
        expect(res.body).not.toContain('<b>bold</b>');
        // A call without parameters beyond api.version echoes only that.
        const plain = await sessionCall(s2, s, 'api_token_list');
        expect(plain.body).toContain('<ul id="request-parameters"><li><code>api.version</code> = <code>1</code></li></ul>');
      } finally {
        await s2.close();
      }
    });
  }

  it('ends a session after the idle timeout (real wall clock)', async () => {
    const s2 = await startSimulator({ scenario: 'demo', now: NOW, idleTimeoutSeconds: 1 });
    try {
      const s = await s2.login('reseller1', 'resellerpass');
      await new Promise((r) => setTimeout(r, 600));
      expect((await sessionCall(s2, s, 'version')).status).toBe(200); // use refreshes the idle timer
      await new Promise((r) => setTimeout(r, 600));
      expect((await sessionCall(s2, s, 'version')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1200));
      expect((await sessionCall(s2, s, 'version')).status).toBe(401);
    } finally {
      await s2.close();
    }
  });

  it('ignores a token Authorization header on cpsess paths: the session decides', async () => {
    const res = await simRequest(`${sim.origin}/cpsess1234567890/json-api/version?api.version=1`, {
      headers: { authorization: 'whm reseller1:MONITORINGDEMOTOKEN0000000000000' },
    });
    expect(res.status).toBe(401);
  });
});

describe('server clock', () => {
  it('sends the simulator clock in the Date header', async () => {
    const frozen = Date.parse('2030-01-02T03:04:05Z') / 1000;
    const sim = await startSimulator({ scenario: 'empty', now: frozen });
    try {
      const res = await simRequest(sim.loginUrl);
      expect(res.headers.date).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
    } finally {
      await sim.close();
    }
  });
});
