// IP allowlist entries: validation, WHM's normal form, and matching a caller against them.
// WHM 11.120 stores IPv6 in the full eight-group, zero-padded, lower-case form
// (`fc00:abcd:0000:0000:0000:0000:0000:000f`), IPv4 as written, drops a `/32` (IPv4) or
// `/128` (IPv6) suffix, and keeps a list deduplicated and sorted, IPv4 before IPv6
// (reference/whm.md §2). Within a family the simulator sorts by address value, then by
// prefix length (wider range first); whm.md does not say more.
import { isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 4 | 6;

export interface ParsedEntry {
  family: IpFamily;
  /** Address as a big integer (32 or 128 bits). */
  value: bigint;
  /** Prefix length; 32/128 for a single address. */
  prefix: number;
  /** WHM's normal form of the entry (no `/32` or `/128`). */
  normal: string;
}

function ipv4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** Expand an IPv6 address (validated by node:net) into its eight 16-bit groups. */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  // An embedded dotted IPv4 tail (e.g. ::ffff:192.0.2.1) becomes two hex groups.
  const lastColon = text.lastIndexOf(':');
  const lastPart = text.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const v4 = Number(ipv4ToBigInt(lastPart));
    text = `${text.slice(0, lastColon + 1)}${((v4 >>> 16) & 0xffff).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const doubleColon = text.indexOf('::');
  if (doubleColon === -1) return parse(text);
  const headGroups = parse(text.slice(0, doubleColon));
  const restGroups = parse(text.slice(doubleColon + 2));
  const zeros = new Array<number>(8 - headGroups.length - restGroups.length).fill(0);
  return [...headGroups, ...zeros, ...restGroups];
}

function groupsToBigInt(groups: number[]): bigint {
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function normalizeIpv6(ip: string): string {
  return ipv6Groups(ip)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join(':');
}

/** Parse one allowlist entry (address or CIDR range); undefined when invalid. */
export function parseIpEntry(raw: string): ParsedEntry | undefined {
  const text = raw.trim();
  const slash = text.indexOf('/');
  const addr = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  let family: IpFamily;
  if (isIPv4(addr)) family = 4;
  else if (isIPv6(addr) && !addr.includes('%')) family = 6;
  else return undefined;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > max) return undefined;
  }
  const value = family === 4 ? ipv4ToBigInt(addr) : groupsToBigInt(ipv6Groups(addr));
  const normalAddr = family === 4 ? addr : normalizeIpv6(addr);
  return { family, value, prefix, normal: prefix === max ? normalAddr : `${normalAddr}/${prefix}` };
}

/** WHM's stored form of an entry, or undefined when the entry is not an address or range. */
export function normalizeIpEntry(raw: string): string | undefined {
  return parseIpEntry(raw)?.normal;
}

/** WHM's order of allowlist entries: IPv4 before IPv6, then address value, then prefix. */
export function compareIpEntries(a: ParsedEntry, b: ParsedEntry): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  return a.prefix - b.prefix;
}

/**
 * An allowlist as WHM 11.120 stores and returns it: every entry in its normal form,
 * duplicates (after normalisation) dropped, sorted IPv4 before IPv6. Returns the first
 * invalid entry instead when there is one.
 */
export function normalizeAllowlist(raw: readonly string[]): { entries: string[] } | { invalid: string } {
  const parsed: ParsedEntry[] = [];
  for (const entry of raw) {
    const p = parseIpEntry(entry);
    if (!p) return { invalid: entry };
    if (!parsed.some((q) => q.normal === p.normal)) parsed.push(p);
  }
  return { entries: parsed.sort(compareIpEntries).map((p) => p.normal) };
}

/** The caller's address as WHM would see it: IPv4-mapped IPv6 becomes plain IPv4. */
export function normalizeRemoteAddress(addr: string | undefined): string {
  if (!addr) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  return mapped?.[1] ?? addr;
}

/** Is `addr` inside any entry of the allowlist? An empty/null list allows everything. */
export function ipAllowed(addr: string, allowlist: readonly string[] | null): boolean {
  if (!allowlist || allowlist.length === 0) return true;
  const caller = parseIpEntry(normalizeRemoteAddress(addr));
  if (!caller) return false;
  return allowlist.some((raw) => {
    const entry = parseIpEntry(raw);
    if (!entry || entry.family !== caller.family) return false;
    const bits = BigInt(entry.family === 4 ? 32 : 128);
    const shift = bits - BigInt(entry.prefix);
    return caller.value >> shift === entry.value >> shift;
  });
}
