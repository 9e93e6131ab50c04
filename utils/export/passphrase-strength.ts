/**
 * Passphrase strength hint for the age export (its own module: the content script shows
 * it live while typing, and must not pull age-encryption into its bundle).
 */
import { t } from '../i18n';

export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  hint: string;
}

/** Words (and keyboard runs) that password guessers try first. Lower case. */
const COMMON_WORDS = [
  'password', 'passwort', 'passw0rd', 'p@ssword', 'qwerty', 'azerty', 'qwertz', 'asdf', 'zxcv',
  'letmein', 'welcome', 'admin', 'administrator', 'root', 'login', 'secret', 'master', 'monkey',
  'dragon', 'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'shadow', 'superman',
  'trustno1', 'changeme', 'default', 'test', 'guest', 'hello', 'whm', 'cpanel', 'token', 'reseller',
  'server', 'hosting', 'abc123', '123456', '1234', '0000', '1111',
];

const labels = (): readonly string[] => [
  t('passphrase.label.veryWeak'),
  t('passphrase.label.weak'),
  t('passphrase.label.fair'),
  t('passphrase.label.strong'),
  t('passphrase.label.veryStrong'),
];

/** Bits of guessing work → score. An age file can be attacked offline forever, so the bar is high. */
function scoreOf(bits: number): 0 | 1 | 2 | 3 | 4 {
  if (bits < 28) return 0;
  if (bits < 40) return 1;
  if (bits < 50) return 2;
  if (bits < 70) return 3;
  return 4;
}

function poolSize(text: string): number {
  let pool = 0;
  if (/[a-z]/.test(text)) pool += 26;
  if (/[A-Z]/.test(text)) pool += 26;
  if (/[0-9]/.test(text)) pool += 10;
  if (/[^A-Za-z0-9\s]/.test(text)) pool += 33;
  // Letters outside ASCII widen the alphabet a guesser must try.
  if (/[^\u0000-\u007f]/.test(text)) pool += 100;
  return Math.max(pool, 1);
}

/** Guessers try 'p@ssw0rd' right after 'password': undo the usual substitutions (same length). */
const LEET: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' };
const deleet = (text: string) => text.replace(/[013457@$!]/g, (c) => LEET[c] ?? c);

interface Estimate { bits: number; problems: Set<string> }

/** A letters-only word: worth up to ~10 bits (a diceware word is 12.9; people pick less randomly). */
function wordBits(word: string, seen: Set<string>, found: Set<string>): number {
  const lower = word.toLowerCase();
  if (seen.has(lower)) { found.add(t('passphrase.repeatedWord')); return 1; }
  seen.add(lower);
  if (COMMON_WORDS.includes(lower)) { found.add(t('passphrase.commonWord', [lower])); return 2; }
  if (new Set(lower).size < 3) { found.add(t('passphrase.repeats')); return 2; }
  return Math.min(10, 2.5 * word.length);
}

/**
 * Anything else, per character: log2(alphabet) each, except that common words (also in
 * l33t spelling) cost a guesser almost nothing, and repeats and runs ('aaa', 'abc', '321')
 * about one bit per character.
 */
function charBits(token: string, perChar: number, found: Set<string>): number {
  const lower = token.toLowerCase();
  const plain = deleet(lower);
  const covered = new Array<boolean>(lower.length).fill(false);
  let bits = 0;
  for (const word of [...COMMON_WORDS].sort((a, b) => b.length - a.length)) {
    for (const text of new Set([lower, plain])) {
      let from = text.indexOf(word);
      while (from !== -1) {
        if (!covered.slice(from, from + word.length).some(Boolean)) {
          covered.fill(true, from, from + word.length);
          bits += 3;
          found.add(t('passphrase.commonWord', [word]));
        }
        from = text.indexOf(word, from + 1);
      }
    }
  }
  for (let i = 0; i < lower.length; i++) {
    if (covered[i]) continue;
    const step = (j: number) => lower.charCodeAt(j) - lower.charCodeAt(j - 1);
    const here = i > 0 ? step(i) : NaN;
    const repeat = here === 0;
    const inRun = Math.abs(here) === 1 && ((i > 1 && step(i - 1) === here) || (i + 1 < lower.length && step(i + 1) === here));
    if (repeat || inRun) {
      bits += 1;
      found.add(t('passphrase.repeats'));
    } else {
      bits += perChar;
    }
  }
  return bits;
}

/**
 * A rough guessing-cost estimate in bits, in the spirit of zxcvbn but much smaller. The
 * passphrase is split into words (at separators and camelCase humps); a word of letters
 * is counted as a word, because long lowercase text is usually language, not random
 * letters; anything else is counted per character.
 */
function estimateBits(passphrase: string): Estimate {
  const found = new Set<string>();
  const seen = new Set<string>();
  const perChar = Math.log2(poolSize(passphrase));
  const tokens = passphrase
    .split(/[\s\-_.,;:+/]+/)
    .flatMap((t) => t.split(/(?<=\p{Ll})(?=\p{Lu})/u))
    .filter((t) => t.length > 0);
  let bits = 0;
  for (const token of tokens) {
    bits += /^\p{L}+$/u.test(token) ? wordBits(token, seen, found) : charBits(token, perChar, found);
  }
  return { bits, problems: found };
}

/**
 * Strength hint shown under the passphrase field. An estimate, not a guarantee: its job
 * is to stop 'password123' and to reward long random phrases.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length === 0) {
    return { score: 0, label: labels()[0]!, hint: t('passphrase.empty') };
  }
  const { bits, problems } = estimateBits(passphrase);
  const score = scoreOf(bits);
  const advice =
    score >= 3
      ? t('passphrase.good')
      : t('passphrase.advice');
  const found = problems.size > 0 ? t('passphrase.contains', [[...problems].join(', ')]) : '';
  const short = score < 3 && passphrase.length < 12 ? t('passphrase.short') : '';
  return { score, label: labels()[score]!, hint: `${found}${short}${advice}` };
}
