import { messagesOf } from '../locale-messages';
import { expect, test } from './fixtures';

/**
 * The second locale end to end: Chromium in Brazilian Portuguese picks our pt_BR
 * messages, and every screen — the banner, the Generate form, the options page and the
 * problems of a refused policy file — speaks Portuguese, with dates and numbers to match.
 */
test.use({ browserArgs: ['--lang=pt-BR'] });

const getMessage = await messagesOf('pt_BR');
/** A pt_BR message as the extension shows it (plural forms split on " | ", as @wxt-dev/i18n does). */
function pt(key: string, substitutions: string[] = [], count?: number): string {
  const message = getMessage(key.replaceAll('.', '_'), substitutions);
  if (!message) throw new Error(`pt_BR has no message ${key}`);
  return count === undefined ? message : message.split(' | ')[count === 1 ? 0 : 1]!;
}

test('banner, Generate form and options page speak Portuguese in a Portuguese browser', async ({ context, extensionId, openTokensPage }) => {
  const page = await openTokensPage();
  const banner = page.getByTestId('audit-banner');
  await expect(banner).toHaveAttribute('data-state', 'attention');
  const attention = Number(await banner.getAttribute('data-attention'));
  const total = Number(await banner.getAttribute('data-total'));
  await expect(banner.locator('#tw-title')).toHaveText(pt('banner.headline.attention', [String(attention), String(total)], total));
  await expect(banner.getByTestId('export-report-csv')).toHaveText(pt('banner.exportCsv'));

  await page.click('#generateToken');
  const risky = page.locator('token-warden-acl-warning[data-acl="passwd"] [data-acl-warning]');
  await expect(risky).toHaveText(pt('form.aclRisky'));
  await expect(risky).toHaveAttribute('title', pt('aclWarning.passwd'));

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('html')).toHaveAttribute('lang', /^pt/);
  await expect(options.locator('h1')).toHaveText(pt('options.title'));
  await options.getByTestId('policy-import').setInputFiles({
    name: 'quebrado.token-policy.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, enforcment: 'block', naming: { pattern: '^([a-z]+-?)+$' } })),
  });
  const status = options.getByTestId('policy-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status.locator('p')).toHaveText(pt('options.status.notImported', ['quebrado.token-policy.json']));
  await expect(status.locator('[data-path="$.enforcment"]')).toContainText(pt('policyProblem.unknownFieldSuggest', ['enforcment', 'enforcement']));
  await expect(status.locator('[data-path="$.naming.pattern"]')).toContainText(pt('policyProblem.pattern.exponential', ['"([a-z]+-?)+"']));
});
