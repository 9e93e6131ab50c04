import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotenvLine, dotenvValue, exportDotenv } from './dotenv';
import { ENTRY, NOW, parseDotenv, SECRET, TRICKY } from './test-fixtures';

describe('exportDotenv', () => {
  it('writes WHM_HOST, WHM_USER, WHM_API_TOKEN (+ WHM_URL, WHM_TOKEN_NAME) under a comment header', () => {
    const text = exportDotenv(ENTRY, { now: NOW });
    expect(parseDotenv(text)).toEqual({
      WHM_URL: 'https://whm01.example.com:2087',
      WHM_HOST: 'whm01.example.com',
      WHM_USER: 'reseller1',
      WHM_TOKEN_NAME: 'billing-sync-20261128',
      WHM_API_TOKEN: SECRET,
    });
    const comments = text.split('\n').filter((l) => l.startsWith('#'));
    expect(comments.join('\n')).toContain('billing-sync-20261128');
    expect(comments.join('\n')).toContain('Expires: 2027-02-28T23:59:59Z');
    expect(comments.join('\n')).toContain('Authorization: whm $WHM_USER:$WHM_API_TOKEN');
    expect(text).toContain(`WHM_API_TOKEN=${SECRET}\n`);
  });

  it('every non-comment line is NAME=value with a valid variable name', () => {
    for (const line of exportDotenv(TRICKY, { now: NOW }).split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*=/);
    }
  });

  it('round-trips tricky values: spaces, #, quotes, backslashes, $, line breaks, unicode', () => {
    const text = exportDotenv(TRICKY, { now: NOW });
    const parsed = parseDotenv(text);
    expect(parsed['WHM_USER']).toBe(TRICKY.user);
    expect(parsed['WHM_TOKEN_NAME']).toBe(TRICKY.name);
    expect(parsed['WHM_HOST']).toBe(TRICKY.host);
    // The header comment is about the token, but a line break in it must not start a variable.
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(4);
    expect(exportDotenv({ ...ENTRY, name: 'x\nEVIL=1' }, { now: NOW })).not.toMatch(/^EVIL=/m);
  });

  it('comments say "never" for a token without expiry', () => {
    expect(exportDotenv(TRICKY, { now: NOW })).toContain('# Expires: never\n');
  });

  it('quotes values with spaces or # and escapes what a shell would expand', () => {
    expect(dotenvValue('simple-value_1.2:3/4@5')).toBe('simple-value_1.2:3/4@5');
    expect(dotenvValue('two words')).toBe('"two words"');
    expect(dotenvValue('a#b')).toBe('"a#b"');
    expect(dotenvValue('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    expect(dotenvValue('$(rm -rf ~)`x`')).toBe('"\\$(rm -rf ~)\\`x\\`"');
    expect(dotenvValue('')).toBe('');
  });

  it('any value reads back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const normalized = value.replace(/\r\n?/g, '\n');
        expect(parseDotenv(dotenvLine('X', value))['X']).toBe(normalized);
      }),
    );
  });

  it('refuses a variable name outside [A-Za-z_][A-Za-z0-9_]*', () => {
    expect(() => dotenvLine('1X', 'v')).toThrow(/variable name/);
    expect(() => dotenvLine('A-B', 'v')).toThrow(/variable name/);
  });
});
