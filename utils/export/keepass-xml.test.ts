import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, exportKeepassXml } from './keepass-xml';
import { child, ENTRY, fixedRandom, NOW, parseXml, SECRET, TRICKY, type XmlElement } from './test-fixtures';

const strings = (entry: XmlElement) =>
  Object.fromEntries(entry.children.filter((c) => c.name === 'String').map((s) => [child(s, 'Key').text, child(s, 'Value')]));

function entryOf(xml: string) {
  const file = parseXml(xml);
  expect(file.name).toBe('KeePassFile');
  const root = child(child(file, 'Root'), 'Group');
  const group = child(root, 'Group');
  return { file, root, group, entry: child(group, 'Entry') };
}

describe('exportKeepassXml', () => {
  it('writes a well-formed KeePass 2 file: Meta/Generator, Root > Group > Group "WHM API tokens" > Entry', () => {
    const { file, root, group, entry } = entryOf(exportKeepassXml(ENTRY, { now: NOW, randomBytes: fixedRandom() }));
    expect(child(child(file, 'Meta'), 'Generator').text).toBe('Token Warden');
    expect(child(root, 'Name').text).toBe('Root');
    expect(child(group, 'Name').text).toBe('WHM API tokens');
    const values = strings(entry);
    expect(values['Title']?.text).toBe('WHM API token: billing-sync-20261128 @ whm01.example.com');
    expect(values['UserName']?.text).toBe('reseller1');
    expect(values['Password']?.text).toBe(SECRET);
    expect(values['Password']?.attrs).toEqual({ ProtectInMemory: 'True' });
    expect(values['URL']?.text).toBe('https://whm01.example.com:2087');
    expect(values['WHM ACLs']?.text).toBe('list-accts,suspend-acct');
    expect(values['WHM expires']?.text).toBe('2027-02-28T23:59:59Z');
    expect(values['WHM IP allowlist']?.text).toBe('203.0.113.5,198.51.100.0/24');
    const notes = values['Notes']!.text;
    expect(notes).toContain('Expires: 2027-02-28T23:59:59Z');
    expect(notes).toContain('Created: 2026-11-28T12:00:00Z');
    expect(notes).toContain('Authorization: whm reseller1:TOKEN');
  });

  it('never puts the secret anywhere but the Password value (notes and custom fields are visible)', () => {
    const xml = exportKeepassXml(ENTRY, { now: NOW, randomBytes: fixedRandom() });
    expect(xml.split(SECRET)).toHaveLength(2);
    expect(strings(entryOf(xml).entry)['Password']?.text).toBe(SECRET);
  });

  it('UUIDs are 16 random bytes in base64, distinct for root, group and entry', () => {
    const { root, group, entry } = entryOf(exportKeepassXml(ENTRY, { now: NOW, randomBytes: fixedRandom(7) }));
    const uuids = [root, group, entry].map((el) => child(el, 'UUID').text);
    for (const uuid of uuids) {
      expect(uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(uuid, 'base64')).toHaveLength(16);
    }
    expect(new Set(uuids).size).toBe(3);
  });

  it('times are valid ISO 8601 UTC; Expires follows the token (True + its date, False for never)', () => {
    const { entry } = entryOf(exportKeepassXml(ENTRY, { now: NOW, randomBytes: fixedRandom() }));
    const times = child(entry, 'Times');
    for (const t of times.children.filter((c) => c.name.endsWith('Time') || c.name === 'LocationChanged')) {
      expect(t.text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Number.isNaN(Date.parse(t.text))).toBe(false);
    }
    expect(child(times, 'Expires').text).toBe('True');
    expect(child(times, 'ExpiryTime').text).toBe('2027-02-28T23:59:59Z');
    expect(child(times, 'CreationTime').text).toBe('2026-11-28T12:00:00Z');
    const never = entryOf(exportKeepassXml(TRICKY, { now: NOW, randomBytes: fixedRandom() })).entry;
    expect(child(child(never, 'Times'), 'Expires').text).toBe('False');
  });

  it('escapes XML specials in every value and keeps them readable', () => {
    const { entry } = entryOf(exportKeepassXml(TRICKY, { now: NOW, randomBytes: fixedRandom() }));
    const values = strings(entry);
    expect(values['Title']?.text).toBe('WHM API token: a,b"c d#e<f>&g\'h @ whm-ü.example.com');
    expect(values['UserName']?.text).toBe(TRICKY.user);
    expect(values['Notes']?.text).toContain('any address');
    expect(values['Notes']?.text).toContain('Expires: never');
    expect(values['Notes']?.text).toContain('ACLs: all (full access)');
  });

  it('drops characters XML 1.0 cannot carry at all (NUL, other controls, lone surrogates)', () => {
    const xml = exportKeepassXml({ ...ENTRY, user: 'a\u0000b\u0007c\uD800d\uFFFEe😀' }, { now: NOW, randomBytes: fixedRandom() });
    expect(strings(entryOf(xml).entry)['UserName']?.text).toBe('abcde😀');
  });

  it('escapeXml round-trips any string made of XML characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
        const parsed = parseXml(`<a>${escapeXml(s)}</a>`);
        expect(parsed.text).toBe(clean);
      }),
    );
  });
});
