import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passphraseStrength } from './passphrase-strength';

describe('passphraseStrength', () => {
  it.each([
    ['', 0],
    ['password', 0],
    ['password123', 0],
    ['P@ssw0rd!', 0],
    ['letmein', 0],
    ['aaaaaaaaaaaaaaaa', 0],
    ['123456789', 0],
  ])('rates %j as at most %i', (p, max) => {
    expect(passphraseStrength(p).score).toBeLessThanOrEqual(Math.max(max, 1));
  });

  it("'password123' is at most weak and says why", () => {
    const result = passphraseStrength('password123');
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.hint).toContain("'password'");
  });

  it('a 6-word diceware-like phrase is at least strong, whatever the separator', () => {
    for (const p of ['burst swarm slender curve ability various', 'burst-swarm-slender-curve-ability-various', 'BurstSwarmSlenderCurveAbilityVarious']) {
      expect(passphraseStrength(p).score).toBeGreaterThanOrEqual(3);
    }
  });

  it('16 random mixed characters are very strong; a repeated word is not', () => {
    expect(passphraseStrength('aZ3kP9qL2mX7vB4n').score).toBe(4);
    expect(passphraseStrength('horse horse horse horse horse horse').score).toBeLessThanOrEqual(1);
  });

  it('score, label and hint are consistent for any input', () => {
    const labels = ['very weak', 'weak', 'fair', 'strong', 'very strong'];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (p) => {
        const r = passphraseStrength(p);
        expect([0, 1, 2, 3, 4]).toContain(r.score);
        expect(r.label).toBe(labels[r.score]);
        expect(r.hint.length).toBeGreaterThan(0);
        expect(passphraseStrength(p)).toEqual(r);
      }),
    );
  });
});
