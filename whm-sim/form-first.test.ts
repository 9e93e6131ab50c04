// `formFirst`: the Generate view arrives with its form in the page, for AngularJS to bind in place (issue 15).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simRequest } from './http-client.ts';
import { startSimulator, type Simulator } from './server.ts';
import { NOW } from './test-helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', now: NOW, formFirst: true, bootDelayMs: 200 });
});
afterAll(() => sim.close());

async function page(path: string): Promise<string> {
  const session = await sim.login('reseller1', 'resellerpass');
  const res = await simRequest(`${sim.origin}/${session.cpsess}/scripts7/apitokens/${path}`, { headers: { cookie: session.cookieHeader } });
  expect(res.status).toBe(200);
  return res.body;
}

it('serves the Generate form in the page, bound by the controller rather than the router', async () => {
  const body = await page('edit');
  expect(body).toContain('<div ng-controller="EditController as vm">');
  // Once as live markup, once in the router's template block that every page carries.
  expect(body.match(/<input[^>]+id="token_name"/g)).toHaveLength(2);
  expect(body).toMatch(/<input type="radio" id="tokenExpires_expiry"/);
  expect(body).not.toContain('<div ng-view></div>');
  expect(body).toContain('data-boot-delay="200"');
});

it('leaves the list and Edit to the router', async () => {
  for (const path of ['home', 'edit/ops-backup']) {
    const body = await page(path);
    expect(body).toContain('<div ng-view></div>');
    expect(body.match(/<input[^>]+id="token_name"/g)).toHaveLength(1);
  }
});
