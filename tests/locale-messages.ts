import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { resolve } from 'node:path';

/**
 * Our `locales/*.yml` as Chrome sees them, for tests in Node (Vitest and Playwright
 * alike, so nothing here may import either): the built `messages.json` entries, and
 * `browser.i18n.getMessage` answered from them.
 */
export type Locale = 'en' | 'pt_BR';
export type Messages = Record<string, { message: string }>;
export type GetMessage = (name: string, substitutions?: string | string[]) => string;

export async function loadMessages(locale: Locale): Promise<Messages> {
  return generateChromeMessages(await parseMessagesFile(resolve(import.meta.dirname, '../locales', `${locale}.yml`))) as Messages;
}

/** `browser.i18n.getMessage` as Chrome answers it for one locale. */
export async function messagesOf(locale: Locale): Promise<GetMessage> {
  const messages = await loadMessages(locale);
  return (name, substitutions) => {
    const message = messages[name]?.message;
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    // Chrome: `$1`…`$9` are substitutions, `$$` is a literal dollar sign.
    return message.replace(/\$(\$|[1-9])/g, (_, what: string) => (what === '$' ? '$' : (subs[Number(what) - 1] ?? '')));
  };
}
