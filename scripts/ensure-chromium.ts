import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumExecutable } from './chromium-path.ts';

/**
 * Finds a Chromium that can load an unpacked extension, installing one when missing:
 * Debian's package when we are root with apt (the only way on machines without
 * internet beyond package registries), else Playwright's own Chromium.
 */
export function ensureChromium(): string | undefined {
  const found = chromiumExecutable();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian’s chromium package…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return chromiumExecutable();
  }
  console.log('No Chromium found: installing Playwright’s Chromium…');
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  return undefined; // Playwright then uses its own.
}
