/**
 * Bitwarden CSV (the importer's own layout). Custom fields travel in one cell as
 * newline-separated `name: value` lines; the importer splits each line at its LAST ': ',
 * so a value must not contain ': ' or a line break.
 */
import { csvRecords } from './csv';
import { customFields, entryNotes, entryTitle, oneLine } from './entry-text';
import type { TokenEntry } from './token-entry';

export const BITWARDEN_CSV_HEADER = [
  'folder', 'favorite', 'type', 'name', 'notes', 'fields', 'reprompt',
  'login_uri', 'login_username', 'login_password', 'login_totp',
] as const;

function fieldLine(name: string, value: string): string {
  const safe = (text: string) => oneLine(text).replace(/: /g, ':');
  return `${safe(name)}: ${safe(value)}`;
}

export function exportBitwardenCsv(entry: TokenEntry, options: { now: Date }): string {
  const fields = customFields(entry).map((f) => fieldLine(f.name, f.value)).join('\n');
  return csvRecords(
    [
      [...BITWARDEN_CSV_HEADER],
      [
        'WHM API tokens', '', 'login', entryTitle(entry), entryNotes(entry, options.now), fields, '0',
        // login_uri is split at commas by the importer (several URIs per item); an origin has none.
        entry.origin, entry.user, entry.secret, '',
      ],
    ],
    'when-needed',
  );
}
