/**
 * KeePassXC CSV. KeePassXC's CSV import lets the user map columns, but its own export
 * layout (header below, every value quoted) maps itself, and its 'Group' column is a
 * '/'-joined path from the root group.
 */
import { csvRecords } from './csv';
import { entryNotes, entryTitle } from './entry-text';
import type { TokenEntry } from './token-entry';

export const KEEPASS_CSV_HEADER = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes'] as const;
export const KEEPASS_CSV_GROUP = 'Root/WHM API tokens';

export function exportKeepassCsv(entry: TokenEntry, options: { now: Date }): string {
  return csvRecords(
    [
      [...KEEPASS_CSV_HEADER],
      [KEEPASS_CSV_GROUP, entryTitle(entry), entry.user, entry.secret, entry.origin, entryNotes(entry, options.now)],
    ],
    'always',
  );
}
