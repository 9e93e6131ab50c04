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
import { extensionServiceWorker, launchWithExtension } from './launch-chromium.ts';
import { ensureChromium } from './ensure-chromium.ts';
import { startSimulator } from '../whm-sim/server.ts';

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

const root = resolve(import.meta.dirname, '..');
ensureChromium();
execFileSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit', cwd: root });

const sim = await startSimulator({ scenario: args.scenario, port: args.port ? Number(args.port) : undefined });
console.log(`WHM simulator: ${sim.loginUrl}  (log in as ${args.user} / ${args.pass})`);

const headless = args.headless ?? (args.once || !process.env.DISPLAY);
const context = await launchWithExtension(resolve(root, '.output/chrome-mv3-e2e'), { headless });
const worker = await extensionServiceWorker(context);
// Wait until the background has registered the content script for the simulator's host.
for (let i = 0; i < 100; i++) {
  if ((await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) > 0) break;
  await new Promise((r) => setTimeout(r, 50));
}

const page = context.pages()[0] ?? (await context.newPage());
await page.goto(sim.loginUrl);
await page.fill('input[name=user]', args.user);
await page.fill('input[name=pass]', args.pass);
await Promise.all([page.waitForURL(/\/apitokens\/home/), page.click('[type=submit]')]);

const banner = page.getByTestId('audit-banner');
await banner.and(page.locator(':not([data-state=loading])')).waitFor({ timeout: 30_000 });
const state = await banner.getAttribute('data-state');
const total = await banner.getAttribute('data-total');
const attention = await banner.getAttribute('data-attention');
const findings = await page.locator('[data-testid=audit-banner] [data-finding]').evaluateAll((els) =>
  els.map((el) => `${el.getAttribute('data-finding')}=${el.getAttribute('data-count')}`),
);
console.log(`Banner: state=${state} total=${total ?? '-'} attention=${attention ?? '-'}${findings.length ? ` findings: ${findings.join(' ')}` : ''}`);
console.log(`Banner text: ${(await banner.innerText()).replace(/\s+/g, ' ').trim()}`);

if (args.once) {
  await page.screenshot({ path: resolve(root, args.screenshot), fullPage: true });
  console.log(`Screenshot: ${args.screenshot}`);
  await context.close();
  await sim.close();
  process.exit(state === 'error' ? 1 : 0);
}

console.log(headless ? 'Running headless (no display). Ctrl-C to stop.' : 'Chromium is open. Close it or press Ctrl-C to stop.');
const stop = async () => {
  await context.close().catch(() => undefined);
  await sim.close();
  process.exit(0);
};
context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
