import { browser } from 'wxt/browser';
import { t } from './i18n';
import type { ReplyFor, Request } from './messages';

/**
 * Sends one request to the background, from the content script or our frame. A dead
 * extension context (the extension was updated or reloaded under the page) comes back
 * as a `network`-kind reply rather than an exception, so every caller handles one shape.
 */
export async function sendRequest<R extends Request>(request: R): Promise<ReplyFor[R['type']]> {
  type Answer = ReplyFor[R['type']];
  try {
    const reply = (await browser.runtime.sendMessage(request)) as Answer | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
    return { ok: false, error: { kind: 'malformed', message: t('background.noAnswer') } } as Answer;
  } catch (error) {
    return {
      ok: false,
      error: { kind: 'network', message: t('background.unreachable', [error instanceof Error ? error.message : String(error)]) },
    } as Answer;
  }
}
