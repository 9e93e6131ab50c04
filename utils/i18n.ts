import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from '#i18n';
import { browser } from 'wxt/browser';

/**
 * The one way Token Warden says anything to the user: `t('banner.loading')`, with
 * `$1`… substitutions and plurals (`t('banner.findingCount', n, [formatNumber(n)])`).
 * The messages are `locales/*.yml`, built into `_locales/<lang>/messages.json` by the
 * `@wxt-dev/i18n` module, which also generates the key types (`.wxt/i18n`), so an unknown
 * key or a missing substitution is a type error.
 *
 * At run time this is a thin wrapper over `browser.i18n.getMessage` (about 1 KB): the
 * browser picks the locale, and no message file is bundled into the content script.
 * Pure utilities call `t` too; in Vitest, `tests/setup/english-messages.ts` answers
 * `getMessage` from `locales/en.yml`, so their tests still read real English sentences.
 */
export const i18n = createI18n<GeneratedI18nStructure>();
export const t = i18n.t;

/**
 * The locale for dates and numbers: the browser's UI language when our messages are in
 * that language (so `en-GB` keeps its day/month order), else the language of the
 * messages the browser chose (`meta.locale`), so a date never reads in another language
 * than the sentence around it.
 */
export function uiLocale(): string {
  const messages = t('meta.locale') || 'en';
  const ui = browser.i18n.getUILanguage() || messages;
  return ui.split('-')[0] === messages.split('-')[0] ? ui : messages;
}

/** A count for a message: `1,234` in English, `1.234` in Portuguese. */
export function formatNumber(n: number): string {
  return n.toLocaleString(uiLocale());
}

/** Date and time of a Unix timestamp (seconds), e.g. "Nov 28, 2026, 11:59 PM" / "28 de nov. de 2026, 23:59". */
export function formatDateTime(seconds: number): string {
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(seconds * 1000));
}

/** "a, b and c" in the user's language (the last joint is a message). */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return t('common.listAnd', [items.slice(0, -1).join(', '), items.at(-1)!]);
}

/**
 * For a message with an element inside (`Open $1 to …` around a `<code>`): pass
 * `SLOTS[0]`… as substitutions, then `withSlots` (components/with-slots.tsx) swaps the
 * elements in. Private-use characters, which no message or WHM name contains.
 */
export const SLOTS = ['\uE000', '\uE001', '\uE002'] as const;
