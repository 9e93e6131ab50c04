import { chromium, type BrowserContext } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumExecutable } from './chromium-path.ts';

/**
 * Real Chromium with the unpacked extension loaded (recipe: reference/toolchain.md).
 * Used by the e2e fixtures and by `npm start`.
 */
export function launchWithExtension(extensionDir: string, options: { headless: boolean; userDataDir?: string; args?: string[] }): Promise<BrowserContext> {
  return launchChromium({ ...options, extensionDir });
}

/** The same browser, with the extension when `extensionDir` is given and without it otherwise (a bench's baseline). */
export async function launchChromium(options: { headless: boolean; extensionDir?: string; userDataDir?: string; args?: string[] }): Promise<BrowserContext> {
  const { extensionDir } = options;
  const ownDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'token-warden-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    headless: options.headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...(options.headless ? ['--headless=new'] : []),
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      // The simulator's certificate is self-signed; the extension's service worker
      // fetches from it too, which Playwright's per-page setting does not cover.
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
      ...(options.args ?? []),
    ],
  });
  // A throwaway profile is ours to remove: every e2e test browser makes one. Removed once
  // `close()` has resolved, when Chromium has exited: the context's 'close' event comes
  // earlier, while Chromium still writes the profile, and removing it there failed with
  // ENOTEMPTY after 3 s of blocking retries on every close (1,330 profiles were left in
  // /tmp). Never fail a run over a leftover temp directory.
  if (ownDir) {
    const close = context.close.bind(context);
    context.close = async (...args) => {
      await close(...args);
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }).catch(() => undefined);
    };
  }
  return context;
}

export async function extensionServiceWorker(context: BrowserContext) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}
