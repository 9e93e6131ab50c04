/**
 * `npm test`: build, typecheck, unit tests (Vitest) and browser tests (Playwright) in
 * one go, ending with one line that sums them all: `N passed, N failed`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.ts';

const extraArgs = process.argv.slice(2);

/**
 * Runs a command and resolves with its exit status. A stage that runs beside another
 * (`quiet`) keeps its output and prints it in one piece when it ends, so two stages'
 * lines never interleave.
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, options: { quiet?: boolean } = {}): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => {
      console.error(`${cmd}: ${error.message}`);
      done(1);
    });
    child.on('close', (status) => {
      if (output.length) process.stdout.write(Buffer.concat(output));
      done(status ?? 1);
    });
  });
}

let passed = 0;
let failed = 0;
const check = (name: string, ok: boolean) => {
  if (ok) passed += 1;
  else {
    failed += 1;
    console.error(`✗ ${name} failed`);
  }
};

/** Wall time per stage, printed at the end so a slow stage is plain to see. */
const stages: Array<[string, number]> = [];
const suiteStart = performance.now();
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    stages.push([name, performance.now() - start]);
  }
}

const chromium = ensureChromium();
if (chromium) console.log(`Chromium: ${chromium}`);

// The typecheck (one tsc, 18-20 s) runs beside the builds (four wxt builds and
// web-ext lint, one after another): on two cores that takes the longer of the two, not
// their sum. tsc only reads .wxt/, which a build rewrites only when it changed.
await Promise.all([
  timed('builds (Chrome, Chrome e2e, Firefox, Firefox e2e) and web-ext lint', async () => {
    check('production build', (await run('npx', ['wxt', 'build'])) === 0);
    check('e2e build', (await run('npx', ['wxt', 'build', '--mode', 'e2e'])) === 0);
    check('Firefox build and web-ext lint: no errors, no warnings of ours', (await firefoxLintProblems()) === 0);
    check('Firefox e2e build', (await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'])) === 0);
  }),
  timed('typecheck (beside the builds)', async () => check('typecheck', (await run('npx', ['tsc', '--noEmit'], {}, { quiet: true })) === 0)),
]);

/**
 * Builds the Firefox MV3 variant and returns web-ext lint's errors plus the warnings
 * that are ours. Not ours: Preact's renderer assigns innerHTML for
 * `dangerouslySetInnerHTML`, which the linter flags wherever Preact is bundled; our code
 * never passes it (those warnings are printed, not counted).
 */
async function firefoxLintProblems(): Promise<number> {
  if ((await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'])) !== 0) return 1;
  const dir = '.output/firefox-mv3';
  const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json'], { encoding: 'utf8' });
  type Message = { code: string; message: string; file?: string; line?: number; column?: number };
  try {
    const result = JSON.parse(lint.stdout) as { summary: { errors: number; warnings: number }; errors: Message[]; warnings: Message[] };
    const isPreacts = (w: Message) => {
      if (w.code !== 'UNSAFE_VAR_ASSIGNMENT' || !w.file || !w.line || w.column === undefined) return false;
      const line = readFileSync(join(dir, w.file), 'utf8').split('\n')[w.line - 1] ?? '';
      const around = line.slice(Math.max(0, w.column - 400), w.column + 40);
      return around.includes('dangerouslySetInnerHTML') && /\.innerHTML=\w+\.__html/.test(around);
    };
    const ours = result.warnings.filter((w) => !isPreacts(w));
    console.log(`web-ext lint: ${result.summary.errors} errors, ${result.summary.warnings} warnings (${ours.length} of them ours)`);
    for (const m of [...result.errors, ...ours]) console.error(`  ${m.code} ${m.file ?? ''}: ${m.message}`);
    return result.summary.errors + ours.length;
  } catch {
    console.error(`web-ext lint gave no report:\n${lint.stdout}\n${lint.stderr}`);
    return 1;
  }
}

const reports = mkdtempSync(join(tmpdir(), 'token-warden-reports-'));
/** Runs Vitest with `args` and adds its tests to the sums. */
async function vitest(name: string, args: string[], options: { quiet?: boolean } = {}): Promise<void> {
  const json = join(reports, `${name}.json`);
  await run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`], {}, options);
  if (!existsSync(json)) return check(`${name} (no report)`, false);
  const r = JSON.parse(readFileSync(json, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that fails to load has no failed test but fails the run: count it.
  if (!r.success && r.numFailedTests === 0) check(`${name} (a test file failed to run)`, false);
}

// Vitest first, alone: some of its tests are heavy on the CPU (age's scrypt, property
// tests, the pattern analyser) and, run beside the browsers on 2 cores, took 146 s
// instead of 21 and timed out once. Alone on every core it is the shortest stage.
await timed('unit and simulator tests (Vitest)', () => vitest('vitest', []));

const playwrightJson = join(reports, 'playwright.json');
async function chromiumE2e(): Promise<void> {
  await run('npx', ['playwright', 'test', '--reporter=list,json', ...extraArgs], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, TW_SKIP_BUILD: '1' });
  if (existsSync(playwrightJson)) {
    const r = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] };
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    if (r.errors?.length) check('playwright (errors outside tests)', false);
  } else check('playwright (no report)', false);
}

// The core flows in real Firefox ESR (tests/firefox/, puppeteer-core over WebDriver
// BiDi), against the two Firefox builds made above, run beside the Chromium tests: those
// wait much of the time (on the simulator, a clipboard delay, WHM's timeout), and the
// cores are free meanwhile. Firefox's output is printed when it ends.
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
await Promise.all([
  timed('e2e in Chromium (Playwright)', chromiumE2e),
  existsSync(firefox)
    ? timed('e2e in Firefox ESR (Puppeteer, beside Chromium)', () => vitest('firefox', ['--config', 'vitest.firefox.config.ts'], { quiet: true }))
    : check(`Firefox tests (no Firefox at ${firefox}: apt-get install firefox-esr, or set FIREFOX_PATH)`, false),
]);

console.log('\nWall time per stage:');
for (const [name, ms] of stages) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
console.log(`  ${((performance.now() - suiteStart) / 1000).toFixed(1).padStart(6)} s  in all`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
