import { z } from 'zod';
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

const intent = z.strictObject({
  name: tokenName,
  acls: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)).min(1).max(200),
  expiresAt: z.number().int().positive().nullable(),
  whitelistIps: z.array(z.string().max(64)).max(100),
});

const secret = z.string().regex(/^[0-9A-Z]{32}$/);
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
const exportFormat = z.enum(['keepass-xml', 'keepass-csv', 'bitwarden-json', 'bitwarden-csv', '1password-csv', 'dotenv', 'age']);

export const RequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('audit:run'), origin, cpsess }),
  z.strictObject({ type: z.literal('tokens:revoke'), origin, cpsess, names: z.array(tokenName).min(1).max(10_000) }),
  z.strictObject({ type: z.literal('form:context'), origin, cpsess }),
  z.strictObject({ type: z.literal('tokens:create'), origin, cpsess, intent }),
  z.strictObject({ type: z.literal('tokens:update'), origin, cpsess, currentName: tokenName, intent }),
  z.strictObject({ type: z.literal('token:details'), origin, cpsess, secret, name: tokenName.optional() }),
  z.strictObject({ type: z.literal('policy:get'), origin, cpsess }),
  z.strictObject({ type: z.literal('token:test'), origin, cpsess, user: whmUser, secret, name: tokenName.optional() }),
  z.strictObject({ type: z.literal('token:export'), origin, cpsess, format: exportFormat, entry, passphrase: z.string().max(1024).optional() }),
  z.strictObject({ type: z.literal('vault:push'), origin, cpsess, entry, vaultToken: z.string().min(1).max(4096), namespace: z.string().max(256).optional() }),
  z.strictObject({ type: z.literal('token:rotate'), origin, cpsess, name: tokenName }),
]) satisfies z.ZodType<Request>;

/** What the background knows about who sent a message (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

/**
 * Security promise 3: a request is accepted only from this extension's own content
 * script, in a tab whose address is the WHM origin and session it asks about. Returns
 * why a sender is refused, or null when it may proceed.
 */
export function refuseSender(sender: SenderInfo, extensionId: string, request: Request): string | null {
  if (sender.id !== extensionId) return 'message from another extension';
  const tabUrl = sender.tab?.url;
  if (!tabUrl) return 'message not sent from a tab';
  if (sender.frameId !== undefined && sender.frameId !== 0) return 'message from a sub-frame';
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
