/**
 * The words every exporter shares, so a token reads the same in KeePass, Bitwarden,
 * 1Password and a .env file. None of these texts contains the secret: notes and custom
 * fields are visible, unprotected fields in every vault, and the secret belongs only in
 * the password/hidden field.
 */
import type { TokenEntry } from './token-entry';

/** 'WHM API token: billing-sync @ whm01.example.com' */
export function entryTitle(entry: TokenEntry): string {
  return `WHM API token: ${entry.name} @ ${entry.host}`;
}

/**
 * ISO 8601 in UTC without milliseconds ('2027-02-26T23:59:59Z'): the form KeePass XML
 * times and most tools expect, and unambiguous whatever the reader's time zone.
 */
export function isoSeconds(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  // A caller bug, not user input: 'Invalid Date' in a vault entry would mislead.
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid timestamp: ${unixSeconds}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function expiryText(entry: TokenEntry): string {
  return entry.expiresAt === null ? 'never' : isoSeconds(entry.expiresAt);
}

export function aclsText(entry: TokenEntry): string {
  if (entry.acls.length === 0) return 'none';
  return entry.acls.join(',');
}

export function whitelistText(entry: TokenEntry): string {
  return entry.whitelistIps.length === 0 ? 'any address' : entry.whitelistIps.join(',');
}

/** How to use the token, with a placeholder: the real secret stays in the password field. */
export function usageLine(entry: TokenEntry): string {
  return `Authorization: whm ${entry.user}:TOKEN (TOKEN = the password of this entry)`;
}

/** Multi-line notes for the vaults' notes field. */
export function entryNotes(entry: TokenEntry, now: Date): string {
  const full = entry.acls.includes('all') ? ' (full access)' : '';
  return [
    `WHM API token "${entry.name}" of WHM user ${entry.user} on ${entry.host}`,
    `Server: ${entry.origin}`,
    `ACLs: ${aclsText(entry)}${full}`,
    `Expires: ${expiryText(entry)}`,
    `IP allowlist: ${whitelistText(entry)}`,
    `Created: ${isoSeconds(entry.createdAt)}`,
    `Usage: ${usageLine(entry)}`,
    `Exported by Token Warden on ${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  ].join('\n');
}

/**
 * Values that end up on one line (CSV `name: value` fields, .env comments): a line break
 * from untrusted input would start a new field or a new variable.
 */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Custom fields every format that has them carries (visible, never the secret). */
export function customFields(entry: TokenEntry): Array<{ name: string; value: string }> {
  return [
    { name: 'token_name', value: entry.name },
    { name: 'acls', value: aclsText(entry) },
    { name: 'expires_at', value: expiryText(entry) },
    { name: 'whitelist_ips', value: whitelistText(entry) },
    { name: 'created_at', value: isoSeconds(entry.createdAt) },
  ];
}
