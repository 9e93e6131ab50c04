/**
 * Shared by the exporters' tests (not a test itself, not used by the extension): sample
 * tokens and tiny reference parsers that read the files the way the importers do.
 */
import type { TokenEntry } from './token-entry';

export const SECRET = 'K7Q2M9XW4RTB8N3ZP5VH6JDC1LFYGS0A';
export const NOW = new Date('2026-11-28T12:00:00Z');

export const ENTRY: TokenEntry = {
  origin: 'https://whm01.example.com:2087',
  host: 'whm01.example.com',
  user: 'reseller1',
  name: 'billing-sync-20261128',
  secret: SECRET,
  acls: ['list-accts', 'suspend-acct'],
  expiresAt: 1803859199, // 2027-02-28T23:59:59Z
  whitelistIps: ['203.0.113.5', '198.51.100.0/24'],
  createdAt: 1795867200, // 2026-11-28T12:00:00Z
};

/**
 * Values no real WHM sends, but an exporter must survive: every quoting hazard of every
 * format at once (commas, quotes, line breaks, '#', XML specials, control characters,
 * non-ASCII, an astral character).
 */
export const TRICKY: TokenEntry = {
  origin: 'https://whm-ü.example.com:2087',
  host: 'whm-ü.example.com',
  user: 'o\'brien "the, admin"\n#root & <co>',
  name: 'a,b"c d#e<f>&g\'h',
  secret: SECRET,
  acls: ['all'],
  expiresAt: null,
  whitelistIps: [],
  createdAt: 1795867200,
};

export const fixedRandom = (seed = 1) => {
  let state = seed;
  return (n: number) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  };
};

/** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && atFieldStart) { quoted = true; atFieldStart = false; i++; continue; }
    if (c === '"') throw new Error(`stray quote at ${i}`);
    if (c === ',') { row.push(field); field = ''; atFieldStart = true; i++; continue; }
    if (c === '\r' || c === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; atFieldStart = false; i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (!atFieldStart || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** dotenv reader in the common dialect: KEY=value, KEY="escaped", '#' comments, blank lines. */
export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) throw new Error(`not a dotenv line: ${JSON.stringify(line)}`);
    const raw = match[2]!;
    let value: string;
    if (raw.startsWith('"')) {
      const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
      if (!quoted) throw new Error(`bad quoted value: ${raw}`);
      value = quoted[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    } else {
      if (/[\s#"'$`\\]/.test(raw)) throw new Error(`unquoted value needs quotes: ${raw}`);
      value = raw;
    }
    result[match[1]!] = value;
  }
  return result;
}

export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

function unescapeXml(text: string, where: number): string {
  return text.replace(/&([^;]*);?/g, (all, ref: string) => {
    if (!all.endsWith(';')) throw new Error(`bare '&' at ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref]!;
    const num = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(ref);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity &${ref}; at ${where}`);
  });
}

/**
 * A strict little XML reader, enough to prove well-formedness of what we write: one root,
 * balanced tags, quoted attributes, only the five predefined entities, no raw '<' or '&'
 * in text, only XML 1.0 characters. (The keepassxc-cli interop test is the real proof.)
 */
export function parseXml(xml: string): XmlElement {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('character not allowed in XML 1.0');
  let i = 0;
  const declaration = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (declaration) i = declaration[0].length;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (i < xml.length) {
    const top = stack[stack.length - 1]!;
    if (xml[i] === '<') {
      const end = xml.indexOf('>', i);
      if (end === -1) throw new Error(`unterminated tag at ${i}`);
      const tag = xml.slice(i + 1, end);
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim();
        if (name !== top.name) throw new Error(`</${name}> closes <${top.name}> at ${i}`);
        stack.pop();
      } else {
        const selfClosing = tag.endsWith('/');
        const body = selfClosing ? tag.slice(0, -1) : tag;
        const nameMatch = /^([^\s]+)/.exec(body);
        const name = nameMatch?.[1] ?? '';
        if (!XML_NAME.test(name)) throw new Error(`bad element name '${name}' at ${i}`);
        const attrs: Record<string, string> = {};
        let rest = body.slice(name.length).trim();
        while (rest !== '') {
          const attr = /^([A-Za-z_][A-Za-z0-9._-]*)="([^"<]*)"\s*/.exec(rest);
          if (!attr) throw new Error(`bad attribute in <${name}> at ${i}`);
          attrs[attr[1]!] = unescapeXml(attr[2]!, i);
          rest = rest.slice(attr[0].length);
        }
        const element: XmlElement = { name, attrs, children: [], text: '' };
        top.children.push(element);
        if (!selfClosing) stack.push(element);
      }
      i = end + 1;
    } else {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next === -1 ? xml.length : next);
      if (raw.includes('>') && stack.length > 1) {
        // '>' is allowed raw, but our writer escapes it: a raw one means we forgot.
        throw new Error(`unescaped '>' in text at ${i}`);
      }
      const text = unescapeXml(raw, i);
      if (stack.length === 1 && text.trim() !== '') throw new Error(`text outside the root at ${i}`);
      top.text += text;
      i = next === -1 ? xml.length : next;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('an XML document has exactly one root element');
  return root.children[0]!;
}

export const child = (el: XmlElement, name: string): XmlElement => {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
};
