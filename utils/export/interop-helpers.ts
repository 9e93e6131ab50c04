// Test-only helpers for the interop proofs that run the real importers (keepassxc-cli, age).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fails (never skips) when a program is missing: a skipped interop test would let a
 * broken export pass CI unnoticed, and CI installs the Debian packages.
 */
export function requireProgram(program: string, debianPackage: string): string {
  const result = spawnSync(program, ['--version'], { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`'${program}' is not installed (${result.error.message}). Install the Debian package: sudo apt-get install ${debianPackage}`);
  }
  return `${result.stdout}${result.stderr}`.trim();
}

export function run(program: string, args: string[], options: { input: string; cwd?: string }) {
  const result = spawnSync(program, args, { encoding: 'utf8', input: options.input, cwd: options.cwd, timeout: 20_000 });
  if (result.error) throw result.error;
  return result;
}

/** Runs `body` in a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir(prefix: string, body: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
