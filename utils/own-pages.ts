import { browser } from 'wxt/browser';

/** Our framed page, where every secret and every confirmation lives (frame-protocol.ts). */
export const SECURE_FRAME_PATH = '/secure-frame.html';

/**
 * The address of one of our pages as it reports itself (a document's `location`, a
 * sender's `url`). In Chrome, `runtime.getURL` answers a per-session *dynamic* address
 * for resources declared with `use_dynamic_url`, so no site can probe for the
 * extension; the document framed from it still lives at chrome-extension://<id>/.
 */
export function ownPageUrl(path: string): string {
  const url = new URL(browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]));
  if (url.protocol !== 'chrome-extension:') return url.href;
  return `chrome-extension://${browser.runtime.id}${url.pathname}`;
}

/** The origin our frames have: where the content script may post their handle. */
export function ownOrigin(): string {
  const url = new URL(ownPageUrl('/'));
  return `${url.protocol}//${url.host}`;
}
