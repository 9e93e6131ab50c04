/**
 * 1Password CSV in the conservative layout its importers accept for logins
 * (title, website, username, password, notes; one item type per file). Only values
 * with commas, quotes or line breaks are quoted.
 */
import { csvRecords } from './csv';
import { entryNotes, entryTitle } from './entry-text';
import type { TokenEntry } from './token-entry';

export const ONEPASSWORD_CSV_HEADER = ['title', 'website', 'username', 'password', 'notes'] as const;

export function exportOnePasswordCsv(entry: TokenEntry, options: { now: Date }): string {
  return csvRecords(
    [[...ONEPASSWORD_CSV_HEADER], [entryTitle(entry), entry.origin, entry.user, entry.secret, entryNotes(entry, options.now)]],
    'when-needed',
  );
}
