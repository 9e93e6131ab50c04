/**
 * age file encrypted to a passphrase (scrypt recipient, age-encryption.org/v1) with
 * typage (`age-encryption`, by age's author), ASCII-armored so it can be pasted or mailed.
 * The encrypted payload is exactly the dotenv export: `age -d file.age > .env` gives a
 * ready-to-use file, and nothing about the token is readable without the passphrase.
 */
import { Encrypter, armor } from 'age-encryption';
import { t } from '../i18n';
import { exportDotenv } from './dotenv';
import type { TokenEntry } from './token-entry';

// Re-exported for callers that think of it as part of the age export; the content
// script imports passphrase-strength directly so age-encryption stays out of its bundle.
export { passphraseStrength, type PassphraseStrength } from './passphrase-strength';

export class MissingPassphraseError extends Error {
  constructor() {
    super(t('secret.agePassphraseMissing'));
    this.name = 'MissingPassphraseError';
  }
}

/** The text that gets encrypted (exported for tests and for the UI's "what is inside" hint). */
export function agePlaintext(entry: TokenEntry, options: { now: Date }): string {
  return exportDotenv(entry, options);
}

export async function exportAge(entry: TokenEntry, options: { now: Date; passphrase?: string }): Promise<string> {
  const passphrase = options.passphrase;
  // Whitespace only counts as missing too: age would accept it, and the file would be
  // protected by nothing anybody could remember typing.
  if (passphrase === undefined || passphrase.trim() === '') throw new MissingPassphraseError();
  const encrypter = new Encrypter();
  // typage's default scrypt work factor (2^18) is what `age -p` uses; age refuses
  // factors above 2^22 on decryption, and lower ones only make guessing cheaper.
  encrypter.setPassphrase(passphrase);
  const binary = await encrypter.encrypt(agePlaintext(entry, options));
  return armor.encode(binary);
}
