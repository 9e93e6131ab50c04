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

/**
 * `i18n.t`, remembered: the messages cannot change under a document, and the row badges
 * ask for the same few words hundreds of times on every sort and page (each call goes
 * through the polyfill to the browser). Bounded, so a long session cannot grow it.
 */
const said = new Map<string, string>();
// The locale for numbers and dates, and the formatters made for it (see `formatter`).
let locale: string | undefined;
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
let saidBy: unknown;
/** Tests swap the browser's messages for another language's: then every remembered word and formatter goes. */
function sameMessages(): void {
  if (browser.i18n.getMessage === saidBy) return;
  saidBy = browser.i18n.getMessage;
  said.clear();
  locale = undefined;
  formatters.clear();
}
export const t = ((key: string, ...args: unknown[]) => {
  sameMessages();
  const id = args.length ? `${key}\u0000${JSON.stringify(args)}` : key;
  let text = said.get(id);
  if (text === undefined) {
    if (said.size >= 5_000) said.clear();
    said.set(id, (text = (i18n.t as (key: string, ...args: unknown[]) => string)(key, ...args)));
  }
  return text;
}) as typeof i18n.t;

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

/**
 * Formatters, made once per locale: `toLocaleString` and a new `Intl` object per call
 * build one each time, and the row badges format hundreds of numbers on every sort.
 * The locale is asked once per document (it cannot change under a page).
 */
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, make: (locale: string) => F): F {
  sameMessages();
  locale ??= uiLocale();
  let made = formatters.get(kind) as F | undefined;
  if (!made) formatters.set(kind, (made = make(locale)));
  return made;
}

/**
 * A count for a message: `1,234` in English, `1.234` in Portuguese. Below 1,000 a whole
 * number is its digits in every locale `uiLocale` can give (English or Portuguese ones:
 * Latin digits, no grouping), and is written without `Intl`: the first `Intl` object in
 * a page starts ICU, 13–21 ms of WHM's main thread on this machine, which WHM's own page
 * never pays, for the banner's "12 tokens".
 */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  return formatter('number', (l) => new Intl.NumberFormat(l)).format(n);
}

/** Date and time of a Unix timestamp (seconds), e.g. "Nov 28, 2026, 11:59 PM" / "28 de nov. de 2026, 23:59". */
export function formatDateTime(seconds: number): string {
  return formatter('date-time', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(seconds * 1000));
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
