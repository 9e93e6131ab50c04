import { defineConfig } from 'vitest/config';

/**
 * `npm run test:firefox`: the core flows in real Firefox ESR (tests/firefox/), driven by
 * puppeteer-core over WebDriver BiDi. Plain Node, no fake browser: the extension runs in
 * Firefox itself. Files one after another (each starts its own Firefox), with timeouts
 * for a real browser and a clipboard delay measured in seconds. Needs the Firefox builds
 * (`npm test` makes them; see the README's Firefox section).
 */
export default defineConfig({
  test: {
    name: 'firefox',
    environment: 'node',
    include: ['tests/firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
