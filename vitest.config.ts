import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Two projects: the extension's own code runs against WXT's fake browser; the WHM
// simulator is a plain Node HTTPS server and needs nothing of the extension world.
export default defineConfig({
  test: {
    // Worker threads, not forked processes, and one per core: Vitest's default leaves a
    // core free, which on this 2-core machine meant one file at a time (36 s against 21 s).
    pool: 'threads',
    maxWorkers: availableParallelism(),
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          // Answers browser.i18n.getMessage from locales/en.yml (see the file).
          setupFiles: ['tests/setup/english-messages.ts'],
          include: ['utils/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.ts'],
          exclude: ['**/*.sim.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'sim',
          environment: 'node',
          // Product code tested here (the WHM client) speaks through browser.i18n too.
          setupFiles: ['tests/setup/english-messages.ts'],
          // The simulator's own tests, and product code tested against the real simulator.
          include: ['whm-sim/**/*.test.ts', '**/*.sim.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
