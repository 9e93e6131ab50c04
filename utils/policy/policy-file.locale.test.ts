import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagesOf } from '../../tests/locale-messages';
import { englishMessage } from '../../tests/setup/english-messages';

/**
 * The options page shows these problems word for word, so they are messages like the rest
 * of the UI: a Portuguese browser must get every one of them in Portuguese. The module
 * builds its zod messages when it loads, so each language gets a freshly loaded copy.
 */
async function checkerIn(locale: 'en' | 'pt_BR') {
  fakeBrowser.i18n.getMessage = (await messagesOf(locale)) as typeof fakeBrowser.i18n.getMessage;
  vi.resetModules();
  return import('./policy-file');
}

afterEach(() => {
  fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
});

const knownAcls = new Set(['list-accts', 'create-acct', 'kill-acct']);

/**
 * Between them, these reach every kind of problem the checker reports, except a pattern
 * this parser accepts and the engine then refuses (none is known for Node's engine), and
 * scslre's "Move" report, which an anchored pattern does not get.
 */
const BROKEN: unknown[] = [
  '{"version": 1,',
  '[]',
  '"text"',
  '42',
  'null',
  'true',
  {
    version: 2,
    nmae: 'x',
    enforcment: 'block',
    enforcement: 'strict',
    name: 'x'.repeat(101),
    naming: { pattern: '[a-z.]+', template: '}{x-{Bad}{yyyymmdd', hint: 5, extra: 1 },
    expiry: { defaultDays: 400, maxDays: 365, allowNever: 'yes', warnDays: -1 },
    rotation: { maxAgeDays: 1.5 },
    privileges: { forbidden: ['list-accts', 'list-accts', 'Bad ACL'], risky: 'kill-acct' },
    requireIpAllowlist: null,
    clipboardClearSeconds: 7,
    presets: [
      { id: 'a', label: '', acls: ['list-acct', 'nonsense-privilege-xyz'], reasons: { 'kill-acct': 'why' }, expiryDays: 500 },
      { id: 'a', label: 'Dup', acls: [] },
      { id: '-bad-', acls: 'list-accts' },
    ],
    vault: { address: 'http://vault.example.com/path?q', mount: 'a//b', pathTemplate: 'tokens/{host}/{nope}/../x' },
  },
  { naming: { pattern: '^a.b$' } },
  { naming: { pattern: '^(a+)+$' } },
  { naming: { pattern: '^(?i:a)$' } },
  { naming: { pattern: '^[a-z]*$' } },
  { naming: { pattern: '^[^a]+$' } },
  { naming: { pattern: '^[ -~]+$' } },
  { naming: { pattern: '^a b\\s$' } },
  { naming: { pattern: '^[a-z]{60}$' } },
  { naming: { pattern: '^(a' } },
  { naming: { pattern: '[a-z]+' } },
  { naming: { pattern: '^[a-z]+' } },
  { naming: { pattern: '[a-z]+$' } },
  { naming: { pattern: '^a$|b' } },
  { naming: { pattern: '^\\w+\\d+$' } },
  { naming: { pattern: '^(?:\\w*-?){8}X$' } },
  { naming: { pattern: '^ops(-[a-z0-9]+|-[a-z]+)*$' } },
  { naming: { pattern: '^(?:a{1,2}){1,25}$' } },
  { naming: { pattern: `^${'[a-z]?'.repeat(25)}[a-z]$` } },
  { naming: { pattern: '^(a)\\1$' } },
  { naming: { pattern: '^(?:[a-z]{1,50}){1,50}$' } },
  { privileges: { forbidden: ['al', 'frobnicate-everything', 'plugin:kill-acct', 'plugin:bad acl'] }, presets: [{ id: 'p', label: 'P', acls: ['plugin:x'] }] },
  { expiry: { defaultDays: {} } },
  ' '.repeat(1_000_001),
  { naming: { template: `${'x'.repeat(45)}{yyyymmdd}{user}.` } },
  { vault: { address: 'ftp://user:pw@vault.example.com', mount: '../x' } },
  { vault: { address: 'not a url' } },
  { presets: 'all' },
];

const problems = (check: Awaited<ReturnType<typeof checkerIn>>) =>
  BROKEN.map((input) => (typeof input === 'string' ? check.parsePolicyText(input, { knownAcls }) : check.checkPolicyFile(input, { knownAcls })).problems);

describe('policy problems in the user’s language', () => {
  it('every problem the checker reports reads in Portuguese in a Portuguese browser', async () => {
    const english = problems(await checkerIn('en'));
    const portuguese = problems(await checkerIn('pt_BR'));
    const pairs = english.flatMap((list, i) => list.map((p, j) => ({ path: p.path, en: p.message, pt: portuguese[i]![j]?.message })));
    // The fixtures must really reach the checker's messages, or this test proves nothing.
    expect(pairs.length).toBeGreaterThan(50);
    expect(pairs.filter((p) => !p.pt || p.pt === p.en)).toEqual([]);
    expect(portuguese.flat().map((p) => p.path)).toEqual(english.flat().map((p) => p.path));
    // Spot checks that the words are the translation, not just different.
    const all = portuguese.flat().map((p) => p.message).join('\n');
    expect(all).toMatch(/não é um JSON válido/);
    expect(all).toMatch(/campo desconhecido "nmae" \(você quis dizer "name"\?\)/);
    expect(all).toMatch(/deve ser true ou false, não um texto/);
    expect(all).toMatch(/o padrão deve começar com \^ e terminar com \$ para verificar/);
  });
});
