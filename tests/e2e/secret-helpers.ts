import AxeBuilder from '@axe-core/playwright';
import type { Frame, FrameLocator, Page, Worker } from '@playwright/test';
import { simRequest } from '../../whm-sim/http-client.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { TEAM_POLICY_KEY } from '../../utils/policy/storage-keys.ts';
import { checkedPatternsItems, namingPatternOf } from '../../utils/policy/checked-patterns.ts';
import { expect } from './fixtures';

/** Our framed extension page (the secure step, a rotation, a revoke confirmation): every panel test id lives inside it. */
export function secureFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-testid=secure-frame]');
}

/**
 * Types into WHM's search and waits until its list shows only matching rows. WHM filters
 * 250 ms after the last keystroke (`debounce`) and the rows then move: a click sent
 * before that lands where a row was, on another row or on nothing.
 */
export async function searchWhm(page: Page, text: string): Promise<void> {
  await page.fill('#filterList_input', text);
  await expect
    .poll(() => page.locator('tr.token-row').evaluateAll((rows, needle) => rows.length > 0 && rows.every((row) => row.id.toLowerCase().includes(needle)), text.toLowerCase()))
    .toBe(true);
}

/** Creates a token through WHM's own Generate form and returns its secret (read from WHM's callout). */
export async function createViaWhm(page: Page, options: { name: string; preset?: string; ips?: string }): Promise<string> {
  await page.click('#generateToken');
  await expect(page.getByTestId('preset-picker')).toBeVisible();
  await page.fill('#token_name', options.name);
  await page.getByTestId('preset-picker').locator(`[data-preset=${options.preset ?? 'read-only-monitoring'}]`).click();
  if (options.ips) await page.fill('#whitelistIps', options.ips);
  // Seen a few times under full load: WHM's Save stayed disabled. Wait for it by name, and
  // say why WHM holds it, instead of a click that waits out the whole test.
  try {
    await expect(page.locator('#save_button')).toBeEnabled();
  } catch (error) {
    throw new Error(`WHM's Save stayed disabled: ${await whmFormState(page)}`, { cause: error });
  }
  await page.click('#save_button');
  await expect(page.locator('#tokenAdded_container')).toBeVisible();
  // WHM slides its notice in over 0.75 s. Playwright judges an element inside a frame
  // stable by its place in the frame, not the page, so a click during the slide misses.
  await expect(page.locator('#tokenAdded_container')).not.toHaveClass(/ng-hide-remove|ng-animate/);
  // Our panel, in our frame (or, in builds before the frames, in WHM's page).
  await expect.poll(async () => (await secureFrame(page).getByTestId('new-token-panel').count()) + (await page.getByTestId('new-token-panel').count())).toBeGreaterThan(0);
  const secret = (await page.locator('#tokenAdded_container code').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[0-9A-Z]{32}$/);
  return secret;
}

/** Why WHM's Save is disabled (`vm.saveDisabled()`: a pristine or invalid form, no privilege checked, a save running), read from AngularJS. */
async function whmFormState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const form = document.querySelector('form[name]');
    const ng = (window as unknown as { angular?: { element(el: Element): { controller(name: string): Record<string, unknown> | undefined } } }).angular;
    const controller = form && ng ? ng.element(form).controller('form') : undefined;
    const errors = (controller?.$error ?? {}) as Record<string, Array<{ $name: string }>>;
    return JSON.stringify({
      pristine: controller?.$pristine,
      invalid: controller?.$invalid,
      errors: Object.entries(errors).map(([kind, fields]) => `${kind}: ${fields.map((f) => f.$name).join(', ')}`),
      checkedAcls: document.querySelectorAll('input[id^="acl-checkbox-"]:checked').length,
      name: document.querySelector<HTMLInputElement>('#token_name')?.value,
      expires: document.querySelector<HTMLInputElement>('#tokenExpires_expiry')?.checked,
      date: document.querySelector<HTMLInputElement>('#expiresDate_datePicker_input')?.value ?? null,
    });
  });
}

/**
 * "I saved it" in our panel, then WHM's "Yes, I saved my token", as a person does it: after
 * the panel says saved and its frame has its new height. The frame reports its height a
 * message after its content changed (a closed "leave?" question shrinks it), and WHM's
 * button below it moves then: a click aimed before that lands where the button was.
 */
export async function markSavedThenConfirm(page: Page): Promise<void> {
  const frame = secureFrame(page);
  await frame.getByTestId('mark-saved').click();
  await expect(frame.getByTestId('saved-state')).toBeVisible();
  // Settled: the frame's box is as tall as its page, or (a height that flips between two
  // values settles on the larger, frame-link.ts) it stayed the same between two looks.
  let before = -1;
  await expect
    .poll(async () => {
      const shown = await page.locator('iframe[data-testid=secure-frame]').evaluate((el) => el.clientHeight);
      const content = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      const settled = shown === content || shown === before;
      before = shown;
      return settled;
    })
    .toBe(true);
  await page.click('#confirm_added_token');
}

/** Sets the user's own policy values (as the options page would). */
export async function setUserSettings(serviceWorker: Worker, settings: Record<string, unknown>): Promise<void> {
  await serviceWorker.evaluate(([value, record]) => chrome.storage.local.set({ 'tw:userSettings': value, ...record }), [settings, patternRecord(settings)] as const);
}

/** Imports a team policy file, as the options page would after checking it. */
export async function setTeamPolicy(serviceWorker: Worker, file: Record<string, unknown>): Promise<void> {
  await serviceWorker.evaluate(([key, value, record]) => chrome.storage.local.set({ [key]: { file: value, fileName: 'team.token-policy.json', importedAt: 1 }, ...record }), [TEAM_POLICY_KEY, file, patternRecord(file)] as const);
}

/**
 * The options page stores a layer with the record of its naming pattern, which it checked
 * in full; the background runs no other (utils/policy/checked-patterns.ts). The tests'
 * patterns are ones the check accepts; the options page's own tests check and record.
 */
function patternRecord(layer: Record<string, unknown>): Record<string, unknown> {
  const pattern = namingPatternOf(layer);
  return pattern === undefined ? {} : checkedPatternsItems([pattern]);
}

/** What the options page's "Allow pushes to …" stores: the one exact Vault origin pushes may go to. */
export async function approveVault(serviceWorker: Worker, origin: string): Promise<void> {
  await serviceWorker.evaluate((value) => chrome.storage.local.set({ 'tw:vaultOrigin': value }), origin);
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The frame's own Playwright handle, for what a locator cannot say (which element has the keyboard). */
export async function dialogFrame(page: Page): Promise<Frame> {
  const find = () => page.frames().find((frame) => frame.url().includes('/secure-frame.html'));
  await expect.poll(() => Boolean(find())).toBe(true);
  return find()!;
}

/** What has the keyboard inside our frame: its test id, else its preset, else its tag. */
export async function focusedInFrame(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.dataset.testid ?? (el?.dataset.preset !== undefined ? `preset:${el.dataset.preset}` : el?.dataset.keep !== undefined ? 'keep' : (el?.tagName ?? 'none'));
  });
}

/** What has the keyboard in WHM's page, looking into our open shadow roots: `testid|token`. */
export async function focusedInPage(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const h = el as HTMLElement | null;
    return `${h?.dataset.testid ?? h?.dataset.fix ?? h?.tagName ?? 'none'}|${h?.dataset.token ?? ''}`;
  });
}

/**
 * Tabs once round a modal dialog's frame, from what has the keyboard back to it, checking
 * at each step that the keyboard stayed in our iframe; then Shift+Tab and Tab must undo
 * each other across the wrap. Returns the test ids visited, the start last.
 */
export async function tabRound(page: Page, frame: Frame): Promise<string[]> {
  const start = await focusedInFrame(frame);
  const seen: string[] = [];
  for (let i = 0; i < 30 && seen.at(-1) !== start; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focusedInFrame(frame));
    // In WHM's page, the keyboard is in our iframe.
    expect(await focusedInPage(page)).toBe('secure-frame|');
  }
  expect(seen.at(-1), `Tab went ${seen.join(' → ')}`).toBe(start);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedInFrame(frame)).toBe(seen.at(-2) ?? start);
  await page.keyboard.press('Tab');
  expect(await focusedInFrame(frame)).toBe(start);
  return seen;
}

/** Serious and critical axe findings in WHM's page and inside our dialog's frame. */
export async function seriousAxeInDialog(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include({ fromFrames: [{ fromShadowDom: ['token-warden-frame', 'iframe[data-testid=secure-frame]'] }, 'body'] }).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every token of a simulator user as WHM's API lists it, read with a session of its own (not the extension's). */
export async function listedTokens(sim: Simulator, user = 'reseller1', pass = 'resellerpass'): Promise<Record<string, Record<string, unknown>>> {
  const session = await sim.login(user, pass);
  const res = await simRequest(`${sim.origin}/${session.cpsess}/json-api/api_token_list?api.version=1`, { headers: { cookie: session.cookieHeader } });
  return res.json<{ data: { tokens: Record<string, Record<string, unknown>> } }>().data.tokens;
}

/** The list without `names`: what a change to those tokens must leave exactly as it was. */
export function without(tokens: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tokens).filter(([name]) => !names.includes(name)));
}
