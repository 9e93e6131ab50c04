import { Decrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { agePlaintext, exportAge, MissingPassphraseError } from './age-file';
import { ENTRY, NOW, SECRET } from './test-fixtures';

const PASSPHRASE = 'burst swarm slender curve ability various';

describe('exportAge', () => {
  it('writes an ASCII-armored age file that decrypts with the passphrase to the dotenv text', { timeout: 30_000 }, async () => {
    const armored = await exportAge(ENTRY, { now: NOW, passphrase: PASSPHRASE });
    expect(armored.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(armored.trimEnd().endsWith('-----END AGE ENCRYPTED FILE-----')).toBe(true);
    expect(armored).not.toContain(SECRET);
    expect(armored).not.toContain(ENTRY.host);
    const binary = armor.decode(armored);
    // The header names the scrypt recipient (passphrase), and nothing else.
    const header = new TextDecoder().decode(binary.slice(0, 120));
    expect(header).toMatch(/^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/);
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    const plaintext = await decrypter.decrypt(binary, 'text');
    expect(plaintext).toBe(agePlaintext(ENTRY, { now: NOW }));
    expect(plaintext).toContain(`WHM_API_TOKEN=${SECRET}`);
  });

  it('refuses to run without a passphrase (missing, empty or blank)', async () => {
    await expect(exportAge(ENTRY, { now: NOW })).rejects.toBeInstanceOf(MissingPassphraseError);
    await expect(exportAge(ENTRY, { now: NOW, passphrase: '' })).rejects.toThrow(/needs a passphrase/);
    await expect(exportAge(ENTRY, { now: NOW, passphrase: '   ' })).rejects.toThrow(/needs a passphrase/);
  });
});
