import { z } from 'zod';
import { MAX_ALLOWLIST_ENTRIES } from './ip-allowlist';
import { readCpsess } from './whm/session';
import type { Request } from './messages';

const origin = z.string().refine((v) => {
  try {
    const u = new URL(v);
    return /^https?:$/.test(u.protocol) && u.origin === v;
  } catch {
    return false;
  }
}, 'not an http(s) origin');
const cpsess = z.string().regex(/^cpsess\d{10}$/);
const tokenName = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/);

const secret = z.string().regex(/^[0-9A-Z]{32}$/);
// Catalogue ACLs are lower-case; a plugin's may not be (policy-acls.ts).
const aclName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/);
const acls = z.array(aclName).min(1).max(1000);
const unixSeconds = z.number().int().positive();
// Each entry is checked as an address or range where it is used (ip-allowlist.ts).
const allowlist = z.array(z.string().min(1).max(64)).min(1).max(MAX_ALLOWLIST_ENTRIES);
const fixChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('set-expiry'), expiresAt: unixSeconds }),
  z.strictObject({ kind: z.literal('rename'), newName: tokenName }),
  z.strictObject({ kind: z.literal('restrict'), acls }),
  z.strictObject({ kind: z.literal('allowlist'), ips: allowlist }),
]);
const whmUser = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const entry = z.strictObject({
  origin,
  host: z.string().min(1).max(253),
  user: whmUser,
  name: tokenName,
  secret,
  acls: z.array(z.string().max(64)).max(200),
  expiresAt: z.number().int().nullable(),
  whitelistIps: z.array(z.string().max(64)).max(100),
  createdAt: z.number().int(),
});
const frameTask = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('new-token'), name: tokenName.nullable(), user: whmUser.nullable() }),
  z.strictObject({ kind: z.literal('rotate'), name: tokenName, user: whmUser.nullable() }),
  z.strictObject({ kind: z.literal('revoke'), names: z.array(tokenName).min(1).max(10_000) }),
  z.strictObject({ kind: z.literal('fix'), fix: z.enum(['set-expiry', 'rename', 'restrict', 'allowlist']), name: tokenName }),
]);

export const RequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('audit:run'), origin, cpsess }),
  z.strictObject({ type: z.literal('audit:export'), origin, cpsess, format: z.enum(['csv', 'json']) }),
  z.strictObject({ type: z.literal('tokens:revoke'), origin, cpsess, names: z.array(tokenName).min(1).max(10_000) }),
  z.strictObject({ type: z.literal('form:context'), origin, cpsess }),
  z.strictObject({ type: z.literal('token:details'), origin, cpsess, secret, name: tokenName.optional() }),
  z.strictObject({ type: z.literal('policy:get'), origin, cpsess }),
  z.strictObject({ type: z.literal('token:test'), origin, cpsess, user: whmUser, secret, name: tokenName.optional() }),
  z.strictObject({ type: z.literal('frame:open'), origin, cpsess, task: frameTask, secret: secret.optional() }),
  z.strictObject({ type: z.literal('frame:claim'), handle: z.string().regex(/^[0-9a-f]{32}$/) }),
  z.strictObject({ type: z.literal('clipboard:clear-later'), origin, cpsess, secret, seconds: z.number().int().min(1).max(3600), copiedAt: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('clipboard:copied-elsewhere'), origin, cpsess, at: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('vault:push'), origin, cpsess, entry, vaultToken: z.string().min(1).max(4096), namespace: z.string().max(256).optional() }),
  z.strictObject({
    type: z.literal('token:rotate'),
    origin,
    cpsess,
    name: tokenName,
    replacement: z.strictObject({ name: tokenName, acls, expiresAt: unixSeconds.nullable() }),
  }),
  z.strictObject({ type: z.literal('token:plan'), origin, cpsess, name: tokenName }),
  z.strictObject({ type: z.literal('token:fix'), origin, cpsess, name: tokenName, change: fixChange }),
]) satisfies z.ZodType<Request>;

/** What the background knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * Which of our contexts may ask for what. The content script lives in WHM's page, next to
 * scripts we do not trust, so it may only read (audit, form context, policy) and open a
 * task for a frame. Everything that uses a secret or changes a token comes from our own
 * frame page, where the user's clicks and keystrokes are out of the page's reach.
 */
const FROM_CONTENT_SCRIPT: ReadonlySet<Request['type']> = new Set([
  'audit:run', 'audit:export', 'form:context', 'policy:get', 'frame:open', 'clipboard:copied-elsewhere',
]);
const FROM_FRAME: ReadonlySet<Request['type']> = new Set([
  'frame:claim', 'policy:get', 'token:details', 'token:test', 'vault:push', 'token:rotate', 'tokens:revoke', 'clipboard:clear-later', 'clipboard:copied-elsewhere',
  'token:plan', 'token:fix',
]);

export interface OwnContexts {
  extensionId: string;
  /** The address of our framed page (`secure-frame.html`), as senders report it. */
  frameUrl: string;
}

/**
 * Security promise 3: a request is accepted only from this extension's own content
 * script (in the main frame) or its own frame page, in a tab whose address is the WHM
 * origin and session the request names, and only of the kinds that context may send.
 * Returns why a sender is refused, or null when it may proceed.
 */
export function refuseSender(sender: SenderInfo, own: OwnContexts, request: Request): string | null {
  if (sender.id !== own.extensionId) return 'message from another extension';
  const fromFrame = isOwnPage(sender.url, own.frameUrl);
  if (fromFrame ? !FROM_FRAME.has(request.type) : !FROM_CONTENT_SCRIPT.has(request.type)) {
    return `${request.type} is not accepted from ${fromFrame ? 'the frame' : "WHM's page"}`;
  }
  const tabUrl = sender.tab?.url;
  if (!tabUrl) return 'message not sent from a tab';
  if (!fromFrame && sender.frameId !== undefined && sender.frameId !== 0) return 'message from a sub-frame';
  // A claim names no origin: the background checks the task's own tab instead.
  if (!('origin' in request)) return null;
  let url: URL;
  try {
    url = new URL(tabUrl);
  } catch {
    return 'sender tab has no valid address';
  }
  if (url.origin !== request.origin) return `tab is on ${url.origin}, not ${request.origin}`;
  if (readCpsess(url.pathname) !== request.cpsess) return 'session token does not match the tab';
  return null;
}

/** One of our pages, whatever query or fragment it carries; never a look-alike path. */
export function isOwnPage(url: string | undefined, pageUrl: string): boolean {
  if (!url) return false;
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    // Not `origin`: for chrome-extension: and moz-extension: URLs it can be the opaque "null".
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
