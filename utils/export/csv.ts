/**
 * Every CSV Token Warden writes (the KeePassXC, Bitwarden and 1Password exports and the
 * audit report) goes through `csvRecords`, so each cell gets the same two treatments:
 *
 * - RFC 4180 quoting: `"` inside a quoted value is doubled; records end in CRLF.
 * - OWASP's guard against CSV (formula) injection: a spreadsheet runs a cell that starts
 *   with `=`, `+`, `-` or `@` as a formula, and drops a leading tab or carriage return
 *   before looking. Token names, WHM user names and host names come from WHM and may start
 *   so (`-nightly` is a valid token name), and the report or export may well be opened in
 *   a spreadsheet. Such a cell gets a leading `'`, which makes it text, and is quoted.
 *   The importers read the `'` as part of the value; a WHM secret (upper-case letters and
 *   digits) never starts with one of these characters, so it always arrives intact.
 */

/** KeePassXC's importer documents every value quoted; Bitwarden and 1Password write quotes only where needed. */
export type CsvQuoting = 'always' | 'when-needed';

const FORMULA_START = /^[=+\-@\t\r]/;
// Comma, quote, line break; also leading or trailing spaces, which some parsers trim.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell, guarded against formulas and quoted as `quoting` says (or as it must be). */
export function csvCell(value: string, quoting: CsvQuoting): string {
  const guarded = FORMULA_START.test(value);
  const text = guarded ? `'${value}` : value;
  return quoting === 'always' || guarded || NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records end in CRLF as RFC 4180 says; line breaks inside quoted values stay as they are. */
export function csvRecords(rows: readonly (readonly string[])[], quoting: CsvQuoting): string {
  return rows.map((row) => row.map((value) => csvCell(value, quoting)).join(',')).join('\r\n') + '\r\n';
}
