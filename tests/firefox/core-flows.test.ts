import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addLocalDays, endOfDayUnix, toDateInput } from '../../utils/expiry.ts';
import { DEFAULT_POLICY } from '../../utils/policy/defaults.ts';
import { checkedPatternsItems } from '../../utils/policy/checked-patterns.ts';
import { TEAM_POLICY_KEY, USER_SETTINGS_KEY } from '../../utils/policy/storage-keys.ts';
import { BUILT_IN_PRESETS } from '../../utils/presets.ts';
import { startSimulator, type SimOptions, type Simulator } from '../../whm-sim/server.ts';
import { auditOfSimulator, expectedBadges, readRowBadges } from '../e2e/audit-helpers.ts';
import { FIREFOX_E2E_DIR, launchFirefox, type Firefox } from './firefox.ts';
import { attr, banner, bannerCounts, count, createViaWhm, DEMO_NOW, enableServer, logIn, POLL, secureFrame, setUserSettings, text } from './whm.ts';

/**
 * The core flows in real Firefox ESR, with the e2e build (production plus pre-granted
 * loopback hosts), against the simulator. One Firefox for the file — starting it is the
 * slow part — and a fresh simulator, fresh pages and fresh settings for every test.
 */
let ff: Firefox;
let sim: Simulator | undefined;

beforeAll(async () => {
  ff = await launchFirefox(FIREFOX_E2E_DIR);
  console.log(`Firefox figures: browser launch ${ff.launchMs} ms, extension install ${ff.installMs} ms`);
});
afterAll(async () => {
  await ff?.close();
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  await ff.closePages();
  await ff.inExtension((keys) => chrome.storage.local.remove(keys), [USER_SETTINGS_KEY, TEAM_POLICY_KEY]);
});

/** A simulator for this test, enabled in the extension, and WHM's page logged in. */
async function openTokensPage(options: SimOptions = {}): Promise<{ page: Page; sim: Simulator; submittedAt: number }> {
  sim = await startSimulator({ scenario: 'demo', now: DEMO_NOW, ...options });
  await enableServer(ff, sim.origin);
  return { sim, ...(await logIn(ff, sim)) };
}

async function bannerMatchesWhm(page: Page, sim: Simulator): Promise<void> {
  await expect.poll(() => attr(page, banner, 'data-state'), POLL).toMatch(/attention|ok/);
  const expected = await auditOfSimulator(sim, Number(await attr(page, banner, 'data-now')));
  await expect.poll(() => attr(page, banner, 'data-total'), POLL).toBe(String(expected.summary.total));
  expect(await attr(page, banner, 'data-attention')).toBe(String(expected.summary.attention));
  await expect.poll(() => bannerCounts(page), POLL).toEqual(expected.summary.counts);
  const rows = await page.$$eval('tr.token-row', (els) => els.map((el) => el.id));
  expect(rows.length).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(readRowBadges), POLL).toEqual(expectedBadges(expected, rows));
}

describe('in Firefox', () => {
  it('the banner’s counts and the row badges match the audit engine, and follow WHM’s own Refresh', async () => {
    const { page, sim, submittedAt } = await openTokensPage();
    await page.waitForSelector(`${banner}[data-state=attention]`, { timeout: 15_000 });
    console.log(`Firefox figures: first banner ${Date.now() - submittedAt} ms after the login form was sent`);
    // Expiry is judged by WHM's clock (its Date header), here the simulator's frozen one.
    expect(await attr(page, banner, 'data-now')).toBe(String(sim.now()));
    await bannerMatchesWhm(page, sim);
    // Our CSS reaches our shadow roots here too: one constructed sheet shared by every
    // row, or a <style> in each where Firefox will not adopt a sheet from a content script.
    const styles = await page.evaluate(() => {
      const box = document.querySelector('token-warden-banner')?.shadowRoot?.querySelector('.tw-banner');
      const critical = [...document.querySelectorAll('token-warden-findings')].map((host) => host.shadowRoot?.querySelector('[data-level=critical]')).find(Boolean);
      return { banner: box ? getComputedStyle(box).borderLeftWidth : null, critical: critical ? getComputedStyle(critical).backgroundColor : null };
    });
    expect(styles).toEqual({ banner: '6px', critical: 'rgb(253, 236, 234)' });
    const before = Number(await attr(page, banner, 'data-total'));
    expect(await attr(page, `${banner} [data-finding=expired]`, 'data-count')).toBe('2');

    // Another admin revokes an expired token; WHM's page learns of it on its own Refresh.
    await page.evaluate(() => ((window as unknown as { twMarker: number }).twMarker = 42));
    sim.state.tokens = sim.state.tokens.filter((t) => t.name !== 'MyOldToken');
    await page.locator('#gearMenu').click();
    await page.locator('#refreshList').click();
    await expect.poll(() => attr(page, banner, 'data-total'), POLL).toBe(String(before - 1));
    expect(await attr(page, `${banner} [data-finding=expired]`, 'data-count')).toBe('1');
    await bannerMatchesWhm(page, sim);
    // Followed without a reload of WHM's page.
    expect(await page.evaluate(() => (window as unknown as { twMarker?: number }).twMarker)).toBe(42);
  });

  it('a preset sets exactly its ACLs and expiry, and WHM receives exactly those', async () => {
    const { page, sim } = await openTokensPage();
    await page.locator('#generateToken').click();
    await page.waitForSelector('pierce/[data-testid=preset-picker] [data-preset]');
    // The policy's default is applied as the form opens.
    const defaultDate = toDateInput(addLocalDays(new Date(), DEFAULT_POLICY.expiry.defaultDays));
    await expect.poll(() => page.$eval('#expiresDate_datePicker_input', (el) => (el as HTMLInputElement).value), POLL).toBe(defaultDate);

    const preset = BUILT_IN_PRESETS.find((p) => p.id === 'account-suspension')!;
    await page.locator('#token_name').fill('ops-suspender-20261128');
    await page.locator(`pierce/[data-testid=preset-picker] [data-preset=${preset.id}]`).click();
    const checked = () => page.$$eval('input[id^="acl-checkbox-"]:checked', (els) => els.map((el) => el.id.slice('acl-checkbox-'.length)).sort());
    await expect.poll(checked, POLL).toEqual([...preset.acls].sort());
    const date = toDateInput(addLocalDays(new Date(), Math.min(preset.expiryDays ?? DEFAULT_POLICY.expiry.defaultDays, DEFAULT_POLICY.expiry.maxDays)));
    expect(await page.$eval('#expiresDate_datePicker_input', (el) => (el as HTMLInputElement).value)).toBe(date);

    await page.locator('#save_button').click();
    await page.waitForSelector('#tokenAdded_container', { visible: true });
    const stored = sim.state.tokens.find((t) => t.name === 'ops-suspender-20261128');
    expect(stored?.fullAccess).toBe(false);
    expect([...(stored?.acls ?? [])].sort()).toEqual([...preset.acls].sort());
    expect(stored?.expiresAt).toBe(endOfDayUnix(date));
  });

  it('in block mode an off-pattern name holds WHM’s Save until it is fixed', async () => {
    // With the record of its pattern, as the options page stores a file it checked (utils/policy/checked-patterns.ts).
    const pattern = '^(ops|billing)-[a-z0-9-]+-\\d{8}$';
    await ff.inExtension(
      ([key, file, record]) => chrome.storage.local.set({ [key]: { file, fileName: 'acme.token-policy.json', importedAt: 1 }, ...record }),
      [TEAM_POLICY_KEY, { version: 1, name: 'Acme ops', enforcement: 'block', naming: { pattern, hint: 'team-purpose-YYYYMMDD' } }, checkedPatternsItems([pattern])] as const,
    );
    const { page, sim } = await openTokensPage();
    await page.locator('#generateToken').click();
    await page.waitForSelector('pierce/[data-testid=preset-picker] [data-preset]');
    await page.locator('pierce/[data-testid=preset-picker] [data-preset=read-only-monitoring]').click();
    await page.locator('#token_name').fill('MyScript');
    await expect.poll(() => attr(page, 'pierce/[data-testid=name-check]', 'data-valid'), POLL).toBe('false');
    expect(await text(page, 'pierce/[data-testid=name-check]')).toContain('team-purpose-YYYYMMDD');
    const before = sim.state.tokens.length;
    await page.locator('#save_button').click();
    await page.focus('#token_name');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(page, 'pierce/[data-testid=form-policy]', 'data-blocked'), POLL).toBe('true');
    expect(await text(page, 'pierce/[data-testid=form-policy]')).toMatch(/Saving is held[\s\S]*Acme ops|Acme ops[\s\S]*Saving is held/);
    expect(await page.$eval('#tokenAdded_container', (el) => getComputedStyle(el).display)).toBe('none');
    expect(sim.state.tokens.length).toBe(before);

    // Fixing the name releases Save.
    await page.locator('#token_name').fill('ops-monitor-20261128');
    await expect.poll(() => attr(page, 'pierce/[data-testid=name-check]', 'data-valid'), POLL).toBe('true');
    await page.locator('#save_button').click();
    await page.waitForSelector('#tokenAdded_container', { visible: true });
    expect(sim.state.tokens.some((t) => t.name === 'ops-monitor-20261128')).toBe(true);
  });

  it('the secure step: copy, and the clipboard is cleared after the policy’s delay, and the panel says so', async () => {
    await setUserSettings(ff, { clipboardClearSeconds: 10 });
    const { page } = await openTokensPage();
    const { secret, frame } = await createViaWhm(page, { name: 'ops-copy-20261128' });
    expect(await text(frame, '[data-testid=new-token-panel]')).not.toContain(secret);
    await frame.locator('[data-testid=copy-token]').click();
    await expect.poll(() => ff.readClipboard(), POLL).toBe(secret);
    const copiedAt = Date.now();
    await expect.poll(() => text(frame, '[data-testid=clipboard-note]'), POLL).toMatch(/paste it .* now.* 10 s/i);
    await expect.poll(() => ff.readClipboard(), { timeout: 15_000, interval: 250 }).toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(9_000);
    await expect.poll(() => text(frame, '[data-testid=clipboard-note]'), POLL).toBe('Clipboard cleared.');
  });

  it('the secure step: an export read back from disk, and the token test', async () => {
    const { page, sim } = await openTokensPage();
    const { secret, frame } = await createViaWhm(page, { name: 'ops-export-20261128' });
    await frame.locator('[data-export=dotenv]').click();
    await expect.poll(() => ff.finishedDownloads(), POLL).toHaveLength(1);
    const [fileName] = ff.finishedDownloads();
    expect(fileName).toMatch(/127\.0\.0\.1.*ops-export-20261128.*\d{4}-\d{2}-\d{2}/);
    expect(readFileSync(join(ff.downloadDir, fileName!), 'utf8')).toMatch(new RegExp(`^WHM_API_TOKEN=${secret}$`, 'm'));
    await expect.poll(() => text(frame, '[data-testid=export-result]'), POLL).toMatch(/plain text/);
    // An export is a stored secret: WHM's "Yes, I saved my token" goes straight through.
    expect(await attr(frame, '[data-testid=new-token-panel]', 'data-saved')).toBe('true');

    await frame.locator('[data-testid=test-token]').click();
    await expect.poll(() => attr(frame, '[data-testid=test-result]', 'data-result'), POLL).toBe('ok');
    expect(sim.requests.filter((r) => r.auth === 'token').map((r) => r.fn)).toEqual(expect.arrayContaining(['version', 'listaccts']));
    await page.locator('#confirm_added_token').click();
    await page.waitForSelector('#tokenTable', { visible: true });
  });

  it('an event page suspended while the panel is open loses nothing: test and copy still work, the clear still happens on time', async () => {
    await setUserSettings(ff, { clipboardClearSeconds: 10 });
    const { page } = await openTokensPage();
    const { secret, frame } = await createViaWhm(page, { name: 'ops-asleep-20261128' });
    // What Firefox does to an idle event page after 30 s: the frame holds the secret, not the page.
    expect(await ff.suspendEventPage()).toBe('stopped');
    await frame.locator('[data-testid=test-token]').click();
    await expect.poll(() => attr(frame, '[data-testid=test-result]', 'data-result'), POLL).toBe('ok');
    await frame.locator('[data-testid=copy-token]').click();
    await expect.poll(() => ff.readClipboard(), POLL).toBe(secret);
    const copiedAt = Date.now();
    // Once the clear is arranged (the countdown shows), the event page may go again.
    await frame.waitForSelector('[data-testid=clipboard-countdown]');
    expect(await ff.suspendEventPage()).toBe('stopped');
    await expect.poll(() => ff.readClipboard(), { timeout: 14_000, interval: 250 }).toBe('');
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(9_000);
    await expect.poll(() => text(frame, '[data-testid=clipboard-note]'), POLL).toBe('Clipboard cleared.');
  });

  it('a rotation: the replacement has the same ACLs and allowlist, the old one is revoked only after confirmation', async () => {
    const { page, sim } = await openTokensPage();
    await page.waitForSelector(`${banner}[data-state=attention]`);
    const oldName = 'ops-monitoring-20250815';
    const old = sim.state.tokens.find((t) => t.name === oldName)!;
    await page.locator('#filterList_input').fill(oldName);
    await expect.poll(() => count(page, 'tr.token-row'), POLL).toBe(1);
    await page.locator(`pierce/[data-testid=rotate-token][data-token="${oldName}"]`).click();
    let frame = await secureFrame(page);
    await frame.waitForSelector('[data-testid=rotate-dialog]');
    // The replacement's name, as the dialog proposes it.
    const newName = await frame.$eval('[data-testid=rotate-name]', (el) => (el as HTMLInputElement).value);
    expect(newName).not.toBe(oldName);
    await frame.locator('[data-testid=rotate-create]').click();
    await frame.waitForSelector('[data-testid=new-token-panel]');
    const created = sim.state.tokens.find((t) => t.owner === 'reseller1' && t.name === newName);
    expect(created, 'the replacement exists in WHM').toBeTruthy();
    const carriedOver = (t: typeof old) => ({ acls: [...t.acls].sort(), fullAccess: t.fullAccess, whitelistIps: t.whitelistIps });
    expect(carriedOver(created!)).toEqual(carriedOver(old));
    expect(created!.expiresAt).not.toBeNull();
    // The old token stays until the person confirms.
    expect(sim.state.tokens.some((t) => t.name === oldName)).toBe(true);

    await frame.locator('[data-testid=test-token]').click();
    await expect.poll(() => attr(frame, '[data-testid=test-result]', 'data-result'), POLL).toBe('ok');
    expect(await frame.$eval('[data-testid=revoke-old]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    await frame.locator('[data-testid=confirm-switched]').click();
    await frame.locator('[data-testid=revoke-old]').click();
    await expect.poll(() => attr(frame, '[data-testid=rotate-result]', 'data-outcome'), POLL).toBe('revoked');
    expect(sim.state.tokens.some((t) => t.name === oldName)).toBe(false);

    await frame.locator('[data-testid=mark-saved]').click();
    await frame.locator('[data-testid=close-panel]').click();
    await expect.poll(() => count(page, 'pierce/iframe[data-testid=secure-frame]'), POLL).toBe(0);
    await expect.poll(() => count(page, `tr.token-row[id="${oldName}"]`), POLL).toBe(0);
    await page.locator('#filterList_input').fill(created!.name);
    await expect.poll(() => count(page, `tr.token-row[id="${created!.name}"]`), POLL).toBe(1);
  });

  it('a lost session shows the session-lost state, not 0 tokens', async () => {
    const { page, sim } = await openTokensPage({ lostSession: 'invalid-token' });
    await page.waitForSelector(`${banner}[data-state=attention]`);
    // WHM's views re-render on a route change; the banner reads the list again then.
    await page.locator('#generateToken').click();
    await page.waitForSelector('#cancel_generate_button', { visible: true });
    sim.expireSessions();
    await page.locator('#cancel_generate_button').click();
    await expect.poll(() => attr(page, 'pierce/[data-testid=audit-error]', 'data-kind'), POLL).toBe('session');
    expect(await attr(page, banner, 'data-state')).toBe('error');
    expect(await attr(page, banner, 'data-total')).toBeNull();
    expect(await text(page, 'pierce/[data-testid=audit-error]')).toMatch(/log in/i);
  });
});
