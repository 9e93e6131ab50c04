import { E2E_EXTENSION_ID } from '../../scripts/e2e-identity.ts';
import { expect, test } from './fixtures';

const banner = (page: import('@playwright/test').Page) => page.getByTestId('audit-banner');

test('the banner counts the tokens the background read with the session', async ({ openTokensPage, sim }) => {
  const page = await openTokensPage();
  const expected = sim.state.tokens.filter((t) => t.owner === 'reseller1').length;
  await expect(banner(page)).toHaveAttribute('data-state', /ok|attention/);
  await expect(banner(page)).toHaveAttribute('data-total', String(expected));
  // The call that fed the banner came from the extension with a live session.
  const listCalls = sim.requests.filter((r) => r.fn === 'api_token_list');
  expect(listCalls.length).toBeGreaterThanOrEqual(2); // WHM's page + the background
  expect(listCalls.every((r) => r.auth === 'session' && r.sessionOk)).toBe(true);
});

test('the simulator refuses the same call without the cookie or with another cpsess', async ({ openTokensPage, serviceWorker }) => {
  const page = await openTokensPage();
  await expect(banner(page)).toHaveAttribute('data-state', /ok|attention/);
  const url = new URL(page.url());
  const cpsess = url.pathname.split('/')[1]!;
  const other = cpsess === 'cpsess0000000000' ? 'cpsess1111111111' : 'cpsess0000000000';
  const statuses = await serviceWorker.evaluate(
    async ({ origin, cpsess, other }) => {
      const call = async (session: string, credentials: RequestCredentials) => {
        const r = await fetch(`${origin}/${session}/json-api/api_token_list?api.version=1`, { method: 'POST', credentials });
        const body = await r.text();
        return { status: r.status, ok: body.includes('"result":1') };
      };
      return { withSession: await call(cpsess, 'include'), noCookie: await call(cpsess, 'omit'), otherCpsess: await call(other, 'include') };
    },
    { origin: url.origin, cpsess, other },
  );
  expect(statuses.withSession.ok).toBe(true);
  expect(statuses.noCookie.ok).toBe(false);
  expect(statuses.otherCpsess.ok).toBe(false);
});

for (const lostSession of ['json', 'html', 'cpanelresult', 'invalid-token', 'access-denied'] as const) {
  test.describe(`lost session answered as ${lostSession}`, () => {
    test.use({ simOptions: { scenario: 'demo', lostSession } });
    test('shows the session-lost state, not 0 tokens', async ({ openTokensPage, sim }) => {
      const page = await openTokensPage();
      await expect(banner(page)).toHaveAttribute('data-state', /ok|attention/);
      // WHM's views re-render on a route change; the banner re-reads the list then.
      await page.click('#generateToken');
      await expect(page.locator('#cancel_generate_button')).toBeVisible();
      sim.expireSessions();
      await page.click('#cancel_generate_button');
      await expect(page.getByTestId('audit-error')).toHaveAttribute('data-kind', 'session');
      await expect(banner(page)).toHaveAttribute('data-state', 'error');
      await expect(banner(page)).not.toHaveAttribute('data-total', /.*/);
      await expect(page.getByTestId('audit-error')).toContainText(/log in/i);
    });
  });
}

test('the e2e build has its fixed identity', async ({ extensionId }) => {
  expect(extensionId).toBe(E2E_EXTENSION_ID);
});

test('the background refuses a request that does not come from the WHM tab it names', async ({ context, extensionId, openTokensPage }) => {
  const whm = await openTokensPage();
  const url = new URL(whm.url());
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const reply = await popup.evaluate(
    ({ origin, cpsess }) => chrome.runtime.sendMessage({ type: 'audit:run', origin, cpsess }),
    { origin: url.origin, cpsess: url.pathname.split('/')[1] },
  );
  expect(reply).toMatchObject({ ok: false, error: { kind: 'permission' } });
  expect(JSON.stringify(reply)).not.toContain('"audit"');
});
