/**
 * KeePass 2 XML: the one format both KeePass and KeePassXC (and most other vaults)
 * import, and the only one keepassxc-cli 2.7.4 imports, which is how the interop test
 * proves it. Entries sit in a 'WHM API tokens' group under the root group, so importing
 * into an existing database (KeePass merges the root) keeps them together.
 */
import { entryNotes, entryTitle, expiryText, aclsText, whitelistText, isoSeconds } from './entry-text';
import { base64, type RandomBytes } from './random';
import type { TokenEntry } from './token-entry';

/**
 * XML 1.0 allows only tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF;
 * anything else (NUL, other control characters, lone surrogates) makes the whole file
 * unreadable, so it is dropped rather than escaped (XML 1.0 has no escape for them).
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function uuid(randomBytes: RandomBytes): string {
  const bytes = randomBytes(16);
  if (bytes.length !== 16) throw new RangeError('randomBytes(16) must return 16 bytes');
  return base64(bytes);
}

function stringField(key: string, value: string, protect = false): string {
  const attr = protect ? ' ProtectInMemory="True"' : '';
  return `<String><Key>${escapeXml(key)}</Key><Value${attr}>${escapeXml(value)}</Value></String>`;
}

export function exportKeepassXml(entry: TokenEntry, options: { now: Date; randomBytes: RandomBytes }): string {
  const now = isoSeconds(Math.floor(options.now.getTime() / 1000));
  const created = isoSeconds(entry.createdAt);
  // KeePass shows an entry as expired once ExpiryTime passes: the token's own expiry.
  const expires = entry.expiresAt !== null;
  const times = (creation: string) =>
    `<Times><CreationTime>${creation}</CreationTime><LastModificationTime>${now}</LastModificationTime>` +
    `<LastAccessTime>${now}</LastAccessTime>` +
    `<ExpiryTime>${expires ? isoSeconds(entry.expiresAt!) : now}</ExpiryTime><Expires>${expires ? 'True' : 'False'}</Expires>` +
    `<UsageCount>0</UsageCount><LocationChanged>${now}</LocationChanged></Times>`;
  const groupTimes = `<Times><CreationTime>${now}</CreationTime><LastModificationTime>${now}</LastModificationTime>` +
    `<LastAccessTime>${now}</LastAccessTime><ExpiryTime>${now}</ExpiryTime><Expires>False</Expires>` +
    `<UsageCount>0</UsageCount><LocationChanged>${now}</LocationChanged></Times>`;

  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<KeePassFile>',
    '\t<Meta>',
    '\t\t<Generator>Token Warden</Generator>',
    '\t\t<DatabaseName>WHM API tokens</DatabaseName>',
    '\t</Meta>',
    '\t<Root>',
    '\t\t<Group>',
    `\t\t\t<UUID>${uuid(options.randomBytes)}</UUID>`,
    '\t\t\t<Name>Root</Name>',
    `\t\t\t${groupTimes}`,
    '\t\t\t<Group>',
    `\t\t\t\t<UUID>${uuid(options.randomBytes)}</UUID>`,
    '\t\t\t\t<Name>WHM API tokens</Name>',
    `\t\t\t\t${groupTimes}`,
    '\t\t\t\t<Entry>',
    `\t\t\t\t\t<UUID>${uuid(options.randomBytes)}</UUID>`,
    `\t\t\t\t\t${times(created)}`,
    `\t\t\t\t\t${stringField('Title', entryTitle(entry))}`,
    `\t\t\t\t\t${stringField('UserName', entry.user)}`,
    // ProtectInMemory, not Protected="True": the latter means "encrypted with the inner
    // stream key", which a plain XML file does not have.
    `\t\t\t\t\t${stringField('Password', entry.secret, true)}`,
    `\t\t\t\t\t${stringField('URL', entry.origin)}`,
    `\t\t\t\t\t${stringField('Notes', entryNotes(entry, options.now))}`,
    `\t\t\t\t\t${stringField('WHM token name', entry.name)}`,
    `\t\t\t\t\t${stringField('WHM ACLs', aclsText(entry))}`,
    `\t\t\t\t\t${stringField('WHM expires', expiryText(entry))}`,
    `\t\t\t\t\t${stringField('WHM IP allowlist', whitelistText(entry))}`,
    '\t\t\t\t</Entry>',
    '\t\t\t</Group>',
    '\t\t</Group>',
    '\t</Root>',
    '</KeePassFile>',
  ];
  return lines.join('\n') + '\n';
}
