// A tiny HTTP(S) client for talking to the simulator from Node (tests, Simulator.login):
// accepts the simulator's self-signed certificate, never follows redirects.
import http from 'node:http';
import https from 'node:https';

export interface SimResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = unknown>(): T;
}

export interface SimRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Form fields (sent as application/x-www-form-urlencoded) or a raw string. */
  form?: Record<string, string> | URLSearchParams | Array<[string, string]>;
  body?: string;
  timeoutMs?: number;
}

export function simRequest(url: string, opts: SimRequestOptions = {}): Promise<SimResponse> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...opts.headers };
  let body = opts.body;
  if (opts.form !== undefined) {
    body = new URLSearchParams(opts.form as ConstructorParameters<typeof URLSearchParams>[0]).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: opts.method ?? (body !== undefined ? 'POST' : 'GET'),
        headers,
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (opts.timeoutMs !== undefined)
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`timeout after ${opts.timeoutMs} ms`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * A `fetch` for product code run in Node against the simulator (Node's own fetch refuses
 * its self-signed certificate). It plays the browser's part: the call's own headers, a
 * form content type for a body, and with `cookie`, the session cookie the way
 * `credentials: 'include'` carries it, unless the call says `credentials: 'omit'`. The
 * answer carries the status, the body and the content type.
 */
export function browserLikeFetch(cookie?: () => string): typeof fetch {
  return async (url, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = init?.body ? String(init.body) : undefined;
    if (body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
    if (cookie && init?.credentials !== 'omit') headers.cookie = cookie();
    const aborted = new Promise<never>((_, reject) =>
      init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))),
    );
    const res = await Promise.race([aborted, simRequest(String(url), { method: init?.method ?? 'GET', body, headers })]);
    return new Response(res.body, { status: res.status, headers: { 'content-type': String(res.headers['content-type'] ?? '') } });
  };
}
