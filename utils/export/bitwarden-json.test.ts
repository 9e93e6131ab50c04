import { describe, expect, it } from 'vitest';
import { exportBitwardenJson } from './bitwarden-json';
import { ENTRY, fixedRandom, NOW, SECRET, TRICKY } from './test-fixtures';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('exportBitwardenJson', () => {
  it('has exactly the documented shape of an unencrypted export', () => {
    const json = JSON.parse(exportBitwardenJson(ENTRY, { now: NOW, randomBytes: fixedRandom() }));
    expect(Object.keys(json).sort()).toEqual(['encrypted', 'folders', 'items']);
    expect(json.encrypted).toBe(false);
    expect(json.folders).toHaveLength(1);
    expect(json.folders[0].id).toMatch(UUID_V4);
    expect(json.folders[0].name).toBe('WHM API tokens');
    expect(json.items).toHaveLength(1);
    const item = json.items[0];
    expect(item).toEqual({
      type: 1,
      name: 'WHM API token: billing-sync-20261128 @ whm01.example.com',
      folderId: json.folders[0].id,
      favorite: false,
      reprompt: 0,
      notes: expect.stringContaining('Authorization: whm reseller1:TOKEN'),
      fields: [
        { name: 'token_name', value: 'billing-sync-20261128', type: 0 },
        { name: 'acls', value: 'list-accts,suspend-acct', type: 0 },
        { name: 'expires_at', value: '2027-02-28T23:59:59Z', type: 0 },
        { name: 'whitelist_ips', value: '203.0.113.5,198.51.100.0/24', type: 0 },
        { name: 'created_at', value: '2026-11-28T12:00:00Z', type: 0 },
      ],
      login: { uris: [{ match: null, uri: 'https://whm01.example.com:2087' }], username: 'reseller1', password: SECRET, totp: null },
    });
  });

  it('folderId links to a folder id (what the importer uses to file the item)', () => {
    const json = JSON.parse(exportBitwardenJson(TRICKY, { now: NOW, randomBytes: fixedRandom(3) }));
    const ids = new Set(json.folders.map((f: { id: string }) => f.id));
    for (const item of json.items) expect(ids.has(item.folderId)).toBe(true);
  });

  it('keeps tricky text exact through JSON and the secret only in login.password', () => {
    const text = exportBitwardenJson(TRICKY, { now: NOW, randomBytes: fixedRandom() });
    const json = JSON.parse(text);
    expect(json.items[0].login.username).toBe(TRICKY.user);
    expect(json.items[0].fields.find((f: { name: string }) => f.name === 'expires_at').value).toBe('never');
    expect(text.split(SECRET)).toHaveLength(2);
    expect(json.items[0].login.password).toBe(SECRET);
  });

  it('uses fresh random folder ids from the injected source', () => {
    const a = JSON.parse(exportBitwardenJson(ENTRY, { now: NOW, randomBytes: fixedRandom(1) }));
    const b = JSON.parse(exportBitwardenJson(ENTRY, { now: NOW, randomBytes: fixedRandom(2) }));
    expect(a.folders[0].id).not.toBe(b.folders[0].id);
  });
});
