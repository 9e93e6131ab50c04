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

/**
 * The `api_token_list` answer's tokens, checked and normalised. A 10,000-token list is
 * several megabytes, and zod took 4–10× the JSON.parse of the same text to walk it (one
 * schema call per field and flag, without compiled checks in the service worker), which
 * set how late a cold banner came (`npm run bench` prints both). So the tokens are read by hand (`readTokenList`), with
 * exactly the schema's checks; anything that reader does not accept goes to the schemas
 * above, which stay the reference: they report the problem with its path, or — should
 * the two ever disagree — their answer is the one used. schemas.test.ts holds the two
 * equal with a property test.
 */
export function parseTokenList(data: unknown): WhmToken[] {
  return readTokenList(data) ?? parseTokenListWithSchemas(data);
}

/** The reference: the list through the zod schemas, then normalised. */
export function parseTokenListWithSchemas(data: unknown): WhmToken[] {
  const { tokens } = TokenListDataSchema.parse(data);
  if (Array.isArray(tokens)) return TokenArraySchema.parse(data).tokens.map(normaliseToken);
  const parsed = TokenMapSchema.parse(data).tokens;
  // zod's records skip a `__proto__` key (it would replace the prototype of the object zod
  // builds), yet WHM may well list a token of that name ([A-Za-z0-9_-]): leaving it out
  // would be a silent wrong count, so it is checked on its own and kept in its place.
  return Object.keys(tokens).map((name) => normaliseToken(name === '__proto__' ? protoToken((tokens as Record<string, unknown>)[name]) : parsed[name]!));
}

function protoToken(value: unknown): ListedToken {
  const result = ListedTokenSchema.safeParse(value);
  if (result.success) return result.data;
  throw new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: ['tokens', '__proto__', ...issue.path] })));
}

// ---------------------------------------------------------------------------------
// The hand-written reader: the schemas' checks, in one pass, with no copy it does not need.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const DIGITS = /^\d+$/;
function prototypeHasKeys(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}
/** `unixSeconds`: a finite number, or a string of digits read as a number; undefined when neither. */
function readSeconds(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return typeof v === 'string' && DIGITS.test(v) ? Number(v) : undefined;
}

/**
 * The tokens of an `api_token_list` answer, or null for anything it does not accept.
 * Tokens of one owner list the same ACL keys (the owner's privileges), so consecutive
 * tokens with the same keys share one `heldAcls` array — read-only, like all of a
 * WhmToken — which spares most of what a long list would allocate.
 */
export function readTokenList(data: unknown): WhmToken[] | null {
  if (!isObject(data) || prototypeHasKeys()) return null;
  const tokens = data.tokens;
  let list: unknown[];
  if (Array.isArray(tokens)) list = tokens;
  else if (isPlainObject(tokens)) list = Object.values(tokens);
  else return null;
  const out: WhmToken[] = new Array(list.length);
  let held: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const token = readToken(list[i], held);
    if (!token) return null;
    out[i] = token;
    held = token.heldAcls;
  }
  return out;
}

function readToken(t: unknown, previousHeld: string[]): WhmToken | null {
  if (!isObject(t)) return null;
  const name = t.name;
  if (typeof name !== 'string') return null;
  const createTime = readSeconds(t.create_time);
  if (createTime === undefined) return null;
  let expiresAt: number | null = null;
  if (t.expires_at !== undefined && t.expires_at !== null) {
    const seconds = readSeconds(t.expires_at);
    if (seconds === undefined) return null;
    if (seconds !== 0) expiresAt = seconds;
  }
  const whitelist = t.whitelist_ips;
  let whitelistIps: string[];
  if (whitelist === undefined || whitelist === null) whitelistIps = [];
  // The answer's own array, not a copy: nothing else holds the parsed answer.
  else if (Array.isArray(whitelist) && whitelist.every((ip) => typeof ip === 'string')) whitelistIps = whitelist;
  else return null;
  const acls = t.acls;
  if (acls === undefined) return { name, createTime, expiresAt, acls: [], heldAcls: [], whitelistIps };
  if (Array.isArray(acls)) {
    const granted: string[] = [];
    for (const acl of acls) {
      if (typeof acl !== 'string') return null;
      if (acl !== 'demo') granted.push(acl);
    }
    return { name, createTime, expiresAt, acls: granted.sort(), heldAcls: [], whitelistIps };
  }
  const map = readAclMap(acls, previousHeld);
  return map && { name, createTime, expiresAt, acls: map.granted, heldAcls: map.held, whitelistIps };
}

/** An ACL map's granted and listed keys, both sorted and without `demo`; `previousHeld` is reused when the keys are the same. */
function readAclMap(acls: unknown, previousHeld: string[]): { held: string[]; granted: string[] } | null {
  // for…in walks JSON.parse's objects fastest (V8 caches their keys), but also walks
  // inherited keys, which Object.values in the schema does not: only plain objects here,
  // under an Object.prototype nobody gave an enumerable key (readTokenList checks).
  if (!isObject(acls) || Object.getPrototypeOf(acls) !== Object.prototype) return null;
  const granted: string[] = [];
  // Null while the keys so far are the previous token's, in its order.
  let held: string[] | null = null;
  let same = 0;
  let ordered = true;
  let last = '';
  for (const acl in acls) {
    const flag = acls[acl];
    const on = flag === 1 || flag === true || flag === '1';
    if (!on && flag !== 0 && flag !== false && flag !== '0') return null;
    if (acl === 'demo') continue;
    if (on) granted.push(acl);
    if (acl < last) ordered = false;
    last = acl;
    if (held) held.push(acl);
    else if (previousHeld[same] === acl) same++;
    else (held = previousHeld.slice(0, same)).push(acl);
  }
  held ??= same === previousHeld.length ? previousHeld : previousHeld.slice(0, same);
  // Usually already in order: sorted only if not. (The shared array is never sorted here:
  // it is only reused when the keys came in its order, and it is in order.)
  return ordered ? { held, granted } : { held: held.sort(), granted: granted.sort() };
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
