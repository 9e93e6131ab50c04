import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagesOf } from '../locale-messages';

/**
 * Vitest runs outside a browser, where `browser.i18n.getMessage` does not exist (WXT's
 * fake browser leaves it unimplemented). This answers it the way Chrome does, from
 * `locales/en.yml`, so code under test says the same English sentences as the
 * extension and tests can keep asserting them.
 */
export const englishMessage = await messagesOf('en');

fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';
// The `sim` project has no WXT plugin: the extension code it runs finds `chrome` there.
if (!(globalThis as { chrome?: unknown }).chrome) vi.stubGlobal('chrome', fakeBrowser);
