// Shared helpers for the simulator page's own Playwright tests (whm-sim/*.spec.ts).
import { expect, type Page } from '@playwright/test';
import type { Simulator } from '../server.ts';

/** Log in through the simulator's real login form and wait for the token table. */
export async function loginThroughForm(page: Page, sim: Simulator, user: string, pass: string): Promise<void> {
  await page.goto(sim.loginUrl);
  await page.locator('#user').fill(user);
  await page.locator('#pass').fill(pass);
  await page.locator('#login_submit').click();
  await expect(page).toHaveURL(/\/cpsess\d{10}\/scripts7\/apitokens\/home$/);
  await waitForTable(page);
}

/**
 * The table has finished loading (rows, the empty notice or the error alert). The loading
 * row is always in the DOM, as in WHM 11.120: "loading" = it lacks the ng-hide class.
 */
export async function waitForTable(page: Page): Promise<void> {
  await expect(page.locator('#tokenTable')).toBeVisible();
  await expect(page.locator('#loadingNotice')).toHaveClass(/\bng-hide\b/);
}

/** Opens the gear menu (its toggle is `a#gearMenu`). */
export async function openGear(page: Page): Promise<void> {
  await page.locator('#gearMenu').click();
  await expect(page.locator('.gear-menu .dropdown-menu')).toBeVisible();
}

export interface ApiCall {
  fn: string;
  method: string;
  /** The request URL's query string ('' when none). */
  query: string;
  body: URLSearchParams;
}

/** Records every json-api request the page makes, with its form body. */
export function recordApiCalls(page: Page): ApiCall[] {
  const calls: ApiCall[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    const m = /\/json-api\/([^/?]+)$/.exec(url.pathname);
    if (!m) return;
    calls.push({ fn: decodeURIComponent(m[1] ?? ''), method: req.method(), query: url.search, body: new URLSearchParams(req.postData() ?? '') });
  });
  return calls;
}

/** Names of the rendered token rows, in display order. */
export function rowNames(page: Page): Promise<string[]> {
  return page.locator('#tokenTable tr.token-row').evaluateAll((rows) => rows.map((r) => r.id));
}

/** `#id` for a token row whatever the name (names may start with a digit). */
export function rowSelector(name: string): string {
  return `#tokenTable tr.token-row[id="${name}"]`;
}

/** Collects uncaught page errors and CSP violations; call the returned check at the end. */
export function watchPageProblems(page: Page): () => void {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return () => expect(problems, problems.join('\n')).toEqual([]);
}

/** Local midnight of the day `addDays` after the day containing `unixSeconds`. */
export function localDay(unixSeconds: number, addDays: number): Date {
  const d = new Date(unixSeconds * 1000);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() + addDays);
  return d;
}

export function yyyyMmDd(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What WHM's page sends for a chosen day: 23:59:59.999 local time, floored to seconds. */
export function endOfDaySeconds(d: Date): number {
  const e = new Date(d.getTime());
  e.setHours(23, 59, 59, 999);
  return Math.floor(e.getTime() / 1000);
}
