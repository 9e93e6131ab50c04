// The `test` of the simulator page's own Playwright tests (whm-sim/*.spec.ts). The
// AngularJS version is a project option (`use: { angularVersion: '1.8' }` in
// playwright.config.ts), so the same specs run on WHM 11.120's 1.4 and on 1.8.
import { test as base } from '@playwright/test';
import { startSimulator, type SimOptions, type Simulator } from '../server.ts';
import type { AngularVersion } from './render.ts';

export interface SimPageOptions {
  /** Which AngularJS set the simulator's page runs on; default '1.4' (WHM 11.120). */
  angularVersion: AngularVersion;
}

interface SimPageFixtures {
  /** Starts a simulator on this project's AngularJS version; every one is closed after the test. */
  startSim: (options?: SimOptions) => Promise<Simulator>;
}

export const test = base.extend<SimPageFixtures & SimPageOptions>({
  angularVersion: ['1.4', { option: true }],
  startSim: async ({ angularVersion }, use) => {
    const started: Simulator[] = [];
    await use(async (options = {}) => {
      const sim = await startSimulator({ angular: angularVersion, ...options });
      started.push(sim);
      return sim;
    });
    await Promise.all(started.map((sim) => sim.close()));
  },
});

export { expect } from '@playwright/test';
