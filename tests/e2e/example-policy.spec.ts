import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';

/**
 * docs/policy-format.md tells a newcomer to start from examples/team.token-policy.json:
 * it must import as it is, through the options page's file input, and the page must show
 * each of its values as coming from the team file.
 */
const EXAMPLE = resolve(import.meta.dirname, '../../examples/team.token-policy.json');
const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));

test('the example team policy imports through the options page, and the page is accessible', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('policy-import').setInputFiles(EXAMPLE);
  await expect(options.locator('[data-testid=policy-status][data-state=ok]')).toContainText(example.name);
  await expect(options.getByTestId('weaker-policy')).toHaveCount(0);
  await expect(options.getByTestId('team-policy')).toContainText('team.token-policy.json');

  const source = (field: string) => options.locator(`[data-testid=policy-source][data-field="${field}"]`);
  for (const field of ['naming.pattern', 'expiry.maxDays', 'privileges.risky', 'clipboardClearSeconds']) {
    await expect(source(field)).toHaveAttribute('data-source', 'team');
  }
  await expect(source('vault.address')).toHaveAttribute('data-source', 'default');
  await expect(options.locator('tr[data-field="expiry.maxDays"] [data-testid=policy-value]')).toHaveText(String(example.expiry.maxDays));
  await expect(options.locator('tr[data-field="naming.pattern"] [data-testid=policy-value]')).toHaveText(example.naming.pattern);

  // One label per control, and the unit beside each day field.
  await expect(options.getByLabel('Maximum expiry', { exact: true })).toHaveAttribute('id', 'field-expiry-maxDays');
  await expect(options.locator('tr[data-field="expiry.maxDays"] .tw-input-addon')).toHaveText('days');

  const axe = await new AxeBuilder({ page: options }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
