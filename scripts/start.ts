/**
 * `npm start`: build the extension, start the WHM simulator with the demo scenario,
 * and open Chromium with Token Warden on the simulator's Manage API Tokens page.
 * Headed where there is a display, headless otherwise.
 *
 *   npm start                 keep running until the browser closes or Ctrl-C
 *   npm start -- --once       print what the banner found, save demo.png, exit
 *   npm start -- --scenario large-1k --port 2087
 *
 * The demo uses the e2e build, whose only difference is that the simulator's host
 * (127.0.0.1) is pre-granted; with the production build you would first click
 * "Enable Token Warden on 127.0.0.1" in the toolbar popup.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureChromium } from './ensure-chromium.ts';
import { bannerSummary, logInToTokensPage, openDemoBrowser } from './demo-browser.ts';

const { values: args } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'demo' },
    port: { type: 'string' },
    user: { type: 'string', default: 'reseller1' },
    pass: { type: 'string', default: 'resellerpass' },
    screenshot: { type: 'string', default: 'demo.png' },
    headless: { type: 'boolean' },
  },
});

// Without a display a headless browser shows nothing to anyone: say so before the
// build, so a newcomer on a server or in a container knows what to run instead.
const noDisplay = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux';
if (noDisplay && !args.once && args.headless === undefined) {
  console.log(
    [
      'No display found (DISPLAY is not set), so Chromium will run headless and you will not see it.',
      '  npm start -- --once      prints what the audit banner found, saves demo.png and exits',
      '  npm run screenshots      saves the banner, a fix dialog, the options page and the popup to docs/screenshots/',
      'Continuing headless; the simulator stays up until Ctrl-C.',
    ].join('\n'),
  );
}

const root = resolve(import.meta.dirname, '..');
ensureChromium();
execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit', cwd: root });

const headless = args.headless ?? (args.once || noDisplay);
const demo = await openDemoBrowser({ scenario: args.scenario, port: args.port ? Number(args.port) : undefined, headless });
console.log(`WHM simulator: ${demo.sim.loginUrl}  (log in as ${args.user} / ${args.pass})`);

const page = demo.context.pages()[0] ?? (await demo.context.newPage());
await logInToTokensPage(page, demo.sim, args.user, args.pass);
const banner = await bannerSummary(page);
console.log(`Banner: ${banner.line}`);
console.log(`Banner text: ${banner.text}`);

if (args.once) {
  await page.screenshot({ path: resolve(root, args.screenshot), fullPage: true });
  console.log(`Screenshot: ${args.screenshot}`);
  await demo.close();
  process.exit(banner.state === 'error' ? 1 : 0);
}

console.log(`Options page: chrome-extension://${demo.extensionId}/options.html (or chrome://extensions → Token Warden → Details → Extension options)`);
console.log(headless ? 'Running headless (no display). Ctrl-C to stop.' : 'Chromium is open. Close it or press Ctrl-C to stop.');
let stopping = false;
const stop = async () => {
  // Closing the browser fires 'close' again: stop once.
  if (stopping) return;
  stopping = true;
  await demo.close();
  process.exit(0);
};
demo.context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
