/**
 * A tiny local stand-in for HashiCorp Vault's KV v2 HTTP API, for tests only. No Vault
 * server can be installed here, so this implements just the documented behaviour the
 * extension relies on (reference/formats.md, "HashiCorp Vault KV v2"):
 *   POST /v1/{mount}/data/{path}  with X-Vault-Token, body {"options":{"cas":N},"data":{…}}
 *     - missing or wrong token → 403 {"errors":["permission denied"]}
 *     - options.cas given and ≠ current version (cas 0 = "must not exist") → 400 check-and-set
 *     - otherwise version n+1 is stored → 200 {"request_id","data":{created_time,…,version}}
 *   GET /v1/{mount}/data/{path} → 200 {"data":{"data":{…},"metadata":{…}}} or 404 {"errors":[]}
 *   anything on another mount → 404 "no handler for route" (Vault's wording).
 * HTTPS on 127.0.0.1 with a fresh self-signed certificate; `certificate` lets a client
 * pin it instead of turning verification off.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loopbackCertificate } from '../../whm-sim/certificate.ts';

export interface VaultKvSim {
  origin: string;
  /** PEM of the self-signed certificate, for clients to trust (pin) it. */
  certificate: string;
  secrets: Map<string, { version: number; data: Record<string, unknown> }>;
  requests: Array<{ method: string; path: string; token?: string; namespace?: string; body?: unknown }>;
  close(): Promise<void>;
}


const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export interface VaultKvSimOptions {
  token: string;
  mount?: string;
  port?: number;
  /** Loopback address to listen on (e.g. '127.0.0.2': another host, as far as the browser knows). Default 127.0.0.1. */
  host?: string;
  /** Answer every request with 307 to this origin (same path), as a Vault HA standby does towards the active node. */
  redirectTo?: string;
  /** Answer CORS preflights for anyone, as a host that wants to receive other origins' requests would. */
  cors?: boolean;
}

export async function startVaultKvSim(opts: VaultKvSimOptions): Promise<VaultKvSim> {
  const mount = (opts.mount ?? 'secret').replace(/^\/+|\/+$/g, '');
  const secrets: VaultKvSim['secrets'] = new Map();
  const metadata = new Map<string, { created_time: string }>();
  const requests: VaultKvSim['requests'] = [];
  const prefix = `/v1/${mount}/data/`;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const method = req.method ?? 'GET';
    const token = typeof req.headers['x-vault-token'] === 'string' ? req.headers['x-vault-token'] : undefined;
    const namespace = typeof req.headers['x-vault-namespace'] === 'string' ? req.headers['x-vault-namespace'] : undefined;
    const text = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    requests.push({ method, path: url.pathname, ...(token !== undefined ? { token } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(text !== '' ? { body } : {}) });
    if (opts.cors) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      if (method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
    }
    if (opts.redirectTo) {
      res.writeHead(307, { Location: `${opts.redirectTo}${url.pathname}${url.search}` });
      res.end();
      return;
    }

    // Vault checks the token before routing: a bad token never learns which mounts exist.
    if (token !== opts.token) return send(res, 403, { errors: ['permission denied'] });
    if (!url.pathname.startsWith(prefix) || url.pathname.length === prefix.length) {
      return send(res, 404, { errors: [`no handler for route "${url.pathname.replace(/^\/v1\//, '')}". route entry not found.`] });
    }
    // Vault routes on the decoded path, so %2F would become a separator there too.
    const path = decodeURIComponent(url.pathname.slice(prefix.length)).replace(/\/+$/, '');

    if (method === 'GET') {
      const secret = secrets.get(path);
      if (!secret) return send(res, 404, { errors: [] });
      return send(res, 200, {
        request_id: randomUUID(),
        data: {
          data: secret.data,
          metadata: { created_time: metadata.get(path)?.created_time ?? '', custom_metadata: null, deletion_time: '', destroyed: false, version: secret.version },
        },
      });
    }

    if (method === 'POST' || method === 'PUT') {
      if (typeof body === 'string') return send(res, 400, { errors: ['failed to parse JSON input: invalid character'] });
      if (!isRecord(body) || !isRecord(body['data'])) return send(res, 400, { errors: ['no data provided'] });
      const current = secrets.get(path)?.version ?? 0;
      const options = isRecord(body['options']) ? body['options'] : {};
      // Check-and-set: cas N means "only if the current version is N"; 0 = "only if none".
      if (options['cas'] !== undefined && options['cas'] !== current) {
        return send(res, 400, { errors: ['check-and-set parameter did not match the current version'] });
      }
      const version = current + 1;
      const createdTime = new Date().toISOString();
      secrets.set(path, { version, data: body['data'] });
      metadata.set(path, { created_time: createdTime });
      return send(res, 200, {
        request_id: randomUUID(),
        lease_id: '',
        renewable: false,
        lease_duration: 0,
        data: { created_time: createdTime, custom_metadata: null, deletion_time: '', destroyed: false, version },
        wrap_info: null,
        warnings: null,
        auth: null,
      });
    }

    return send(res, 405, { errors: [`unsupported operation ${method}`] });
  };

  const { key, cert } = await loopbackCertificate();
  const server = https.createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { errors: [String(error)] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `https://${opts.host ?? '127.0.0.1'}:${port}`,
    certificate: cert,
    secrets,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
