// The WHM simulator: a real HTTPS server on loopback with WHM's login, cpsess security
// token, session cookie, json-api (session and token auth) and the Manage API Tokens page.
//
// Clocks: the *simulator clock* (`now()`, frozen or real) drives everything about tokens
// (create_time, expiry, audits). Session idle timeouts use the real wall clock, because
// a frozen clock would otherwise make sessions immortal (or dead) in a running demo.
import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ACL_CATALOG } from './acl-catalog.ts';
import { callApi, fail, unknownAppReason, WHM_VERSION, type ApiCaller } from './api.ts';
import { simRequest } from './http-client.ts';
import { ipAllowed, normalizeRemoteAddress } from './ip.ts';
import { loopbackCertificate } from './certificate.ts';
import { renderApiTokensPage, staticFiles, type AngularVersion } from './page/render.ts';
import { buildState, loadScenario, parseTime, type Scenario } from './scenarios.ts';
import { findUser, hashSecret, heldAcls, isExpired, tokenEffectiveAcls, type SimState } from './state.ts';

export type { Scenario } from './scenarios.ts';
export type { SimState, StoredToken, SimUser } from './state.ts';

/**
 * How a json-api call answers a lost session. `invalid-token` (login-theme "Error" page,
 * "Invalid Security Token") and `access-denied` (built-in "401 Access Denied" page) echo
 * the request's parameters into the page, secrets included, as WHM 11.120 does.
 */
export type LostSessionMode = 'json' | 'html' | 'cpanelresult' | 'invalid-token' | 'access-denied';
export type FaultKind =
  | 'html'
  | 'malformed'
  | 'drop'
  | 'hang'
  | 'http500'
  | 'denied'
  | 'refused'
  /** WHM's referrer safety check refusing the request: 403 HTML, title `index`. */
  | 'referrer'
  /** The function does not exist here (as on an older WHM): `result: 0`, "Unknown app". */
  | 'unknown-app';

/** The reason a `refused` fault gives: WHM's words are untrusted, so this one carries markup. */
export const REFUSED_REASON = 'The token database is locked by another process. <img src=x onerror="document.title=\'pwned\'">';

export interface SimOptions {
  /** Name of whm-sim/scenarios/<name>.json, 'large-1k' | 'large-10k', or an object; default 'empty'. */
  scenario?: string | Scenario;
  /** Frozen clock, unix seconds. Default: the scenario's `now`, else the real clock. */
  now?: number;
  /** 0 or undefined = a free port. */
  port?: number;
  /** Plain HTTP instead of HTTPS. */
  http?: boolean;
  /** How a json-api call answers when the session is gone; default 'json'. */
  lostSession?: LostSessionMode;
  /** Session idle timeout (real wall-clock seconds); default 1800. */
  idleTimeoutSeconds?: number;
  /** Short host name shown in the page title; default 'whm01'. */
  hostName?: string;
  /** Newer WHM: root may not name a token `WebPros_Dashboard`/`WP-Dashboard`. Off (11.120) by default. */
  reservedTokenNames?: boolean;
  /** The page's AngularJS: '1.4' (1.4.4 + UI Bootstrap 1.2.5, as WHM 11.120; default) or '1.8' (1.8.3 + UI Bootstrap 2.5.6). */
  angular?: AngularVersion;
  /** Send the strict nonce Content-Security-Policy on the page (and run it under ng-csp). WHM sends none: off by default. */
  csp?: boolean;
  /** Extra wait after DOMContentLoaded before the page's loader starts loading the app (ms); default 0. */
  bootDelayMs?: number;
  /** Serve the Generate form's markup in the page, bound in place when AngularJS boots (render.ts). */
  formFirst?: boolean;
}

export interface SimRequestLogEntry {
  fn: string;
  method: string;
  user?: string;
  sessionOk: boolean;
  auth: 'session' | 'token' | 'none';
  /** Real wall-clock time of the request, milliseconds since the epoch. */
  time: number;
}

export interface Simulator {
  origin: string;
  port: number;
  loginUrl: string;
  state: SimState;
  now(): number;
  setNow(unixSeconds: number | undefined): void;
  login(
    user: string,
    pass: string,
  ): Promise<{ cookie: string; cookieHeader: string; cpsess: string; homeUrl: string }>;
  expireSessions(): void;
  setFault(fn: string, kind: FaultKind | null): void;
  requests: SimRequestLogEntry[];
  close(): Promise<void>;
}

export const SESSION_COOKIE = 'whostmgrsession';
const HOME_PATH = '/scripts7/apitokens/home';
const MAX_BODY = 16 * 1024 * 1024;

interface Session {
  user: string;
  cpsess: string;
  lastUsed: number;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const SIMPLE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'";
const PAGE_STYLE =
  'body{font-family:sans-serif;background:#f4f5f7;margin:0}main{max-width:360px;margin:80px auto;background:#fff;padding:24px 28px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15)}label{display:block;margin:12px 0 4px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:6px}button{margin-top:16px;padding:6px 16px}.error{color:#a94442}';

function loginPage(error?: string, user = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>WHM Login</title><style>${PAGE_STYLE}</style></head>
<body><main>
<h1>WHM Login</h1>
${error ? `<p class="error" id="login-error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="login_form" method="post" action="/login/">
<label for="user">Username</label><input type="text" id="user" name="user" value="${escapeHtml(user)}" autocomplete="username" autofocus>
<label for="pass">Password</label><input type="password" id="pass" name="pass" autocomplete="current-password">
<button type="submit" id="login_submit">Log in</button>
</form>
</main></body></html>`;
}

function securityTokenFailurePage(gotoUri: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Security Token Failure</title><style>${PAGE_STYLE}</style></head>
<body><main>
<h1>Access Denied: Security Token Failure</h1>
<p>Your session has expired or its security token is no longer valid. Log in again to continue.</p>
<form id="login_form" method="post" action="/login">
<input type="hidden" name="goto_uri" value="${escapeHtml(gotoUri)}">
<label for="user">Username</label><input type="text" id="user" name="user" autocomplete="username">
<label for="pass">Password</label><input type="password" id="pass" name="pass" autocomplete="current-password">
<button type="submit" id="login_submit">Log in</button>
</form>
</main></body></html>`;
}

/** The submitted parameters (query and form body), escaped, as WHM's error pages echo them. */
function echoedParams(params: URLSearchParams): string {
  const items = [...params].map(([k, v]) => `<li><code>${escapeHtml(k)}</code> = <code>${escapeHtml(v)}</code></li>`);
  return `<ul id="request-parameters">${items.join('')}</ul>`;
}

/** Login-theme error page for a bad security token; echoes the request's parameters. */
function invalidSecurityTokenPage(params: URLSearchParams): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Error</title><style>${PAGE_STYLE}</style></head>
<body><main>
<h1>Invalid Security Token</h1>
<p>The security token in this request is missing or has expired. Log in again, then repeat the request.</p>
<p>The request carried:</p>
${echoedParams(params)}
<p><a href="/">Log in</a></p>
</main></body></html>`;
}

/** The built-in "401 Access Denied" page; it echoes the request's parameters too. */
function accessDeniedPage(params: URLSearchParams): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>401 Access Denied</title></head>
<body>
<h1>401 Access Denied</h1>
<p>This request could not be authorized.</p>
${echoedParams(params)}
</body></html>`;
}

/** WHM's referrer safety check refusing a request (not a lost session). */
function referrerCheckPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>index</title><style>${PAGE_STYLE}</style></head>
<body><main>
<h1>Access Denied: Referrer Check</h1>
<p>This server only accepts requests that come from its own pages, and this one did not.</p>
</main></body></html>`;
}

function parseCookies(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Query string and (form-urlencoded) body merged; body values come after query values. */
async function requestParams(req: http.IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST' || req.method === 'PUT') {
    const body = await readBody(req);
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (body && (type === '' || type.startsWith('application/x-www-form-urlencoded') || type.startsWith('text/plain')))
      for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  }
  return params;
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

const sendHtml = (res: http.ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}) =>
  send(res, status, 'text/html; charset=utf-8', html, { 'content-security-policy': SIMPLE_PAGE_CSP, ...headers });

function redirect(res: http.ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(302, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const scenario = loadScenario(opts.scenario ?? 'empty');
  let frozen: number | undefined = opts.now ?? (scenario.now !== undefined ? parseTime(scenario.now) : undefined);
  const now = () => frozen ?? Math.floor(Date.now() / 1000);
  const state = buildState(scenario, now());
  const lostSession: LostSessionMode = opts.lostSession ?? 'json';
  const reservedTokenNames = opts.reservedTokenNames === true;
  const idleMs = (opts.idleTimeoutSeconds ?? 1800) * 1000;
  const hostName = opts.hostName ?? 'whm01';
  // The Manage API Tokens page (page/render.ts).
  const pageStatic = staticFiles(opts.angular ?? '1.4');
  const pageCsp = opts.csp === true;
  const bootDelayMs = opts.bootDelayMs ?? 0;
  const secure = !opts.http;

  const sessions = new Map<string, Session>(); // cookie value → session
  const faults = new Map<string, FaultKind>();
  const requests: SimRequestLogEntry[] = [];

  function newCpsess(): string {
    let digits = '';
    for (let i = 0; i < 10; i++) digits += String(randomInt(10));
    return `cpsess${digits}`;
  }

  /** The live session for this request and security token, or undefined (lost). */
  function sessionFor(req: http.IncomingMessage, cpsess: string): Session | undefined {
    for (const value of parseCookies(req.headers.cookie, SESSION_COOKIE)) {
      const s = sessions.get(value);
      if (!s || s.cpsess !== cpsess) continue;
      if (Date.now() - s.lastUsed > idleMs) {
        sessions.delete(value);
        continue;
      }
      if (!findUser(state, s.user)) continue;
      s.lastUsed = Date.now();
      return s;
    }
    return undefined;
  }

  function cookieFlags(): string {
    return `HttpOnly; ${secure ? 'Secure; ' : ''}SameSite=Strict; Path=/`;
  }

  /** Answer a misbehaving json-api call; true when a fault applied. */
  function applyFault(fn: string, res: http.ServerResponse): boolean {
    const kind = faults.get(fn);
    if (!kind) return false;
    switch (kind) {
      case 'html':
        sendHtml(res, 200, '<!doctype html><html><head><title>Maintenance</title></head><body><h1>Temporarily unavailable</h1></body></html>');
        break;
      case 'malformed':
        send(res, 200, 'application/json; charset=utf-8', '{"data":');
        break;
      case 'drop':
        res.socket?.destroy();
        break;
      case 'hang':
        break; // never answer; close() ends the socket
      case 'http500':
        sendJson(res, 500, { error: 'Internal Server Error', status: 500 });
        break;
      case 'denied':
        sendJson(res, 200, { metadata: { command: fn, reason: 'Permission denied', result: 0, version: 1 } });
        break;
      case 'refused':
        sendJson(res, 200, { metadata: { command: fn, reason: REFUSED_REASON, result: 0, version: 1 } });
        break;
      case 'referrer':
        sendHtml(res, 403, referrerCheckPage());
        break;
      case 'unknown-app':
        sendJson(res, 200, fail(fn, unknownAppReason(fn)));
        break;
    }
    return true;
  }

  async function answerLostSession(req: http.IncomingMessage, res: http.ServerResponse, url: URL, fn: string): Promise<void> {
    // 401 for `invalid-token` is a choice: WHM's status for that page is [unconfirmed].
    if (lostSession === 'invalid-token') sendHtml(res, 401, invalidSecurityTokenPage(await requestParams(req, url)));
    else if (lostSession === 'access-denied') sendHtml(res, 401, accessDeniedPage(await requestParams(req, url)));
    else if (lostSession === 'html') sendHtml(res, 401, securityTokenFailurePage(HOME_PATH));
    else if (lostSession === 'cpanelresult')
      sendJson(res, 403, {
        cpanelresult: { apiversion: '2', error: 'Access denied', data: { reason: 'Access denied', result: '0' }, type: 'text' },
      });
    else sendJson(res, 401, { error: 'Access denied', status: 401, command: fn });
  }

  async function handleLogin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const params = await requestParams(req, url);
    const user = params.get('user') ?? '';
    const pass = params.get('pass') ?? '';
    const account = findUser(state, user);
    if (!account || account.pass !== pass || pass === '') {
      sendHtml(res, 401, loginPage('The login is invalid.', user));
      return;
    }
    const cookie = randomBytes(24).toString('base64url');
    const cpsess = newCpsess();
    sessions.set(cookie, { user: account.user, cpsess, lastUsed: Date.now() });
    const gotoUri = params.get('goto_uri') ?? '';
    const target = /^\/scripts\d+\/apitokens(\/[A-Za-z0-9_/-]*)?$/.test(gotoUri) ? gotoUri : HOME_PATH;
    redirect(res, `/${cpsess}${target}`, { 'set-cookie': `${SESSION_COOKIE}=${cookie}; ${cookieFlags()}` });
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    fn: string,
    caller: ApiCaller,
  ): Promise<void> {
    const params = await requestParams(req, url);
    const envelope = callApi({ state, now: now(), caller, options: { reservedTokenNames } }, fn, params);
    sendJson(res, 200, envelope);
  }

  /** Token auth: `Authorization: whm USER:TOKEN` on /json-api/<fn>; undefined = refused. */
  function tokenCaller(req: http.IncomingMessage): { caller?: ApiCaller; user?: string } {
    const header = req.headers.authorization ?? '';
    const m = /^whm\s+([^:\s]+):(\S+)\s*$/i.exec(header);
    if (!m) return {};
    const [, userName = '', secret = ''] = m;
    const user = findUser(state, userName);
    if (!user) return { user: userName };
    const hash = hashSecret(secret);
    const token = state.tokens.find((t) => t.owner === user.user && t.secretHash === hash);
    if (!token || isExpired(token, now())) return { user: userName };
    if (!ipAllowed(normalizeRemoteAddress(req.socket.remoteAddress), token.whitelistIps)) return { user: userName };
    return { user: userName, caller: { user, effective: tokenEffectiveAcls(user, token), viaToken: true } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // WHM's clock is the simulator clock: a frozen `now` shows in every Date header too,
    // so a client that judges expiry by the server's clock sees the frozen time.
    res.setHeader('date', new Date(now() * 1000).toUTCString());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/' || path === '/login' || path === '/login/') {
      if (method === 'POST' && path !== '/') return handleLogin(req, res, url);
      // Already logged in: go straight to the session's page, as WHM does.
      for (const value of parseCookies(req.headers.cookie, SESSION_COOKIE)) {
        const s = sessions.get(value);
        if (s && Date.now() - s.lastUsed <= idleMs) return redirect(res, `/${s.cpsess}${HOME_PATH}`);
      }
      return sendHtml(res, 200, loginPage());
    }

    if (path.startsWith('/sim-static/')) {
      const key = decodeURIComponent(path.slice('/sim-static/'.length));
      const entry = Object.hasOwn(pageStatic, key) ? pageStatic[key] : undefined;
      if (!entry) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      const content = await readFile(entry.file);
      return send(res, 200, entry.type, content, { 'cache-control': 'no-cache' });
    }

    const tokenApi = /^\/json-api\/([^/]+)\/?$/.exec(path);
    if (tokenApi) {
      const fn = decodeURIComponent(tokenApi[1] ?? '');
      const { caller, user } = tokenCaller(req);
      requests.push({ fn, method, user, sessionOk: false, auth: req.headers.authorization ? 'token' : 'none', time: Date.now() });
      if (applyFault(fn, res)) return;
      if (!caller) return send(res, 401, 'text/plain; charset=utf-8', 'Access denied\n', { 'www-authenticate': 'whm' });
      return handleApi(req, res, url, fn, caller);
    }

    const sessionPath = /^\/(cpsess\d{10})(\/.*)?$/.exec(path);
    if (sessionPath) {
      const cpsess = sessionPath[1] as string;
      const rest = sessionPath[2] ?? '/';
      if (rest === '/logout' || rest === '/logout/') {
        for (const value of parseCookies(req.headers.cookie, SESSION_COOKIE))
          if (sessions.get(value)?.cpsess === cpsess) sessions.delete(value);
        return redirect(res, '/', { 'set-cookie': `${SESSION_COOKIE}=; Max-Age=0; ${cookieFlags()}` });
      }
      const session = sessionFor(req, cpsess);
      const api = /^\/json-api\/([^/]+)\/?$/.exec(rest);
      if (api) {
        const fn = decodeURIComponent(api[1] ?? '');
        requests.push({ fn, method, user: session?.user, sessionOk: !!session, auth: 'session', time: Date.now() });
        if (applyFault(fn, res)) return;
        if (!session) return answerLostSession(req, res, url, fn);
        const user = findUser(state, session.user);
        if (!user) return answerLostSession(req, res, url, fn);
        return handleApi(req, res, url, fn, { user, effective: heldAcls(user), viaToken: false });
      }
      if (!session) return sendHtml(res, 401, securityTokenFailurePage(/^\/scripts\d+\//.test(rest) ? rest : HOME_PATH));
      if (rest === '/') return redirect(res, `/${cpsess}${HOME_PATH}`);
      if (/^\/scripts\d+\/apitokens(\/.*)?$/.test(rest) && (method === 'GET' || method === 'HEAD')) {
        // WHM 11.120 sends no CSP on this page, only X-Frame-Options and nosniff (send()
        // adds nosniff); `csp: true` plays a hardened server with a fresh nonce each time.
        const nonce = pageCsp ? randomBytes(16).toString('base64') : undefined;
        const html = renderApiTokensPage({
          cpsess,
          user: session.user,
          hostName,
          version: WHM_VERSION,
          aclCatalog: ACL_CATALOG,
          serverTime: now(),
          cspNonce: nonce,
          bootDelayMs,
          childAccountsExist: scenario.childAccounts === true,
          // Only the Generate view: Edit and the list keep coming through the router.
          formFirst: opts.formFirst === true && /^\/scripts\d+\/apitokens\/edit\/?$/.test(rest),
        });
        return send(res, 200, 'text/html; charset=utf-8', html, {
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'origin',
          ...(nonce ? { 'content-security-policy': `script-src 'self' 'nonce-${nonce}'; object-src 'none'; base-uri 'self'` } : {}),
        });
      }
      return sendHtml(res, 404, '<!doctype html><title>Not Found</title><h1>Not Found</h1>');
    }

    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const fn = /json-api\/([^/?]+)/.exec(req.url ?? '')?.[1] ?? 'unknown';
      sendJson(res, 500, fail(fn, `Internal simulator error: ${err instanceof Error ? err.message : String(err)}`));
    });
  };

  const server: http.Server | https.Server = secure
    ? https.createServer({ ...(await loopbackCertificate()) }, listener)
    : http.createServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;

  const sim: Simulator = {
    origin,
    port,
    loginUrl: `${origin}/`,
    state,
    now,
    setNow(unixSeconds) {
      frozen = unixSeconds;
    },
    async login(user, pass) {
      const res = await simRequest(`${origin}/login/`, { form: { user, pass } });
      const location = res.headers.location;
      const setCookie = res.headers['set-cookie']?.[0] ?? '';
      const cookie = /^whostmgrsession=([^;]*)/.exec(setCookie)?.[1];
      const cpsess = /^\/(cpsess\d{10})\//.exec(location ?? '')?.[1];
      if (res.status !== 302 || !location || !cookie || !cpsess) throw new Error(`Login as ${user} failed (HTTP ${res.status})`);
      return { cookie, cookieHeader: `${SESSION_COOKIE}=${cookie}`, cpsess, homeUrl: `${origin}${location}` };
    },
    expireSessions() {
      sessions.clear();
    },
    setFault(fn, kind) {
      if (kind === null) faults.delete(fn);
      else faults.set(fn, kind);
    },
    requests,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
  return sim;
}
