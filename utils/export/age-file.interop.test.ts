/**
 * Proof with the real tool: `age -d` (Debian package age, 1.1.1) decrypts our armored
 * file. age reads passphrases only from a terminal, so it runs under `script` (util-linux),
 * which gives it a pseudo-terminal and feeds that terminal from our stdin.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agePlaintext, exportAge } from './age-file';
import { requireProgram, run, withTempDir } from './interop-helpers';
import { ENTRY, NOW, SECRET } from './test-fixtures';

// Spaces, quotes and non-ASCII: the passphrase must reach age byte for byte through the terminal.
const PASSPHRASE = 'ümlaut "quoted" passphrase with spaces 42';


/** `script -qec CMD /dev/null`: quiet, run CMD, pass its exit code on, no typescript file. */
function ageDecrypt(dir: string, passphrase: string) {
  return run('script', ['-qec', 'age -d -o out.txt file.age', '/dev/null'], { cwd: dir, input: `${passphrase}\n` });
}

describe('age file decryption with age -d', () => {
  it('age and script are installed', () => {
    expect(requireProgram('age', 'age')).toMatch(/\d+\.\d+/);
    requireProgram('script', 'bsdutils');
  });

  it('decrypts with the passphrase to exactly the text we encrypted; a wrong passphrase fails', { timeout: 60_000 }, async () => {
    requireProgram('age', 'age');
    requireProgram('script', 'bsdutils');
    await withTempDir('tw-age-', async (dir) => {
      writeFileSync(join(dir, 'file.age'), await exportAge(ENTRY, { now: NOW, passphrase: PASSPHRASE }));

      const ok = ageDecrypt(dir, PASSPHRASE);
      expect(ok.status, `${ok.stdout}${ok.stderr}`).toBe(0);
      const out = readFileSync(join(dir, 'out.txt'), 'utf8');
      expect(out).toBe(agePlaintext(ENTRY, { now: NOW }));
      expect(out).toContain(`WHM_API_TOKEN=${SECRET}\n`);

      const wrong = ageDecrypt(dir, `${PASSPHRASE}x`);
      expect(wrong.status).not.toBe(0);
      expect(wrong.stdout).toMatch(/incorrect passphrase/);
    });
  });

  it('a wrong passphrase leaves no output file behind', { timeout: 60_000 }, async () => {
    requireProgram('age', 'age');
    await withTempDir('tw-age-', async (dir) => {
      writeFileSync(join(dir, 'file.age'), await exportAge(ENTRY, { now: NOW, passphrase: PASSPHRASE }));
      const wrong = ageDecrypt(dir, 'not it');
      expect(wrong.status).not.toBe(0);
      expect(existsSync(join(dir, 'out.txt'))).toBe(false);
    });
  });
});
