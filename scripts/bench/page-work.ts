/**
 * Bench section 5: the main-thread script time our content script adds to WHM's page.
 * The same steps — WHM's own load, a sort (twice), a search and its clearing, a larger
 * page size and the next page — on `large-1k`, in a browser with the extension and in
 * one without, rounds alternating so both meet the same machine load. Measured with CDP
 * `Performance.getMetrics`: ScriptDuration counts every script the page's main thread
 * ran, WHM's AngularJS and our isolated world alike; TaskDuration (all main-thread work,
 * style and layout included) is printed beside it.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { extensionServiceWorker, launchChromium } from '../launch-chromium.ts';
import type { Simulator } from '../../whm-sim/server.ts';
import { enableServer } from './enable-server.ts';
import { median } from './stats.ts';

const PHASES = ['load', 'sort', 'search', 'paging'] as const;
type Phase = (typeof PHASES)[number];
type Costs = Record<Phase, { script: number; task: number }>;

const settle = (page: Page, ms = 400) => page.waitForTimeout(ms);

async function metrics(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { script: value('ScriptDuration'), task: value('TaskDuration') };
}

const firstRow = (page: Page) => page.evaluate(() => document.querySelector('tr.token-row')?.id ?? '');
const rowCount = (page: Page) => page.locator('tr.token-row').count();

/** One round of WHM's own steps on a fresh tab, with the script time of each phase. */
async function round(context: BrowserContext, sim: Simulator, withExtension: boolean): Promise<Costs> {
  // A new login each round: WHM's load is part of what is measured.
  await context.clearCookies();
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(sim.loginUrl);
    await page.fill('input[name=user]', 'reseller1');
    await page.fill('input[name=pass]', 'resellerpass');
    const costs = {} as Costs;
    let before = await metrics(cdp);
    const phase = async (name: Phase, steps: () => Promise<void>) => {
      await steps();
      await settle(page);
      const after = await metrics(cdp);
      costs[name] = { script: after.script - before.script, task: after.task - before.task };
      before = after;
    };
    await phase('load', async () => {
      await Promise.all([page.waitForURL(/apitokens\/home/), page.click('[type=submit]')]);
      await page.waitForSelector('tr.token-row');
      if (withExtension) {
        await page.waitForFunction(() => {
          const state = document.querySelector('token-warden-banner')?.shadowRoot?.querySelector('[data-testid=audit-banner]')?.getAttribute('data-state');
          return !!state && state !== 'loading';
        });
        // The row badges are the last thing we draw.
        await page.waitForSelector('token-warden-findings');
      }
    });
    await phase('sort', async () => {
      for (let i = 0; i < 2; i++) {
        const first = await firstRow(page);
        await page.click('#sortByName');
        await page.waitForFunction((was) => document.querySelector('tr.token-row')?.id !== was, first);
      }
    });
    await phase('search', async () => {
      await page.fill('#filterList_input', 'ops');
      await page.waitForFunction(() => [...document.querySelectorAll('tr.token-row')].every((row) => row.id.includes('ops')));
      await page.fill('#filterList_input', '');
      await page.waitForFunction(() => document.querySelectorAll('tr.token-row').length === 10);
    });
    await phase('paging', async () => {
      await page.selectOption('#topPageSize_select', { label: '100' });
      await page.waitForFunction(() => document.querySelectorAll('tr.token-row').length === 100);
      const first = await firstRow(page);
      await page.locator('#topPager a', { hasText: '›' }).first().click();
      await page.waitForFunction((was) => document.querySelector('tr.token-row')?.id !== was, first);
      if ((await rowCount(page)) !== 100) throw new Error('the next page did not show 100 rows');
    });
    return costs;
  } finally {
    await page.close();
  }
}

export async function benchPageWork(sim: Simulator, extensionDir: string, rounds = 7): Promise<void> {
  const bare = await launchChromium({ headless: true });
  const ours = await launchChromium({ headless: true, extensionDir });
  try {
    const worker = await extensionServiceWorker(ours);
    await enableServer(worker, sim.origin);

    // One unmeasured round each: the first page of a browser compiles everything.
    await round(bare, sim, false);
    await round(ours, sim, true);
    const without: Costs[] = [];
    const withUs: Costs[] = [];
    for (let i = 0; i < rounds; i++) {
      without.push(await round(bare, sim, false));
      withUs.push(await round(ours, sim, true));
    }
    const of = (runs: Costs[], p: Phase | 'all', kind: 'script' | 'task') =>
      median(runs.map((c) => (p === 'all' ? PHASES.reduce((sum, q) => sum + c[q][kind], 0) : c[p][kind])));
    console.log(`5. main-thread work on WHM's page, large-1k, medians of ${rounds} rounds with and without the extension (target ≤ 10 % added script time):`);
    for (const p of [...PHASES, 'all'] as const) {
      const base = of(without, p, 'script');
      const us = of(withUs, p, 'script');
      const task = `${of(without, p, 'task').toFixed(0)} → ${of(withUs, p, 'task').toFixed(0)} ms`;
      console.log(`   ${p.padEnd(7)} script ${base.toFixed(1)} ms without (baseline) → ${us.toFixed(1)} ms with: ${(((us - base) / base) * 100).toFixed(1)} % added; all tasks ${task}`);
    }
  } finally {
    await ours.close();
    await bare.close();
  }
}
