import { describe, expect, it } from 'vitest';
import { exportFileName, exportToken } from './export-token';
import { ENTRY, fixedRandom, NOW, SECRET, TRICKY } from './test-fixtures';
import { EXPORT_FORMATS, type ExportFormat } from './token-entry';

const FORMATS: ExportFormat[] = ['keepass-xml', 'keepass-csv', 'bitwarden-json', 'bitwarden-csv', '1password-csv', 'dotenv', 'age'];
// Local noon: the file name's date is the local calendar day, whatever TZ the test runs in.
const LOCAL_NOON = new Date(2026, 10, 28, 12, 0, 0);

describe('exportFileName', () => {
  it('carries host, token name and date, with the extension of the format', () => {
    expect(exportFileName(ENTRY, 'keepass-xml', LOCAL_NOON)).toBe('whm-token_whm01.example.com_billing-sync-20261128_2026-11-28.xml');
    const names = FORMATS.map((f) => exportFileName(ENTRY, f, LOCAL_NOON));
    expect(names.map((n) => n.slice(n.indexOf('2026-11-28') + 10))).toEqual([
      '.xml', '.keepassxc.csv', '.bitwarden.json', '.bitwarden.csv', '.1password.csv', '.env', '.env.age',
    ]);
    expect(new Set(names).size).toBe(FORMATS.length);
  });

  it('only ever uses [A-Za-z0-9._-], with no ".." and no leading dot', () => {
    for (const entry of [TRICKY, { ...ENTRY, host: '../../etc', name: '..' }, { ...ENTRY, host: '[2001:db8::1]', name: '' }]) {
      for (const format of FORMATS) {
        const name = exportFileName(entry, format, LOCAL_NOON);
        expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
        expect(name).not.toContain('..');
        expect(name.startsWith('.')).toBe(false);
      }
    }
  });
});

describe('exportToken', () => {
  it('every format but age is flagged as holding a plaintext secret, and holds it', { timeout: 30_000 }, async () => {
    for (const format of FORMATS) {
      const file = await exportToken(ENTRY, format, { now: NOW, passphrase: 'correct horse battery staple extra', randomBytes: fixedRandom() });
      expect(file.plaintextSecret).toBe(format !== 'age');
      expect(file.content.includes(SECRET)).toBe(format !== 'age');
      expect(file.fileName).toBe(exportFileName(ENTRY, format, NOW));
      expect(file.mimeType).toMatch(/^(application|text)\//);
    }
  });

  it('age without a passphrase is refused with a clear error', async () => {
    await expect(exportToken(ENTRY, 'age', { now: NOW })).rejects.toThrow(/needs a passphrase/);
  });

  it('EXPORT_FORMATS lists every format once, plus vault-kv; only age and vault-kv are encrypted', () => {
    expect(EXPORT_FORMATS.map((f) => f.format)).toEqual([...FORMATS, 'vault-kv']);
    expect(EXPORT_FORMATS.filter((f) => f.encrypted).map((f) => f.format)).toEqual(['age', 'vault-kv']);
  });
});
