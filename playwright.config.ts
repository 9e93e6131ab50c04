import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './scripts/chromium-path.ts';
import type { SimPageOptions } from './whm-sim/page/spec-fixtures.ts';
import type { WhmPageOptions } from './tests/e2e/fixtures.ts';

// The simulator's own page tests run in a plain browser; the extension tests load the
// built extension (see tests/e2e/fixtures.ts). Both run against the simulator's page on
// AngularJS 1.4.4 (WHM 11.120's) by default. `sim-1.8` runs the page tests again on 1.8;
// the extension's `@core` tests run again on 1.8 and under a strict CSP inside the
// `extension` project (`coreTest` in tests/e2e/fixtures.ts), on the same workers.
export default defineConfig<SimPageOptions & WhmPageOptions>({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Every test starts its own simulator and gets the worker's browser reset
  // (tests/e2e/extension-browser.ts), so tests are independent; a file that is not says
  // so (`test.describe.configure({ mode: 'serial' })`).
  fullyParallel: true,
  // Three on this 2-core machine: a test spends much of its time waiting (on WHM's
  // simulator, a clipboard delay), so a third worker fills the cores: 259 s → 231 s for
  // the Chromium tests; a fourth gained nothing.
  workers: Number(process.env.TW_E2E_WORKERS ?? 3),
  // In CI one retry, so a single timing hiccup on a loaded machine does not block a
  // landing; the list reporter still names every test that needed it ("N flaky").
  // Locally none, so a flaky test shows up where it can be fixed.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    ignoreHTTPSErrors: true,
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // Tests are handed out in this order. The extension's, some of which wait out a
  // clipboard delay or WHM's timeout, go first; the simulator page's many short tests
  // last, so the workers finish together instead of one waiting out a long test alone.
  projects: [
    { name: 'extension', testDir: './tests/e2e', testMatch: '**/*.spec.ts' },
    { name: 'sim', testDir: './whm-sim', testMatch: '**/*.spec.ts' },
    { name: 'sim-1.8', testDir: './whm-sim', testMatch: '**/*.spec.ts', use: { angularVersion: '1.8' } },
    // The proof that the e2e fixtures reset the shared browser between tests (tests/e2e-reset/).
    ...(process.env.TW_RESET_PROOF ? [{ name: 'reset-proof', testDir: './tests/e2e-reset', testMatch: '**/*.spec.ts' }] : []),
  ],
});
