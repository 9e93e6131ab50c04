/** CSV quoting shared by the three CSV exporters (RFC 4180: `"` inside a quoted value is doubled). */

/** Always quoted: KeePassXC's importer documents every value double-quoted. */
export function csvQuoted(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * Quoted only when needed (comma, quote, line break; also leading/trailing spaces, which
 * some parsers trim): the layout Bitwarden and 1Password write themselves.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? csvQuoted(value) : value;
}

/** Records end in CRLF as RFC 4180 says; line breaks inside quoted values stay as they are. */
export function csvRecords(rows: string[][], quote: (value: string) => string): string {
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
