import { z } from 'zod';
import { formatNumber, t } from '../i18n';
import { WhmError } from './errors';
import {
  CreatedTokenSchema,
  EnvelopeSchema,
  normaliseTokenObject,
  parseMyPrivs,
  parseTokenList,
  TokenObjectSchema,
  type WhmToken,
} from './schemas';

/** The whole intended state of a token: WHM's update resets or keeps omitted fields depending on the version. */
export interface TokenSpec {
  name: string;
  /** Granted ACLs; `['all']` for full access. Never empty. */
  acls: readonly string[];
  /** Unix seconds, or null for never. */
  expiresAt: number | null;
  /** Empty = any address. */
  whitelistIps: readonly string[];
}

export interface CreatedToken {
  token: WhmToken;
  /** The plaintext secret: the only time it ever leaves WHM. Memory only. */
  secret: string;
}

export interface RevokeOutcome {
  name: string;
  /** True when the token is gone from the list read after the revoke. */
  revoked: boolean;
  /**
   * Gone before this revoke asked for it: revoked elsewhere meanwhile (another tab, a
   * colleague, WHM's own buttons). Counted apart so an outcome never claims that work.
   */
  alreadyGone?: true;
  reason?: string;
}

/** A parameter value; arrays are sent the way WHM's own UI sends them: `acl-0=…&acl-1=…`. */
export type WhmParam = string | number | readonly string[];

export interface WhmClientOptions {
  /** `https://host:port` of the WHM server. */
  origin: string;
  /** The session's security token, `cpsess` + 10 digits. */
  cpsess: string;
  /** Injected so the client runs the same in the worker, in Node and in tests. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** What came back over the wire, before we decide what it means. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Calls WHM API 1 with the browser's WHM session (the `whostmgrsession` cookie rides
 * along through `credentials: 'include'`; the cpsess goes in the path). Every answer
 * is checked before anything trusts it.
 */
export class WhmClient {
  readonly #origin: string;
  readonly #cpsess: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  #serverTime: number | null = null;

  constructor(options: WhmClientOptions) {
    this.#origin = new URL(options.origin).origin;
    if (!/^cpsess\d{10}$/.test(options.cpsess)) throw new WhmError('session', t('whm.noSessionToken'));
    this.#cpsess = options.cpsess;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * WHM's clock at its last answer (Unix seconds, from the `Date` header), or null.
   * Expiry is WHM's to enforce, so the audit judges "expired" by WHM's clock, not a
   * laptop's that may be off by hours.
   */
  get serverTime(): number | null {
    return this.#serverTime;
  }

  /** Calls one function and returns its `data` (undefined when WHM sent none). */
  async call(fn: string, params: Record<string, WhmParam> = {}): Promise<unknown> {
    if (!/^[a-z_]+$/.test(fn)) throw new Error(`Not a WHM function name: ${fn}`);
    const url = `${this.#origin}/${this.#cpsess}/json-api/${fn}?api.version=1`;
    const raw = await this.#send(url, encodeParams(params));
    return readWhmAnswer(raw, fn);
  }

  async listTokens(): Promise<WhmToken[]> {
    const data = await this.call('api_token_list');
    return validate(() => parseTokenList(data), 'api_token_list');
  }

  /** The ACLs the logged-in user holds. */
  async myPrivileges(): Promise<string[]> {
    const data = await this.call('myprivs');
    return validate(() => parseMyPrivs(data), 'myprivs');
  }

  async createToken(spec: TokenSpec): Promise<CreatedToken> {
    if (!spec.acls.length) throw new WhmError('whm', t('whm.needPrivilege'));
    const data = await this.call('api_token_create', {
      token_name: spec.name,
      acl: spec.acls,
      expires_at: spec.expiresAt ?? 0,
      ...(spec.whitelistIps.length ? { whitelist_ip: spec.whitelistIps } : {}),
    });
    const created = validate(() => CreatedTokenSchema.parse(data), 'api_token_create');
    const { token: secret, ...metadata } = created;
    // What the create answer omits (acls or whitelist when not sent) is what was sent.
    return { secret, token: normaliseTokenObject({ ...metadata, acls: metadata.acls ?? [...spec.acls] }) };
  }

  /**
   * Updates a token to exactly `spec`. WHM's docs say omitted fields reset, 11.120
   * keeps them: sending the complete state is right for both.
   */
  async updateToken(currentName: string, spec: TokenSpec): Promise<WhmToken> {
    if (!spec.acls.length) throw new WhmError('whm', t('whm.needPrivilege'));
    const data = await this.call('api_token_update', {
      token_name: currentName,
      ...(spec.name !== currentName ? { new_name: spec.name } : {}),
      acl: spec.acls,
      expires_at: spec.expiresAt ?? 0,
      ...(spec.whitelistIps.length ? { whitelist_ip: spec.whitelistIps } : { whitelist_ip: 'any' }),
    });
    return validate(() => normaliseTokenObject(TokenObjectSchema.parse(data)), 'api_token_update');
  }

  /**
   * Revokes tokens by name, then reads the list again: WHM answers success for names
   * it does not know, so only the fresh list says what really happened. The list read
   * first tells a token this revoke removed from one that was already gone; only the
   * listed ones are sent, since some WHM versions refuse a whole batch for one unknown
   * name (`The API token “NAME” does not exist.`, whm.md §2), and a name WHM says that
   * of is already gone too.
   */
  async revokeTokens(names: readonly string[]): Promise<{ outcomes: RevokeOutcome[]; tokens: WhmToken[] }> {
    const listed = await this.listTokens();
    const before = new Set(listed.map((t) => t.name));
    const gone = new Set(names.filter((name) => !before.has(name)));
    let failure: WhmError | undefined;
    let pending = names.filter((name) => !gone.has(name));
    // Nothing to send (every name already gone): the first list is the fresh one.
    if (pending.length === 0) return { outcomes: names.map((name) => ({ name, revoked: true, alreadyGone: true })), tokens: listed };
    // Twice at most: once more without any name WHM said does not exist (a revoke elsewhere
    // between our list and our call).
    for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
      try {
        await this.call('api_token_revoke', { token_name: pending });
        failure = undefined;
        break;
      } catch (error) {
        if (!(error instanceof WhmError) || error.kind === 'session') throw error;
        failure = error;
        const unknown = namesSaidNotToExist(error.reason ?? '').filter((name) => pending.includes(name));
        if (unknown.length === 0) break;
        unknown.forEach((name) => gone.add(name));
        pending = pending.filter((name) => !gone.has(name));
      }
    }
    const tokens = await this.listTokens();
    const still = new Set(tokens.map((t) => t.name));
    const outcomes = names.map((name): RevokeOutcome => {
      if (still.has(name)) return { name, revoked: false, reason: failure?.reason ?? failure?.message ?? t('whm.stillListed') };
      return gone.has(name) ? { name, revoked: true, alreadyGone: true } : { name, revoked: true };
    });
    return { outcomes, tokens };
  }

  /** Looks a token up by its secret; null when WHM does not know it (or it expired). */
  async tokenDetails(secret: string): Promise<WhmToken | null> {
    const data = await this.call('api_token_get_details', { token: secret });
    if (data === undefined || data === null || (typeof data === 'object' && Object.keys(data).length === 0)) return null;
    return validate(() => normaliseTokenObject(TokenObjectSchema.parse(data)), 'api_token_get_details');
  }

  async #send(url: string, body: URLSearchParams): Promise<RawAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        body,
        credentials: 'include',
        redirect: 'manual',
        signal: controller.signal,
        headers: { Accept: 'application/json' },
      });
      const date = Date.parse(response.headers.get('date') ?? '');
      if (Number.isFinite(date)) this.#serverTime = Math.floor(date / 1000);
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new WhmError('network', t('whm.timeout', [formatNumber(Math.round(this.#timeoutMs / 1000))]));
      }
      throw new WhmError('network', t('whm.unreachable', [error instanceof Error ? error.message : String(error)]));
    } finally {
      clearTimeout(timer);
    }
  }
}

export function encodeParams(params: Record<string, WhmParam>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') body.append(name, String(value));
    else value.forEach((item, i) => body.append(`${name}-${i}`, item));
  }
  return body;
}

/** The names in WHM's `The API token “NAME” does not exist.` (its curly quotes, as whm.md quotes them). */
export function namesSaidNotToExist(reason: string): string[] {
  return [...reason.matchAll(/API token “([^”]*)” does not exist/g)].map((m) => m[1]!);
}

const REFERRER_CHECK_PAGE = /Referr?er\s+Check/i;

const PERMISSION_REASON = /permission|not (?:allowed|authorized|permitted)|access denied|lacks? the privilege/i;

/**
 * Decides what an answer means (reference/whm.md §1). A lost session has no single
 * shape: a 401/403, a login or "Security Token Failure" web page, the legacy
 * `cpanelresult` body, or JSON without `metadata.result` all mean "log in again" —
 * never "0 tokens".
 */
export function readWhmAnswer(raw: RawAnswer, fn: string): unknown {
  const { status, contentType, body } = raw;
  const looksHtml = /text\/html/i.test(contentType) || /^\s*</.test(body);
  // A server with WHM's referrer tweaks refuses what does not come from its own pages
  // (whm.md §1). The session is fine: saying "log in again" would send the user in circles.
  if (looksHtml && REFERRER_CHECK_PAGE.test(body)) throw new WhmError('whm', t('whm.referrerCheck', [fn]));
  if (status === 401 || status === 403 || (status >= 300 && status < 400) || status === 0) {
    throw new WhmError('session', t('whm.sessionEnded'));
  }
  if (status < 200 || status >= 300) {
    throw new WhmError('network', t('whm.http', [status, fn]));
  }
  // Beyond this point nothing of the body is repeated but a page's title: WHM's error
  // pages echo the request's parameters, and a request may have carried a secret.
  if (looksHtml) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    throw new WhmError('session', title ? t('whm.webPageTitled', [title]) : t('whm.webPage'));
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not the engine's message: V8 quotes the start of the text it could not parse.
    throw new WhmError('malformed', t('whm.notJson', [fn]));
  }
  if (json && typeof json === 'object' && 'cpanelresult' in json) {
    throw new WhmError('session', t('whm.legacyDenied'));
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    throw new WhmError('session', t('whm.noResult', [fn]));
  }
  const { metadata, data } = envelope.data;
  if (metadata.result !== 1) {
    const reason = metadata.reason ?? t('whm.noReason');
    const kind = PERMISSION_REASON.test(reason) ? 'permission' : 'whm';
    throw new WhmError(kind, kind === 'permission' ? t('whm.lacksPrivilege', [fn, reason]) : t('whm.refused', [fn, reason]), reason);
  }
  return data;
}

/** Runs a schema check and turns a mismatch into a `malformed` error naming the paths. */
export function validate<T>(check: () => T, fn: string): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof z.ZodError) {
      const where = error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; ');
      throw new WhmError('malformed', t('whm.badShape', [fn, where]));
    }
    throw error;
  }
}
