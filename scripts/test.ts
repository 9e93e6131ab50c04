/**
 * `npm test`: build, typecheck, unit tests (Vitest) and browser tests (Playwright) in
 * one go, ending with one line that sums them all: `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.ts';

const extraArgs = process.argv.slice(2);
const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;
const check = (name: string, ok: boolean) => {
  if (ok) passed += 1;
  else {
    failed += 1;
    console.error(`✗ ${name} failed`);
  }
};

const chromium = ensureChromium();
if (chromium) console.log(`Chromium: ${chromium}`);

check('production build', run('npx', ['wxt', 'build']) === 0);
check('e2e build', run('npx', ['wxt', 'build', '--mode', 'e2e']) === 0);
check('typecheck', run('npx', ['tsc', '--noEmit']) === 0);
check('Firefox build and web-ext lint with zero errors', firefoxLintErrors() === 0);

/** Builds the Firefox MV3 variant and returns web-ext lint's error count (warnings are printed, not counted). */
function firefoxLintErrors(): number {
  if (run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3']) !== 0) return 1;
  const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json'], { encoding: 'utf8' });
  try {
    const result = JSON.parse(lint.stdout) as { summary: { errors: number; warnings: number }; errors: Array<{ code: string; message: string; file?: string }> };
    console.log(`web-ext lint: ${result.summary.errors} errors, ${result.summary.warnings} warnings`);
    for (const e of result.errors) console.error(`  ${e.code} ${e.file ?? ''}: ${e.message}`);
    return result.summary.errors;
  } catch {
    console.error(`web-ext lint gave no report:\n${lint.stdout}\n${lint.stderr}`);
    return 1;
  }
}

const reports = mkdtempSync(join(tmpdir(), 'token-warden-reports-'));
const vitestJson = join(reports, 'vitest.json');
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that fails to load has no failed test but fails the run: count it.
  if (!r.success && r.numFailedTests === 0) check('vitest (a test file failed to run)', false);
} else check('vitest (no report)', false);

const playwrightJson = join(reports, 'playwright.json');
run('npx', ['playwright', 'test', '--reporter=list,json', ...extraArgs], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, TW_SKIP_BUILD: '1' });
if (existsSync(playwrightJson)) {
  const r = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  if (r.errors?.length) check('playwright (errors outside tests)', false);
} else check('playwright (no report)', false);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
