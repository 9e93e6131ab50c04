/**
 * What the vault exporters know about one freshly created WHM API token. The secret is
 * in here only while the secure panel is open: nothing in utils/export/ keeps it.
 */
export interface TokenEntry {
  /** WHM server origin, e.g. 'https://whm01.example.com:2087' */
  origin: string;
  /** 'whm01.example.com' */
  host: string;
  /** WHM user (reseller) the token belongs to */
  user: string;
  /** token name, WHM's rule [A-Za-z0-9_-]{1,50} */
  name: string;
  /** the plaintext secret (WHM shows it once) */
  secret: string;
  /** granted ACLs (['all'] = full access) */
  acls: string[];
  /** unix seconds, null = never */
  expiresAt: number | null;
  /** [] = any address */
  whitelistIps: string[];
  /** unix seconds */
  createdAt: number;
}

export type ExportFormat =
  | 'keepass-xml'
  | 'keepass-csv'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | '1password-csv'
  | 'dotenv'
  | 'age';

/**
 * The choices the secure panel offers, in display order; `format` doubles as the
 * `[data-export=…]` test hook. `encrypted` is true where no plaintext copy of the secret
 * lands on disk: the age file, and Vault KV (sent over TLS, stored encrypted by Vault).
 */
export const EXPORT_FORMATS: readonly { format: ExportFormat | 'vault-kv'; label: string; encrypted: boolean }[] = [
  { format: 'keepass-xml', label: 'KeePass 2 XML (KeePass, KeePassXC)', encrypted: false },
  { format: 'keepass-csv', label: 'KeePassXC CSV', encrypted: false },
  { format: 'bitwarden-json', label: 'Bitwarden JSON', encrypted: false },
  { format: 'bitwarden-csv', label: 'Bitwarden CSV', encrypted: false },
  { format: '1password-csv', label: '1Password CSV', encrypted: false },
  { format: 'dotenv', label: '.env file', encrypted: false },
  { format: 'age', label: 'age-encrypted file (passphrase)', encrypted: true },
  { format: 'vault-kv', label: 'HashiCorp Vault KV v2', encrypted: true },
];

export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
  /** true for every format but age: the UI warns the file holds a live secret */
  plaintextSecret: boolean;
}
