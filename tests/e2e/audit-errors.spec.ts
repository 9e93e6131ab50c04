import { REFUSED_REASON, type FaultKind } from '../../whm-sim/server.ts';
import { expect, test } from './fixtures';

/**
 * Each way WHM can fail gets its own, explicit banner state — never "0 tokens". The
 * fault is switched on after the page loaded; leaving WHM's form re-creates the home
 * view, and the banner audits again into the fault.
 */
const cases: Array<{ fault: FaultKind; kind: string; text: RegExp }> = [
  { fault: 'html', kind: 'session', text: /web page/ },
  { fault: 'malformed', kind: 'malformed', text: /not valid JSON/ },
  { fault: 'http500', kind: 'network', text: /HTTP 500/ },
  { fault: 'drop', kind: 'network', text: /Could not reach WHM/ },
  { fault: 'hang', kind: 'network', text: /did not answer within 15 s/ },
  { fault: 'denied', kind: 'permission', text: /lacks the privilege for api_token_list: Permission denied/ },
  { fault: 'refused', kind: 'whm', text: /WHM refused api_token_list: The token database is locked/ },
];

for (const { fault, kind, text } of cases) {
  test(`a ${fault} answer shows the ${kind} error`, async ({ openTokensPage, sim }) => {
    test.setTimeout(fault === 'hang' ? 90_000 : 60_000);
    const page = await openTokensPage();
    const banner = page.getByTestId('audit-banner');
    await expect(banner).toHaveAttribute('data-state', 'attention');
    await page.click('#generateToken');
    await expect(page.locator('#cancel_generate_button')).toBeVisible();
    sim.setFault('api_token_list', fault);
    await page.click('#cancel_generate_button');
    const error = page.getByTestId('audit-error');
    await expect(error).toHaveAttribute('data-kind', kind, { timeout: fault === 'hang' ? 30_000 : 10_000 });
    await expect(error).toContainText(text);
    // WHM's own words are shown as text: markup in a reason stays inert.
    if (fault === 'refused') {
      await expect(error).toContainText(REFUSED_REASON);
      await expect(error.locator('img')).toHaveCount(0);
      expect(await page.title()).not.toBe('pwned');
    }
    await expect(banner).toHaveAttribute('data-state', 'error');
    await expect(banner).not.toHaveAttribute('data-total', /.*/);

    // Once WHM answers properly again, "Try again" recovers (a lost session cannot).
    sim.setFault('api_token_list', null);
    if (kind !== 'session') {
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(banner).toHaveAttribute('data-state', 'attention');
    } else {
      await expect(page.getByRole('link', { name: /Log in to WHM again/ })).toBeVisible();
    }
  });
}
