import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { resolve } from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * Vitest runs outside a browser, where `browser.i18n.getMessage` does not exist (WXT's
 * fake browser leaves it unimplemented). This answers it the way Chrome does, from
 * `locales/en.yml`, so code under test says the same English sentences as the
 * extension and tests can keep asserting them.
 */
type GetMessage = (name: string, substitutions?: string | string[]) => string;

/** `browser.i18n.getMessage` as Chrome answers it for one locale of `locales/*.yml`. */
export async function messagesOf(locale: 'en' | 'pt_BR'): Promise<GetMessage> {
  const messages = generateChromeMessages(await parseMessagesFile(resolve(import.meta.dirname, `../../locales/${locale}.yml`)));
  return (name, substitutions) => {
    const message = messages[name]?.message;
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    // Chrome: `$1`…`$9` are substitutions, `$$` is a literal dollar sign.
    return message.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
  };
}

export const englishMessage = await messagesOf('en');

fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';
// The `sim` project has no WXT plugin: the extension code it runs finds `chrome` there.
if (!(globalThis as { chrome?: unknown }).chrome) vi.stubGlobal('chrome', fakeBrowser);
