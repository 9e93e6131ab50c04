// Shared helpers for the simulator's own tests: call json-api over real HTTPS.
import { simRequest, type SimResponse } from './http-client.ts';
import type { Simulator } from './server.ts';

/** 2026-11-28T12:00:00Z, the demo clock. */
export const NOW = 1_795_867_200;
export const DAY = 86_400;

export interface Session {
  cookie: string;
  cookieHeader: string;
  cpsess: string;
  homeUrl: string;
}

export type Params = Array<[string, string]> | Record<string, string>;

function withVersion(params: Params): Array<[string, string]> {
  const list = Array.isArray(params) ? params : Object.entries(params);
  return list.some(([k]) => k === 'api.version') ? list : [['api.version', '1'], ...list];
}

/** POST form-urlencoded to /cpsessX/json-api/<fn> with the session, as WHM's UI does. */
export function sessionCall(sim: Simulator, session: Session, fn: string, params: Params = {}): Promise<SimResponse> {
  return simRequest(`${sim.origin}/${session.cpsess}/json-api/${fn}`, {
    form: withVersion(params),
    headers: { cookie: session.cookieHeader },
  });
}

/** Session call that must answer HTTP 200 JSON; returns the parsed envelope. */
export async function api<T = any>(sim: Simulator, session: Session, fn: string, params: Params = {}): Promise<T> {
  const res = await sessionCall(sim, session, fn, params);
  if (res.status !== 200) throw new Error(`${fn}: HTTP ${res.status}: ${res.body.slice(0, 200)}`);
  return res.json<T>();
}

/** GET /json-api/<fn> with `Authorization: whm USER:TOKEN` (no cpsess). */
export function tokenCall(sim: Simulator, user: string, secret: string, fn: string, params: Params = {}): Promise<SimResponse> {
  const query = new URLSearchParams(withVersion(params)).toString();
  return simRequest(`${sim.origin}/json-api/${fn}?${query}`, { headers: { authorization: `whm ${user}:${secret}` } });
}

/** The shape of a JSON value: same keys (recursively) and value types; arrays by first item. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  return typeof value;
}
