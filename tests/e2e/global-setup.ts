import { execFileSync } from 'node:child_process';

/** Every e2e run tests the extension as it is now: build the e2e variant first. */
export default function globalSetup(): void {
  if (process.env.TW_SKIP_BUILD === '1') return;
  execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit' });
}
