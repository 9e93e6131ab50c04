import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messagesOf } from '../tests/locale-messages';
import { englishMessage } from '../tests/setup/english-messages';
import { formatNumber } from './i18n';

describe('formatNumber', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
  });

  it('writes a count under 1,000 as Intl would, without starting Intl', () => {
    const counts = [0, 7, 12, 999, -999];
    const intl = new Intl.NumberFormat('en-US');
    const expected = counts.map((n) => intl.format(n));
    const made = vi.spyOn(Intl, 'NumberFormat');
    expect(counts.map(formatNumber)).toEqual(expected);
    expect(made).not.toHaveBeenCalled();
    // And the spy does see one made for a count that needs grouping.
    made.mockImplementation(function (this: unknown) { return intl; } as never);
    formatNumber(1000);
    expect(made).toHaveBeenCalled();
  });

  it('groups larger counts and keeps fractions in the locale of the messages', async () => {
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(1_000_000)).toBe('1,000,000');
    expect(formatNumber(2.5)).toBe('2.5');
    fakeBrowser.i18n.getMessage = (await messagesOf('pt_BR')) as typeof fakeBrowser.i18n.getMessage;
    fakeBrowser.i18n.getUILanguage = () => 'pt-BR';
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(2.5)).toBe('2,5');
  });

  it('writes every whole count under 1,000 exactly as each of our locales would', () => {
    for (const locale of ['en-US', 'en-GB', 'en-IN', 'pt-BR', 'pt-PT']) {
      fakeBrowser.i18n.getUILanguage = () => locale;
      const intl = new Intl.NumberFormat(locale);
      for (let n = -999; n < 1000; n += 37) expect(formatNumber(n), `${locale} ${n}`).toBe(intl.format(n));
    }
  });
});
