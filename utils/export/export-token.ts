/**
 * One entry point for the secure panel: the chosen format → a file to download. The
 * background service worker calls it with the secret it holds in memory; nothing here
 * stores or logs anything.
 */
import { exportAge } from './age-file';
import { exportBitwardenCsv } from './bitwarden-csv';
import { exportBitwardenJson } from './bitwarden-json';
import { exportDotenv } from './dotenv';
import { exportKeepassCsv } from './keepass-csv';
import { exportKeepassXml } from './keepass-xml';
import { exportOnePasswordCsv } from './onepassword-csv';
import { toDateInput } from '../expiry';
import { webRandomBytes, type RandomBytes } from './random';
import type { ExportFile, ExportFormat, TokenEntry } from './token-entry';

export interface ExportOptions {
  now: Date;
  /** required for 'age' */
  passphrase?: string;
  /** for reproducible UUIDs in tests; Web Crypto otherwise */
  randomBytes?: RandomBytes;
}

/**
 * Per format: the file name's ending and MIME type. The CSV and JSON endings name the
 * vault, because three formats are CSV and a user must pick the right file to import.
 */
const FILE_TYPES: Record<ExportFormat, { suffix: string; mimeType: string }> = {
  'keepass-xml': { suffix: '.xml', mimeType: 'application/xml' },
  'keepass-csv': { suffix: '.keepassxc.csv', mimeType: 'text/csv;charset=utf-8' },
  'bitwarden-json': { suffix: '.bitwarden.json', mimeType: 'application/json' },
  'bitwarden-csv': { suffix: '.bitwarden.csv', mimeType: 'text/csv;charset=utf-8' },
  '1password-csv': { suffix: '.1password.csv', mimeType: 'text/csv;charset=utf-8' },
  dotenv: { suffix: '.env', mimeType: 'text/plain;charset=utf-8' },
  // '.env.age': decrypting it naturally gives back the .env file it holds.
  age: { suffix: '.env.age', mimeType: 'application/octet-stream' },
};

/** Only [A-Za-z0-9._-] in a name part: every OS accepts it, and no '..' or '/' can sneak in. */
function fileNamePart(value: string): string {
  const safe = value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+|[.-]+$/g, '');
  return safe === '' ? 'unknown' : safe;
}

/** e.g. 'whm-token_whm01.example.com_billing-sync-20261128_2026-11-28.xml' (local date, as the user sees it). */
export function exportFileName(entry: TokenEntry, format: ExportFormat, now: Date): string {
  return `whm-token_${fileNamePart(entry.host)}_${fileNamePart(entry.name)}_${toDateInput(now)}${FILE_TYPES[format].suffix}`;
}

async function content(entry: TokenEntry, format: ExportFormat, options: ExportOptions): Promise<string> {
  const randomBytes = options.randomBytes ?? webRandomBytes;
  switch (format) {
    case 'keepass-xml':
      return exportKeepassXml(entry, { now: options.now, randomBytes });
    case 'keepass-csv':
      return exportKeepassCsv(entry, options);
    case 'bitwarden-json':
      return exportBitwardenJson(entry, { now: options.now, randomBytes });
    case 'bitwarden-csv':
      return exportBitwardenCsv(entry, options);
    case '1password-csv':
      return exportOnePasswordCsv(entry, options);
    case 'dotenv':
      return exportDotenv(entry, options);
    case 'age':
      return exportAge(entry, options);
    default: {
      // A format string from a message that slipped past validation: fail loudly.
      const unknown: never = format;
      throw new Error(`Unknown export format: ${String(unknown)}`);
    }
  }
}

export async function exportToken(entry: TokenEntry, format: ExportFormat, options: ExportOptions): Promise<ExportFile> {
  return {
    fileName: exportFileName(entry, format, options.now),
    mimeType: FILE_TYPES[format].mimeType,
    content: await content(entry, format, options),
    plaintextSecret: format !== 'age',
  };
}
