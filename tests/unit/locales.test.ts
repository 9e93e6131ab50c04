import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMessages, type Messages } from '../locale-messages';

/**
 * The acceptance test of the translation: every locale says everything English says,
 * in its own words, with the same substitutions, and every key the code asks for exists.
 */
const root = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'pt_BR'] as const;

const [en, ptBR] = await Promise.all(LOCALES.map(loadMessages)) as [Messages, Messages];

/**
 * Keys whose Portuguese may equal the English, each for a reason a reviewer can check.
 * Everything else must differ: an identical message is almost always a forgotten one.
 */
const SAME_IN_PORTUGUESE: Record<string, string> = {
  // "$1 token | $1 tokens": "token" is the Portuguese word too (as in cPanel's own pt_BR).
  banner_findingCount: 'a count of tokens',
  // The product's name, a brand.
  popup_brand: 'brand name',
};

/** `$1`…`$9` used anywhere in a message (all plural forms together). */
const placeholders = (message: string) => [...new Set(message.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort();
/** How many plural forms (`1 token | $1 tokens`). */
const forms = (message: string) => message.split(' | ').length;

describe('locales', () => {
  it('pt_BR has exactly the keys of en', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it('every pt_BR message is translated (only the allow-list may equal the English)', () => {
    const untranslated = Object.keys(en).filter((key) => ptBR[key]?.message === en[key]!.message && !(key in SAME_IN_PORTUGUESE));
    expect(untranslated).toEqual([]);
    const empty = Object.keys(ptBR).filter((key) => !ptBR[key]!.message.trim());
    expect(empty).toEqual([]);
    // An allow-listed key that is translated after all should leave the list.
    const stale = Object.keys(SAME_IN_PORTUGUESE).filter((key) => ptBR[key]?.message !== en[key]?.message);
    expect(stale).toEqual([]);
  });

  it('substitutions and plural forms match between locales', () => {
    for (const key of Object.keys(en)) {
      const english = en[key]!.message;
      const portuguese = ptBR[key]?.message ?? '';
      expect({ key, placeholders: placeholders(portuguese), forms: forms(portuguese) }).toEqual({
        key,
        placeholders: placeholders(english),
        forms: forms(english),
      });
    }
  });

  it('the manifest name and description are messages', () => {
    const config = readFileSync(resolve(root, 'wxt.config.ts'), 'utf8');
    const used = [...config.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription']));
    for (const key of used) expect(en).toHaveProperty(key);
  });
});

/** Source files of the extension itself (not tests, not the simulator). */
function sources(dir: string): string[] {
  return readdirSync(resolve(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(resolve(root, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}
const SOURCES = ['components', 'entrypoints', 'utils'].flatMap(sources);

describe('message keys in the code', () => {
  const used = new Map<string, string>();
  for (const file of SOURCES) {
    const text = readFileSync(resolve(root, file), 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.set(match[1]!, file);
  }

  it('finds the calls it checks', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it('every key the code uses exists in en', () => {
    const missing = [...used].filter(([key]) => !(key.replaceAll('.', '_') in en)).map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('every English message is used by the code or the manifest', () => {
    const manifest = new Set(['extName', 'extDescription']);
    const keys = new Set([...used.keys()].map((k) => k.replaceAll('.', '_')));
    const unused = Object.keys(en).filter((key) => !key.startsWith('@@') && !keys.has(key) && !manifest.has(key));
    expect(unused).toEqual([]);
  });
});

