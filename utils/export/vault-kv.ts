/**
 * HashiCorp Vault KV v2 direct push: builds the request and reads the answer; the
 * background sends it with fetch (host permission for the Vault origin is requested
 * when the user configures it). Writes are create-only (`cas: 0`): a token export must
 * never replace a secret someone already keeps at that path.
 */
import { t } from '../i18n';
import { toDateInput } from '../expiry';
import { expiryText } from './entry-text';
import type { TokenEntry } from './token-entry';

export interface VaultKvTarget {
  /** e.g. 'https://vault.example.com:8200' */
  address: string;
  /** KV v2 mount, e.g. 'secret' */
  mount: string;
  /** e.g. 'whm/{host}/{name}' */
  pathTemplate: string;
  /** Vault Enterprise / HCP namespace */
  namespace?: string;
}

export interface VaultKvRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string };
}

export type VaultKvAnswer = { ok: true; version: number | null } | { ok: false; message: string };

const KNOWN_PLACEHOLDERS = '{host}, {name}, {user}, {date}';
const pathOrMount = (what: 'path' | 'mount'): string => (what === 'path' ? t('vaultKv.path') : t('vaultKv.mount'));

export class VaultKvConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultKvConfigError';
  }
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDERS = ['host', 'name', 'user', 'date'] as const;
/** Literal template text: plain path characters only, so the template cannot smuggle '?', '#' or '%2F'. */
const LITERAL = /^[A-Za-z0-9._~\/-]*$/;

/**
 * Checks the '/'-separated segments of a finished path. Vault decodes %-escapes before
 * routing, so a segment is checked as Vault will see it: no '.' or '..' (which would
 * step out of the intended folder), no empty segment, no '/' or '\' hidden in an escape.
 */
function checkSegments(path: string, what: 'path' | 'mount'): string[] {
  const segments = path.split('/');
  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new VaultKvConfigError(t('vaultKv.badEscape', [pathOrMount(what), path]));
    }
    if (segment === '') throw new VaultKvConfigError(t('vaultKv.emptySegment', [pathOrMount(what), path]));
    if (decoded === '.' || decoded === '..' || decoded.includes('..')) throw new VaultKvConfigError(t('vaultKv.dotDot', [pathOrMount(what), path]));
    if (/[\/\\]/.test(decoded)) throw new VaultKvConfigError(t('vaultKv.escapedSlash', [pathOrMount(what), path]));
  }
  return segments;
}

/**
 * Fills a path template such as 'whm/{host}/{name}' ({host}, {name}, {user}, {date} =
 * local yyyy-MM-dd). Values are %-encoded so each stays inside its own segment; the
 * result is relative to the mount, without leading or trailing '/'.
 */
export function vaultKvPath(template: string, entry: TokenEntry, now: Date): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    host: entry.host,
    name: entry.name,
    user: entry.user,
    date: toDateInput(now),
  };
  let path = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const literal = template.slice(last, match.index);
    if (!LITERAL.test(literal)) throw new VaultKvConfigError(t('vaultKv.templateChars', [KNOWN_PLACEHOLDERS, template]));
    const key = match[1] as (typeof PLACEHOLDERS)[number];
    if (!PLACEHOLDERS.includes(key)) throw new VaultKvConfigError(t('vaultKv.unknownPlaceholder', [`{${match[1]}}`, KNOWN_PLACEHOLDERS]));
    const value = values[key];
    if (value === '') throw new VaultKvConfigError(t('vaultKv.emptyValue', [`{${key}}`]));
    path += literal + encodeURIComponent(value);
    last = match.index + match[0].length;
  }
  const tail = template.slice(last);
  if (!LITERAL.test(tail)) throw new VaultKvConfigError(t('vaultKv.templateChars', [KNOWN_PLACEHOLDERS, template]));
  path = (path + tail).replace(/^\/+|\/+$/g, '');
  if (path === '') throw new VaultKvConfigError(t('vaultKv.emptyTemplate'));
  checkSegments(path, 'path');
  return path;
}

function normalizeMount(mount: string): string {
  const trimmed = mount.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '' || !/^[A-Za-z0-9._~\/-]+$/.test(trimmed)) throw new VaultKvConfigError(t('vaultKv.badMount', [mount]));
  checkSegments(trimmed, 'mount');
  return trimmed;
}

/**
 * The Vault address as a base URL. https only, except plain http to this machine (Vault's
 * dev server): the body carries the WHM secret and the header a Vault token.
 */
function normalizeAddress(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new VaultKvConfigError(t('vaultKv.badAddress', [address]));
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new VaultKvConfigError(t('vaultKv.needHttps', [address]));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new VaultKvConfigError(t('vaultKv.addressExtras', [address]));
  }
  // Keep a path prefix (Vault behind a reverse proxy at /vault), without trailing '/'.
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The KV data written: flat strings and lists, readable with `vault kv get -field=token`. */
export function vaultKvData(entry: TokenEntry): Record<string, unknown> {
  return {
    whm_host: entry.host,
    whm_user: entry.user,
    token_name: entry.name,
    token: entry.secret,
    acls: [...entry.acls],
    expires_at: expiryText(entry),
    whitelist_ips: [...entry.whitelistIps],
  };
}

/** Where a push goes: the full KV v2 write URL, shown to the user before the push. */
export function vaultKvUrl(entry: TokenEntry, target: Pick<VaultKvTarget, 'address' | 'mount' | 'pathTemplate'>, now: Date): string {
  return `${normalizeAddress(target.address)}/v1/${normalizeMount(target.mount)}/data/${vaultKvPath(target.pathTemplate, entry, now)}`;
}

export function vaultKvRequest(entry: TokenEntry, target: VaultKvTarget, vaultToken: string, now: Date): VaultKvRequest {
  const token = vaultToken.trim();
  // A line break in a header value would be refused by fetch with an unhelpful TypeError.
  if (token === '' || /[\r\n]/.test(token)) throw new VaultKvConfigError('A Vault token is needed to write to Vault.');
  const headers: Record<string, string> = {
    'X-Vault-Token': token,
    'Content-Type': 'application/json',
  };
  const namespace = target.namespace?.trim().replace(/^\/+|\/+$/g, '');
  if (namespace) {
    if (!/^[A-Za-z0-9._\/-]+$/.test(namespace)) throw new VaultKvConfigError(`Not a valid Vault namespace: '${target.namespace}'`);
    headers['X-Vault-Namespace'] = namespace;
  }
  const url = vaultKvUrl(entry, target, now);
  // cas: 0 = "write only if nothing exists at this path yet" (KV v2 check-and-set).
  const body = JSON.stringify({ options: { cas: 0 }, data: vaultKvData(entry) });
  return { url, init: { method: 'POST', headers, body } };
}

const MAX_MESSAGE = 500;
const clip = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads Vault's answer to the write. Everything in it is untrusted: only strings from
 * `errors[]` are shown, clipped, and a 200 that is not Vault's JSON (a login page of a
 * proxy in front of Vault, say) is a failure, not a success.
 */
export function readVaultKvAnswer(status: number, bodyText: string): VaultKvAnswer {
  const body = parseJson(bodyText);
  if (status === 204) return { ok: true, version: null };
  if (status >= 200 && status < 300) {
    if (!isRecord(body)) {
      return { ok: false, message: t('vaultKv.notVaultJson', [status]) };
    }
    const data = body['data'];
    const version = isRecord(data) && typeof data['version'] === 'number' && Number.isInteger(data['version']) ? data['version'] : null;
    return { ok: true, version };
  }
  if (status >= 300 && status < 400) {
    return { ok: false, message: t('vaultKv.redirect', [status]) };
  }
  const errors = isRecord(body) && Array.isArray(body['errors'])
    ? body['errors'].filter((e): e is string => typeof e === 'string' && e.trim() !== '')
    : null;
  if (errors === null) {
    return { ok: false, message: t('vaultKv.noErrorBody', [status]) };
  }
  if (errors.some((e) => /check-and-set/i.test(e))) {
    return { ok: false, message: t('vaultKv.exists') };
  }
  if (errors.length === 0) {
    return { ok: false, message: status === 404 ? t('vaultKv.httpNoMount', [status]) : t('vaultKv.http', [status]) };
  }
  const refused = status === 403 ? t('vaultKv.refusedToken', [status, errors.join('; ')]) : t('vaultKv.refused', [status, errors.join('; ')]);
  return { ok: false, message: clip(refused) };
}
