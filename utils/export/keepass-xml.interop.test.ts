/**
 * Proof with the real importer: keepassxc-cli (Debian package keepassxc, 2.7.4 imports
 * KeePass 2 XML only) turns our XML into a .kdbx database, and reading the entry back
 * gives the secret, user and URL exactly, including XML specials in title and notes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryTitle } from './entry-text';
import { exportKeepassXml } from './keepass-xml';
import { requireProgram, run, withTempDir } from './interop-helpers';
import { ENTRY, NOW, SECRET } from './test-fixtures';
import { webRandomBytes } from './random';

// No line break in these: `keepassxc-cli show` prints one attribute per line.
const SPECIAL = { ...ENTRY, user: 'reseller&<1>"\'', name: 'sync&<"x\'>-é' };
const DB_PASSWORD = 'interop-test-pw';


/** `keepassxc-cli import -p XML DB` reads the new database password twice from stdin. */
function importXml(dir: string, xml: string) {
  const xmlPath = join(dir, 'export.xml');
  const dbPath = join(dir, 'db.kdbx');
  writeFileSync(xmlPath, xml);
  const result = run('keepassxc-cli', ['import', '-p', xmlPath, dbPath], { input: `${DB_PASSWORD}\n${DB_PASSWORD}\n` });
  return { result, dbPath };
}

/** Entries live in the 'WHM API tokens' group under the root, so the path names the group. */
function show(dbPath: string, title: string, attributes: string[] = []) {
  const args = ['show', '-s', ...attributes.flatMap((a) => ['-a', a]), dbPath, `WHM API tokens/${title}`];
  return run('keepassxc-cli', args, { input: `${DB_PASSWORD}\n` });
}

describe('KeePass XML import with keepassxc-cli', () => {
  it('keepassxc-cli is installed', () => {
    expect(requireProgram('keepassxc-cli', 'keepassxc')).toMatch(/^\d+\.\d+/);
  });

  it('imports the export and shows the secret, user, URL and title back exactly', { timeout: 30_000 }, async () => {
    requireProgram('keepassxc-cli', 'keepassxc');
    await withTempDir('tw-kpxc-', (dir) => {
      const { result, dbPath } = importXml(dir, exportKeepassXml(SPECIAL, { now: NOW, randomBytes: webRandomBytes }));
      expect(result.status, result.stderr).toBe(0);

      const title = entryTitle(SPECIAL);
      const shown = show(dbPath, title);
      expect(shown.status, shown.stderr).toBe(0);
      const lines = shown.stdout.split('\n');
      expect(lines).toContain(`Title: ${title}`);
      expect(lines).toContain(`UserName: ${SPECIAL.user}`);
      expect(lines).toContain(`Password: ${SECRET}`);
      expect(lines).toContain(`URL: ${SPECIAL.origin}`);
      expect(shown.stdout).toContain(`Notes: WHM API token "${SPECIAL.name}" of WHM user ${SPECIAL.user}`);
      expect(shown.stdout).toContain('Authorization: whm reseller&<1>"\':TOKEN');

      const attributes = show(dbPath, title, ['Password', 'WHM ACLs', 'WHM expires', 'WHM IP allowlist']);
      expect(attributes.status, attributes.stderr).toBe(0);
      expect(attributes.stdout.split('\n').slice(0, 4)).toEqual([SECRET, 'list-accts,suspend-acct', '2027-02-28T23:59:59Z', '203.0.113.5,198.51.100.0/24']);
    });
  });

  it('the importer is strict: the same file with one raw "&" is refused (so the pass above means something)', { timeout: 30_000 }, async () => {
    requireProgram('keepassxc-cli', 'keepassxc');
    await withTempDir('tw-kpxc-', (dir) => {
      const broken = exportKeepassXml(ENTRY, { now: NOW, randomBytes: webRandomBytes }).replace('<Value>reseller1</Value>', '<Value>reseller & co</Value>');
      const { result } = importXml(dir, broken);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/XML error/);
    });
  });
});
