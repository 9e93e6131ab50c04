/**
 * A .env file for scripts: `Authorization: whm $WHM_USER:$WHM_API_TOKEN`. It is also the
 * plaintext inside the age file, so `age -d token.env.age > .env` gives a usable file.
 */
import { expiryText, oneLine } from './entry-text';
import type { TokenEntry } from './token-entry';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Unquoted values are the portable subset every dotenv reader (node dotenv, python-dotenv,
 * Docker Compose, `set -a; . ./.env`) reads verbatim. Anything else is double-quoted with
 * `\` and `"` escaped and line breaks as `\n`. `$` and backquote are escaped too: values
 * come from WHM (untrusted), and a shell sourcing the file would otherwise run
 * `$(…)` or `…` inside double quotes.
 */
export function dotenvValue(value: string): string {
  if (/^[A-Za-z0-9_.,:/@%+=-]*$/.test(value)) return value;
  const escaped = value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, '\\n');
  return `"${escaped}"`;
}

export function dotenvLine(name: string, value: string): string {
  if (!VARIABLE_NAME.test(name)) throw new Error(`Not a valid environment variable name: ${name}`);
  return `${name}=${dotenvValue(value)}`;
}

export function exportDotenv(entry: TokenEntry, options: { now: Date }): string {
  // Comments are free text from WHM: one line each, or a line break would start a variable.
  const comment = (text: string) => `# ${oneLine(text)}`;
  return [
    comment(`WHM API token "${entry.name}" of WHM user ${entry.user} on ${entry.host}`),
    comment(`Expires: ${expiryText(entry)}`),
    comment(`Exported by Token Warden on ${options.now.toISOString().replace(/\.\d{3}Z$/, 'Z')}. This file holds a live secret: keep it out of version control.`),
    comment('Use as: Authorization: whm $WHM_USER:$WHM_API_TOKEN'),
    dotenvLine('WHM_URL', entry.origin),
    dotenvLine('WHM_HOST', entry.host),
    dotenvLine('WHM_USER', entry.user),
    dotenvLine('WHM_TOKEN_NAME', entry.name),
    dotenvLine('WHM_API_TOKEN', entry.secret),
  ].join('\n') + '\n';
}
