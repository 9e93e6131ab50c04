import { z } from 'zod';

/**
 * zod schemas for WHM API 1 answers (reference/whm.md §2), lenient exactly where WHM
 * varies: `acls` is a 0/1 map in the list and an array elsewhere, `whitelist_ips` may be
 * null, missing or an array, `expires_at` is a number or null, and a failure may carry
 * `data: {}` or no `data` at all.
 */

export const MetadataSchema = z.looseObject({
  result: z.union([z.literal(0), z.literal(1), z.literal('0'), z.literal('1')]).transform(Number),
  reason: z.string().optional(),
  command: z.string().optional(),
  version: z.unknown().optional(),
});

export const EnvelopeSchema = z.looseObject({
  metadata: MetadataSchema,
  data: z.unknown().optional(),
});

const unixSeconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
type Flag = 0 | 1 | boolean | '0' | '1';
const FLAGS = new Set<unknown>([0, 1, true, false, '0', '1']);
const isOn = (v: Flag) => v === 1 || v === true || v === '1';

/**
 * ACL → 0/1. Checked by one function rather than a zod schema per value: a list of
 * 1,000 tokens holds ~40,000 flags, and per-value schemas cost ~100 ms there (more in
 * the service worker, where zod cannot compile its checks because eval is blocked).
 */
export const AclMapSchema = z.custom<Record<string, Flag>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((flag) => FLAGS.has(flag)),
  'expected a map of ACL → 0 or 1',
);
export const AclArraySchema = z.array(z.string());

const WhitelistSchema = z
  .union([z.array(z.string()), z.null(), z.undefined()])
  .transform((v) => v ?? []);

/** One token as `api_token_list` describes it (acls as a map ACL → 0/1). */
export const ListedTokenSchema = z.looseObject({
  name: z.string(),
  create_time: unixSeconds,
  expires_at: z.union([unixSeconds, z.null()]).optional().transform((v) => (v === undefined || v === 0 ? null : v)),
  acls: z.union([AclMapSchema, AclArraySchema]).optional(),
  whitelist_ips: WhitelistSchema.optional().transform((v) => v ?? []),
});

// WHM documents an object keyed by name; an array is accepted too. Chosen by shape
// rather than z.union so a bad field is reported at its own path (tokens.NAME.field).
export const TokenListDataSchema = z.looseObject({
  tokens: z.custom<object>((v) => typeof v === 'object' && v !== null, 'expected an object of tokens'),
});
const TokenMapSchema = z.looseObject({ tokens: z.record(z.string(), ListedTokenSchema) });
const TokenArraySchema = z.looseObject({ tokens: z.array(ListedTokenSchema) });

/**
 * A token in the shape the rest of the extension uses. `acls` holds the granted ACLs;
 * `heldAcls` the keys WHM listed (the owner's current privileges), which is what lets
 * the audit tell "every key is 1" (full access) from a narrow token.
 */
export interface WhmToken {
  name: string;
  createTime: number;
  expiresAt: number | null;
  acls: string[];
  heldAcls: string[];
  whitelistIps: string[];
}

type ListedToken = z.infer<typeof ListedTokenSchema>;

export function normaliseToken(t: ListedToken): WhmToken {
  const raw = t.acls ?? {};
  const isMap = !Array.isArray(raw);
  const entries: Array<[string, boolean]> = isMap ? Object.entries(raw).map(([acl, v]) => [acl, isOn(v)]) : raw.map((acl) => [acl, true]);
  // The UI of WHM drops the pseudo-ACL `demo`; so do we.
  const kept = entries.filter(([acl]) => acl !== 'demo');
  return {
    name: t.name,
    createTime: t.create_time,
    expiresAt: t.expires_at ?? null,
    acls: kept.filter(([, on]) => on).map(([acl]) => acl).sort(),
    heldAcls: isMap ? kept.map(([acl]) => acl).sort() : [],
    whitelistIps: t.whitelist_ips ?? [],
  };
}

export function parseTokenList(data: unknown): WhmToken[] {
  const { tokens } = TokenListDataSchema.parse(data);
  const list = Array.isArray(tokens) ? TokenArraySchema.parse(data).tokens : Object.values(TokenMapSchema.parse(data).tokens);
  return list.map(normaliseToken);
}

/**
 * A token as `api_token_create` / `api_token_update` / `api_token_get_details` return it:
 * the same fields as in the list, with `acls` an array (absent when the token has
 * implicit full access); the list's schema already accepts both shapes. The secret,
 * when present, is kept apart from the metadata so it can never be stored with it.
 */
export const TokenObjectSchema = ListedTokenSchema;

export const CreatedTokenSchema = TokenObjectSchema.extend({
  token: z.string().regex(/^[0-9A-Z]{32}$/, 'a WHM secret is 32 characters of 0-9 and A-Z'),
});

/** `myprivs`: `{"privileges":[{"acl":0|1,…}]}` → the ACLs the caller holds. */
export const MyPrivsSchema = z.looseObject({
  privileges: z.array(AclMapSchema).min(1),
});

export function parseMyPrivs(data: unknown): string[] {
  const [privileges] = MyPrivsSchema.parse(data).privileges;
  return Object.entries(privileges ?? {})
    .filter(([acl, on]) => on && acl !== 'demo')
    .map(([acl]) => acl)
    .sort();
}

/** A token with no `acls` in a create/update answer has implicit full access. */
export function normaliseTokenObject(t: z.infer<typeof TokenObjectSchema>): WhmToken {
  return normaliseToken({ ...t, acls: t.acls ?? ['all'] });
}
