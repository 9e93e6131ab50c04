import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's content-script context, minus the one part a page can forge. WXT invalidates a
 * running script when a DOM event announces "a newer copy of this script started"; any
 * script in WHM's page can dispatch that event and switch every feature off. Ours
 * listens for no such event. One copy per page is kept by our own marker instead (in
 * our isolated world, out of the page's reach), and a copy orphaned by an extension
 * reload or update stops by itself: its `runtime.id` is gone.
 */
class PageProofContext extends ContentScriptContext {
  override stopOldScripts(): void {}
  override listenForNewerScripts(): void {}
}

const ORPHAN_CHECK_MS = 2_000;

export function pageProofContext(name: string): ContentScriptContext {
  const ctx = new PageProofContext(name);
  const timer = setInterval(() => {
    if (!browser.runtime?.id) ctx.abort('Extension reloaded or removed');
  }, ORPHAN_CHECK_MS);
  ctx.onInvalidated(() => clearInterval(timer));
  return ctx;
}
