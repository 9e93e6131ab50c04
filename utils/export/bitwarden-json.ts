/**
 * Bitwarden's unencrypted JSON export, limited to the documented fields the importer
 * reads: it requires `items`, assigns fresh ids, and links an item to a folder through
 * `folderId` = `folders[].id`. The secret is the login password; the other token facts go
 * in visible text fields (type 0) and the notes.
 */
import { customFields, entryNotes, entryTitle } from './entry-text';
import { uuidV4, type RandomBytes } from './random';
import type { TokenEntry } from './token-entry';

export const BITWARDEN_FOLDER = 'WHM API tokens';

/** Bitwarden's enums: CipherType.Login = 1, FieldType.Text = 0, CipherRepromptType.None = 0. */
const CIPHER_LOGIN = 1;
const FIELD_TEXT = 0;

export interface BitwardenExport {
  encrypted: false;
  folders: Array<{ id: string; name: string }>;
  items: Array<{
    type: 1;
    name: string;
    folderId: string;
    favorite: boolean;
    reprompt: number;
    notes: string;
    fields: Array<{ name: string; value: string; type: 0 }>;
    login: { uris: Array<{ match: null; uri: string }>; username: string; password: string; totp: null };
  }>;
}

export function bitwardenExportObject(entry: TokenEntry, options: { now: Date; randomBytes: RandomBytes }): BitwardenExport {
  const folderId = uuidV4(options.randomBytes);
  return {
    encrypted: false,
    folders: [{ id: folderId, name: BITWARDEN_FOLDER }],
    items: [
      {
        type: CIPHER_LOGIN,
        name: entryTitle(entry),
        folderId,
        favorite: false,
        reprompt: 0,
        notes: entryNotes(entry, options.now),
        fields: customFields(entry).map((field) => ({ ...field, type: FIELD_TEXT })),
        login: {
          // match: null = the user's default URI matching (base domain).
          uris: [{ match: null, uri: entry.origin }],
          username: entry.user,
          password: entry.secret,
          totp: null,
        },
      },
    ],
  };
}

export function exportBitwardenJson(entry: TokenEntry, options: { now: Date; randomBytes: RandomBytes }): string {
  // Indented like Bitwarden's own export: people open these files to check them.
  return JSON.stringify(bitwardenExportObject(entry, options), null, 2) + '\n';
}
