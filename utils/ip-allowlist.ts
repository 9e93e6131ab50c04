/**
 * A token's IP allowlist as the user types it and as WHM keeps it (reference/whm.md §2):
 * at most 100 entries, each an IPv4 or IPv6 address or CIDR range. WHM answers the list
 * normalised — `/32` and `/128` dropped, IPv6 written out in full, duplicates gone — so a
 * fix compares what it asked for with what WHM lists in that same normal form. Pure: no
 * DOM, no Node (the frame and the background both use it).
 */

export const MAX_ALLOWLIST_ENTRIES = 100;

/** WHM's textarea splits on commas and whitespace (whm.md §4); so do we. */
export function splitAllowlist(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

const IPV4 = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$/;

function ipv4Ok(text: string): boolean {
  return IPV4.test(text) && text.split('.').every((part) => Number(part) <= 255);
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one (zones refused). */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return null;
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (lastColon === -1) return null;
  const last = body.slice(lastColon + 1);
  // An embedded dotted IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  if (last.includes('.')) {
    if (!ipv4Ok(last)) return null;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    tail = [(a << 8) | b, (c << 8) | d];
    body = body.slice(0, lastColon + 1);
    // "…::" keeps its double colon; "…:ffff:" loses the colon that led to the tail.
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const parse = (s: string): number[] | null => {
    if (s === '') return [];
    const groups = s.split(':');
    return groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
  };
  const halves = body.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = parse(body);
    return groups && groups.length + tail.length === 8 ? [...groups, ...tail] : null;
  }
  const head = parse(halves[0]!);
  const rest = parse(halves[1]!);
  if (!head || !rest) return null;
  const missing = 8 - head.length - rest.length - tail.length;
  // "::" stands for at least one group of zeros.
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
}

/** WHM's stored form of one entry, or null when it is neither an address nor a range. */
export function normalizeAllowlistEntry(raw: string): string | null {
  const text = raw.trim();
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? null : text.slice(slash + 1);
  let family: 4 | 6;
  let normal: string;
  if (ipv4Ok(address)) {
    family = 4;
    normal = address;
  } else {
    const groups = ipv6Groups(address);
    if (!groups) return null;
    family = 6;
    normal = groups.map((g) => g.toString(16).padStart(4, '0')).join(':');
  }
  if (prefixText === null) return normal;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return Number(prefixText) === max ? normal : `${normal}/${Number(prefixText)}`;
}

export interface AllowlistCheck {
  /** The entries in WHM's normal form, deduplicated, in the order typed. */
  entries: string[];
  /** What is not an address or a range, as typed. */
  invalid: string[];
  /** More than WHM's 100 entries were typed. */
  tooMany: boolean;
}

export function checkAllowlist(text: string): AllowlistCheck {
  const typed = splitAllowlist(text);
  const entries: string[] = [];
  const invalid: string[] = [];
  for (const item of typed) {
    const normal = normalizeAllowlistEntry(item);
    if (normal === null) invalid.push(item);
    else if (!entries.includes(normal)) entries.push(normal);
  }
  return { entries, invalid, tooMany: typed.length > MAX_ALLOWLIST_ENTRIES };
}

/** Whether two allowlists hold the same entries, whatever their order and spelling. */
export function sameAllowlist(a: readonly string[], b: readonly string[]): boolean {
  const norm = (list: readonly string[]) => [...new Set(list.map((ip) => normalizeAllowlistEntry(ip) ?? ip))].sort();
  const x = norm(a);
  const y = norm(b);
  return x.length === y.length && x.every((ip, i) => ip === y[i]);
}
