import type { Worker } from '@playwright/test';

/**
 * Enables `origin` in the extension as the popup would: servers are enabled by exact
 * origin (utils/servers.ts), once the background's start-up migration has written the
 * list; then waits for the content script's registration.
 */
export async function enableServer(worker: Worker, origin: string): Promise<void> {
  const poll = async (ready: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await ready()); i++) await new Promise((r) => setTimeout(r, 50));
  };
  await poll(() => worker.evaluate(async () => Array.isArray((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers'])));
  await worker.evaluate(async (origin) => {
    const list = ((await chrome.storage.local.get('tw:enabledServers'))['tw:enabledServers'] as string[]) ?? [];
    await chrome.storage.local.set({ 'tw:enabledServers': [...new Set([...list, origin])] });
  }, origin);
  await poll(async () => (await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)) > 0);
}
