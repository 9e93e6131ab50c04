import type { Page } from '@playwright/test';
import { addLocalDays, endOfDayUnix, toDateInput } from '../../utils/expiry.ts';
import { BUILT_IN_PRESETS } from '../../utils/presets.ts';
import { DEMO_NOW, expect, test } from './fixtures';
import { setTeamPolicy, setUserSettings } from './secret-helpers';

/**
 * GitHub issue 15: the Generate form's markup is in the page before AngularJS binds it
 * (`formFirst`), as on a WHM page whose deferred loader starts the app late. Whatever we
 * set on the form before the bind would be overwritten by the controller's initial
 * model; the default and a preset must hold however late the app starts, and a choice
 * the user made first must be kept. `npm run test:form-race` runs this file 20 times
 * over (`--repeat-each 20`).
 */
const DEFAULT_DAYS = 45;

/** Straight to the Generate view (after logging in), whose markup arrives before the app. */
async function openGenerateFirst(page: Page): Promise<void> {
  await page.goto(page.url().replace(/\/home$/, '/edit'));
}

/** Picks a built-in preset as soon as the picker offers it, which may be before AngularJS has bound anything. */
async function pickPresetAtOnce(page: Page, id: string) {
  const preset = BUILT_IN_PRESETS.find((p) => p.id === id)!;
  await page.getByTestId('preset-picker').locator(`[data-preset=${preset.id}]`).click();
  return preset;
}

/** AngularJS has bound the form: ngModel marks its inputs pristine or dirty when it links them. */
async function formBound(page: Page): Promise<void> {
  await expect(page.locator('#token_name')).toHaveClass(/ng-(pristine|dirty)/, { timeout: 15_000 });
}

for (const bootDelayMs of [0, 200, 1000]) {
  test.describe(`AngularJS binding the form ${bootDelayMs} ms late`, () => {
    test.use({ simOptions: { scenario: 'demo', now: DEMO_NOW, formFirst: true, bootDelayMs } });

    test('the expiry default holds, and WHM stores the end of that day', async ({ serviceWorker, openTokensPage, sim }) => {
      await setUserSettings(serviceWorker, { expiry: { defaultDays: DEFAULT_DAYS } });
      const page = await openTokensPage();
      await openGenerateFirst(page);
      await formBound(page);
      const date = toDateInput(addLocalDays(new Date(), DEFAULT_DAYS));
      await expect(page.locator('#tokenExpires_expiry')).toBeChecked();
      await expect(page.locator('#expiresDate_datePicker_input')).toHaveValue(date);
      // Still true a moment later: nothing of AngularJS's start-up undid it.
      await page.waitForTimeout(300);
      await expect(page.locator('#tokenExpires_expiry')).toBeChecked();

      await page.fill('#token_name', `ops-race-${bootDelayMs}`);
      await page.click('#save_button');
      await expect(page.locator('#tokenAdded_container')).toBeVisible();
      expect(sim.state.tokens.find((t) => t.name === `ops-race-${bootDelayMs}`)?.expiresAt).toBe(endOfDayUnix(date));
    });

    test('a preset chosen as soon as it is offered sets exactly its ACLs', async ({ openTokensPage, sim }) => {
      const page = await openTokensPage();
      await openGenerateFirst(page);
      const preset = await pickPresetAtOnce(page, 'account-suspension');
      await formBound(page);
      const checkedAcls = () => page.locator('input[id^="acl-checkbox-"]:checked').evaluateAll((els) => els.map((el) => el.id.slice(13)).sort());
      await expect.poll(checkedAcls).toEqual([...preset.acls].sort());
      await page.fill('#token_name', `ops-preset-${bootDelayMs}`);
      await page.click('#save_button');
      await expect(page.locator('#tokenAdded_container')).toBeVisible();
      expect([...(sim.state.tokens.find((t) => t.name === `ops-preset-${bootDelayMs}`)?.acls ?? [])].sort()).toEqual([...preset.acls].sort());
    });
  });
}

test.describe('a choice made before AngularJS starts', () => {
  test.use({ simOptions: { scenario: 'demo', now: DEMO_NOW, formFirst: true, bootDelayMs: 1000 } });

  test('“never” picked before the bind stays picked', async ({ openTokensPage, sim }) => {
    const page = await openTokensPage();
    await openGenerateFirst(page);
    // The markup is there, the app is not yet: the user picks "never" (the default policy allows it).
    await expect(page.locator('#token_name')).not.toHaveClass(/ng-pristine/);
    await page.locator('#tokenExpires_noExpiry').check();
    await formBound(page);
    await page.waitForTimeout(500);
    await expect(page.locator('#tokenExpires_noExpiry')).toBeChecked();
    await expect(page.locator('#expiresDate_datePicker_input')).toHaveCount(0);
    await page.fill('#token_name', 'ops-never');
    await page.click('#save_button');
    await expect(page.locator('#tokenAdded_container')).toBeVisible();
    expect(sim.state.tokens.find((t) => t.name === 'ops-never')?.expiresAt).toBeNull();
  });

  test('a name built from the template before the bind is kept, and WHM stores it', async ({ serviceWorker, openTokensPage, sim }) => {
    await setTeamPolicy(serviceWorker, { version: 1, naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' } });
    const page = await openTokensPage();
    await openGenerateFirst(page);
    await page.locator('[data-field=team]').fill('ops');
    await page.locator('[data-field=purpose]').fill('late bind');
    await page.getByTestId('use-name').click();
    // Used while the app had not started: the bind that follows empties WHM's field.
    await expect(page.locator('#token_name')).not.toHaveClass(/ng-(pristine|dirty)/);
    const name = `ops-late-bind-${toDateInput(new Date()).replace(/-/g, '')}`;
    await formBound(page);
    await page.waitForTimeout(800);
    await expect(page.locator('#token_name')).toHaveValue(name);
    await expect(page.getByTestId('name-check')).toHaveAttribute('data-valid', 'true');
    await page.click('#save_button');
    await expect(page.locator('#tokenAdded_container')).toBeVisible();
    expect(sim.state.tokens.some((t) => t.name === name)).toBe(true);
  });

  test('a box the user changes after a preset applied is not set back', async ({ openTokensPage, sim }) => {
    const page = await openTokensPage();
    await openGenerateFirst(page);
    const preset = await pickPresetAtOnce(page, 'account-suspension');
    await formBound(page);
    const dropped = preset.acls[0]!;
    const box = page.locator(`#acl-checkbox-${dropped}`);
    await expect(box).toBeChecked();
    // At once, before our check after the bind: the user's own click wins over the preset.
    await box.uncheck();
    await page.waitForTimeout(1000);
    await expect(box).not.toBeChecked();
    await page.fill('#token_name', 'ops-preset-edited');
    await page.click('#save_button');
    await expect(page.locator('#tokenAdded_container')).toBeVisible();
    const stored = sim.state.tokens.find((t) => t.name === 'ops-preset-edited')?.acls ?? [];
    expect([...stored].sort()).toEqual(preset.acls.filter((acl) => acl !== dropped).sort());
  });
});
