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
