import { defineConfig } from '@playwright/test';
import { chromiumExecutable } from './scripts/chromium-path.ts';

// Two projects share one Chromium: the simulator's own page tests run in a plain
// browser; the extension tests load the built extension (see tests/e2e/fixtures.ts).
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
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
  projects: [
    { name: 'sim', testDir: './whm-sim', testMatch: '**/*.spec.ts' },
    { name: 'extension', testDir: './tests/e2e', testMatch: '**/*.spec.ts' },
  ],
});
