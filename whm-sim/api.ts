// WHM API 1 functions of the simulator (reference/whm.md §2). Transport-free: the server
// authenticates the caller and hands over the merged query/body parameters.
//
// As WHM 11.120 answers (reference/whm.md §2):
// - myprivs for a holder of `all` (root) is `all: 1` and every other ACL 0.
// - api_token_update keeps omitted fields and fails with "Specify a new name, updated
//   ACLs, or IPs." only when no field besides token_name is sent (same values again
//   succeed). Every update/revoke failure reason carries WHM's prefix.
// - update/get_details omit `acls` for implicit full access (created without `acl`);
//   a token created with `acl=all` answers `acls: ["all"]`.
// - `whitelist_ips` is absent when a token has no allowlist; entries come back
//   normalised (ip.ts: deduplicated, sorted IPv4 first, no /32 or /128, IPv6 in full).
// - No reserved token names (that rule is newer than 11.120): `reservedTokenNames` on.
// Choices where WHM's behaviour is [unconfirmed]:
// - A failure answers HTTP 200, `metadata.result: 0` and has NO `data` key.
// - A reseller may not send `acl=all` unless it holds `all` itself.
import { CATALOG_ACL_NAMES } from './acl-catalog.ts';
import { normalizeAllowlist } from './ip.ts';
import { TOKEN_NAME_PATTERN } from './scenarios.ts';
import {
  generateSecret,
  hasAcl,
  hashSecret,
  heldAcls,
  holdsEverything,
  isExpired,
  PSEUDO_ACLS,
  type SimState,
  type SimUser,
  type StoredToken,
} from './state.ts';

export const WHM_VERSION = '11.120.0.16';
export const MAX_WHITELIST_IPS = 100;
const RESERVED_ROOT_TOKEN_NAMES = new Set(['WebPros_Dashboard', 'WP-Dashboard']);

export interface ApiCaller {
  user: SimUser;
  /** The caller's effective ACLs (session: held ACLs; token: owner ∩ token). */
  effective: string[];
  viaToken: boolean;
}

export interface ApiOptions {
  /** Newer WHM versions: root may not name a token `WebPros_Dashboard`/`WP-Dashboard`. Off in 11.120. */
  reservedTokenNames?: boolean;
}

export interface ApiContext {
  state: SimState;
  now: number;
  caller: ApiCaller;
  options?: ApiOptions;
}

export interface ApiEnvelope {
  data?: unknown;
  metadata: { command: string; reason: string; result: 0 | 1; version: 1 };
}

function ok(command: string, data?: unknown): ApiEnvelope {
  const metadata = { command, reason: 'OK', result: 1 as const, version: 1 as const };
  return data === undefined ? { metadata } : { data, metadata };
}

export function fail(command: string, reason: string): ApiEnvelope {
  return { metadata: { command, reason, result: 0, version: 1 } };
}

/** WHM's reason for a function it does not have (also the `unknown-app` fault). */
export function unknownAppReason(fn: string): string {
  return `Unknown app (${quote(fn)}) requested for this version (1) of the API.`;
}

class ApiError extends Error {}

/** Values of `name` and `name-0`, `name-1`, … (in index order); empty strings dropped. */
function multiValue(params: URLSearchParams, name: string): { given: boolean; values: string[] } {
  const plain = params.getAll(name);
  const indexed: Array<[number, string]> = [];
  for (const [key, value] of params) {
    const m = /^(.+)-(\d+)$/.exec(key);
    if (m && m[1] === name) indexed.push([Number(m[2]), value]);
  }
  indexed.sort((a, b) => a[0] - b[0]);
  const values = [...plain, ...indexed.map(([, v]) => v)].map((v) => v.trim()).filter((v) => v !== '');
  return { given: plain.length > 0 || indexed.length > 0, values };
}

const quote = (s: string) => `“${s}”`;

function checkName(ctx: ApiContext, name: string, except?: StoredToken): void {
  const { state } = ctx;
  const owner = ctx.caller.user;
  if (!TOKEN_NAME_PATTERN.test(name))
    throw new ApiError(
      `${quote(name)} is not a valid API token name. An API token name must not be longer than 50 characters and may only contain the following characters: a-z A-Z 0-9 _ -`,
    );
  if (ctx.options?.reservedTokenNames && owner.root && RESERVED_ROOT_TOKEN_NAMES.has(name))
    throw new ApiError(`The name ${quote(name)} is reserved.`);
  if (state.tokens.some((t) => t.owner === owner.user && t.name === name && t !== except))
    throw new ApiError(`A conflicting API token with the name ${quote(name)} already exists.`);
}

/** Parse acl/acl-N. Undefined when not given; `fullAccess` for `all`. */
function parseAcls(params: URLSearchParams, caller: ApiCaller): { fullAccess: boolean; acls: string[] } | undefined {
  const { values } = multiValue(params, 'acl');
  if (values.length === 0) return undefined;
  const unique = [...new Set(values)];
  const refused = unique.filter((a) => PSEUDO_ACLS.has(a) || !hasAcl(caller.effective, a));
  if (refused.length)
    throw new ApiError(`Invalid or unauthorized ${refused.length > 1 ? 'ACLs' : 'ACL'} specified: ${refused.join(', ')}`);
  if (unique.includes('all')) return { fullAccess: true, acls: [] };
  return { fullAccess: false, acls: unique };
}

/** Parse expires_at: undefined when not given, null for never (0). */
function parseExpiry(params: URLSearchParams, now: number): number | null | undefined {
  const raw = params.get('expires_at');
  if (raw === null || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (/^0+$/.test(text)) return null;
  if (!/^\d+$/.test(text) || Number(text) <= now) throw new ApiError(`The ${quote(text)} value must be a future date.`);
  return Number(text);
}

/** Parse whitelist_ip/-N: undefined when not given, null for none/`any`. */
function parseWhitelist(params: URLSearchParams): string[] | null | undefined {
  const { given, values } = multiValue(params, 'whitelist_ip');
  if (!given) return undefined;
  if (values.length === 0 || values.some((v) => v.toLowerCase() === 'any')) return null;
  if (values.length > MAX_WHITELIST_IPS)
    throw new ApiError(
      `You have entered ${quote(String(values.length))} IP addresses, which is above the limit of ${MAX_WHITELIST_IPS}.`,
    );
  const normal = normalizeAllowlist(values);
  if ('invalid' in normal) throw new ApiError(`Invalid IP address or CIDR range specified: ${normal.invalid}`);
  return normal.entries;
}

function aclArray(token: StoredToken): string[] {
  return token.fullAccess ? ['all'] : [...token.acls];
}

/** `expires_at` as WHM answers it: null, a number, or (stored as the form sent it) a numeric string. */
function expiresOut(token: StoredToken): number | string | null {
  if (token.expiresAt === null) return null;
  return token.expiresAtAsString ? String(token.expiresAt) : token.expiresAt;
}

/** The list's ACL map: keys = ACLs the owner currently holds; `demo` dropped. */
function aclMap(owner: SimUser, token: StoredToken): Record<string, 0 | 1> {
  const keys = heldAcls(owner).filter((a) => !PSEUDO_ACLS.has(a)).sort();
  const map: Record<string, 0 | 1> = {};
  for (const key of keys) map[key] = token.fullAccess || token.acls.includes(key) ? 1 : 0;
  return map;
}

/** A token as update/get_details answer it: no `acls` for implicit full access, no `whitelist_ips` when empty. */
function tokenObject(token: StoredToken): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (!token.implicitFullAccess) data.acls = aclArray(token);
  data.create_time = token.createTime;
  data.expires_at = expiresOut(token);
  data.name = token.name;
  if (token.whitelistIps?.length) data.whitelist_ips = [...token.whitelistIps];
  return data;
}

function ownTokens(ctx: ApiContext): StoredToken[] {
  return ctx.state.tokens.filter((t) => t.owner === ctx.caller.user.user);
}

const TOKEN_FUNCTIONS = new Set([
  'api_token_create',
  'api_token_list',
  'api_token_update',
  'api_token_revoke',
  'api_token_get_details',
]);

type ApiFunction = (ctx: ApiContext, params: URLSearchParams, fn: string) => ApiEnvelope;

const functions: Record<string, ApiFunction> = {
  version: (_ctx, _p, fn) => ok(fn, { version: WHM_VERSION }),

  myprivs(ctx, _p, fn) {
    const eff = ctx.caller.effective;
    const names = [
      ...CATALOG_ACL_NAMES.filter((a) => a !== 'all'),
      ...eff.filter((a) => a !== 'all' && !CATALOG_ACL_NAMES.includes(a) && !PSEUDO_ACLS.has(a)),
    ];
    // 11.120: a holder of `all` (root) gets `all: 1` and every other ACL 0.
    const holdsAll = eff.includes('all');
    const privileges: Record<string, 0 | 1> = {};
    for (const a of names) privileges[a] = !holdsAll && hasAcl(eff, a) ? 1 : 0;
    privileges.all = holdsAll ? 1 : 0;
    return ok(fn, { privileges: [privileges] });
  },

  listaccts(ctx, _p, fn) {
    if (!hasAcl(ctx.caller.effective, 'list-accts')) return fail(fn, 'Permission denied');
    const me = ctx.caller.user;
    const acct = ctx.state.accounts
      .filter((a) => holdsEverything(me) || a.owner === me.user)
      .map((a) => ({ ...a }));
    return ok(fn, { acct });
  },

  api_token_create(ctx, params, fn) {
    try {
      const name = (params.get('token_name') ?? '').trim();
      if (!params.has('token_name') || name === '') throw new ApiError(`The ${quote('token_name')} argument is required.`);
      checkName(ctx, name);
      const acls = parseAcls(params, ctx.caller);
      const expiresAt = parseExpiry(params, ctx.now) ?? null;
      const whitelist = parseWhitelist(params) ?? null;
      const secret = generateSecret();
      const token: StoredToken = {
        owner: ctx.caller.user.user,
        name,
        secretHash: hashSecret(secret),
        fullAccess: acls === undefined || acls.fullAccess,
        implicitFullAccess: acls === undefined,
        acls: acls?.acls ?? [],
        createTime: ctx.now,
        expiresAt,
        whitelistIps: whitelist,
      };
      ctx.state.tokens.push(token);
      // Key order as in WHM's documented answer; acls/whitelist_ips only when given.
      const data: Record<string, unknown> = {};
      if (acls !== undefined) data.acls = aclArray(token);
      data.create_time = token.createTime;
      data.expires_at = expiresOut(token);
      data.name = token.name;
      data.token = secret;
      if (whitelist?.length) data.whitelist_ips = [...whitelist];
      return ok(fn, data);
    } catch (e) {
      if (e instanceof ApiError) return fail(fn, `The system failed to create the API token: ${e.message}`);
      throw e;
    }
  },

  api_token_list(ctx, _p, fn) {
    const owner = ctx.caller.user;
    const tokens: Record<string, unknown> = {};
    for (const t of ownTokens(ctx)) {
      const entry: Record<string, unknown> = {
        acls: aclMap(owner, t),
        create_time: t.createTime,
        expires_at: expiresOut(t),
        name: t.name,
      };
      // 11.120 leaves the key out when there is no allowlist (older answers: null).
      if (t.whitelistIps?.length) entry.whitelist_ips = [...t.whitelistIps];
      tokens[t.name] = entry;
    }
    return ok(fn, { tokens });
  },

  api_token_update(ctx, params, fn) {
    try {
      const name = (params.get('token_name') ?? '').trim();
      if (name === '') throw new ApiError(`Provide the ${quote('token_name')} argument.`);
      // 11.120 refuses only an update that sends nothing but token_name: the same values
      // sent again are an update like any other.
      const sent =
        (params.get('new_name') ?? '').trim() !== '' ||
        multiValue(params, 'acl').values.length > 0 ||
        (params.get('expires_at') ?? '').trim() !== '' ||
        multiValue(params, 'whitelist_ip').given;
      if (!sent) throw new ApiError('Specify a new name, updated ACLs, or IPs.');
      const token = ownTokens(ctx).find((t) => t.name === name);
      if (!token) throw new ApiError(`The API token ${quote(name)} does not exist.`);
      const newNameRaw = params.get('new_name');
      const newName = newNameRaw === null || newNameRaw.trim() === '' ? undefined : newNameRaw.trim();
      if (newName !== undefined && newName !== token.name) checkName(ctx, newName, token);
      const acls = parseAcls(params, ctx.caller);
      const expiresAt = parseExpiry(params, ctx.now);
      const whitelist = parseWhitelist(params);

      if (newName !== undefined) token.name = newName;
      if (acls !== undefined) {
        token.fullAccess = acls.fullAccess;
        token.implicitFullAccess = false; // sent ACLs (even `all`) are explicit
        token.acls = acls.acls;
      }
      if (expiresAt !== undefined && expiresAt !== token.expiresAt) {
        token.expiresAt = expiresAt;
        token.expiresAtAsString = false; // a new expiry is kept as the simulator's number
      }
      if (whitelist !== undefined) token.whitelistIps = whitelist;
      return ok(fn, tokenObject(token));
    } catch (e) {
      if (e instanceof ApiError) return fail(fn, `The system failed to update the API token: ${e.message}`);
      throw e;
    }
  },

  api_token_revoke(ctx, params, fn) {
    const { values } = multiValue(params, 'token_name');
    if (values.length === 0)
      return fail(fn, `The system failed to revoke the API token: Provide at least one ${quote('token_name')} argument.`);
    const owner = ctx.caller.user.user;
    // Unknown names are silently ignored (11.120).
    ctx.state.tokens = ctx.state.tokens.filter((t) => !(t.owner === owner && values.includes(t.name)));
    return ok(fn);
  },

  api_token_get_details(ctx, params, fn) {
    const secret = (params.get('token') ?? '').trim();
    if (secret === '') return fail(fn, `Provide the ${quote('token')} argument.`);
    const hash = hashSecret(secret);
    const token = ownTokens(ctx).find((t) => t.secretHash === hash);
    if (!token || isExpired(token, ctx.now)) return ok(fn);
    return ok(fn, tokenObject(token));
  },
};

/** Run one API 1 function for an authenticated caller. */
export function callApi(ctx: ApiContext, fn: string, params: URLSearchParams): ApiEnvelope {
  if (params.get('api.version') !== '1')
    return fail(fn, `This interface requires ${quote('api.version=1')}: only version 1 of the WHM API is available here.`);
  const impl = Object.hasOwn(functions, fn) ? functions[fn] : undefined;
  if (!impl) return fail(fn, unknownAppReason(fn));
  if (ctx.caller.viaToken && TOKEN_FUNCTIONS.has(fn) && !hasAcl(ctx.caller.effective, 'manage-api-tokens'))
    return fail(fn, 'Permission denied');
  return impl(ctx, params, fn);
}
