import { t } from '../i18n';
import { WHM_NAME_CHAR, WHM_NAME_MAX } from '../naming';

/**
 * The team's naming template (`naming.template`, e.g. `{team}-{purpose}-{yyyymmdd}`): the
 * form's helper fills it (naming.ts `buildName`), so its fixed text must be WHM-valid and
 * leave room within WHM's 50 characters. The vault path template shares its placeholder
 * syntax (policy-schema.ts).
 */

// A free field is one the user fills in the form; the date fields are filled for them.
const FREE_FIELD = /^[a-z][a-z0-9_]{0,20}$/;

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; name: string };

/** Splits `{word}` placeholders from literal text; brace mistakes come back as problems. */
export function parseTemplate(template: string): { parts: TemplatePart[]; problems: string[] } {
  const parts: TemplatePart[] = [];
  const problems: string[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '}') {
      problems.push(t('policyProblem.template.unmatchedClose', [String(i + 1)]));
    } else if (char === '{') {
      const close = template.indexOf('}', i + 1);
      const reopen = template.indexOf('{', i + 1);
      if (close === -1 || (reopen !== -1 && reopen < close)) {
        problems.push(t('policyProblem.template.unclosed', [String(i + 1)]));
        continue;
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'field', name: template.slice(i + 1, close) });
      i = close;
    } else {
      text += char;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return { parts, problems };
}

const AUTO_FIELD_LENGTH: Record<string, number> = { yyyymmdd: 8, yyyy: 4, mm: 2, dd: 2 };

/** Why a naming template cannot be used (empty when it is fine). */
export function namingTemplateProblems(template: string): string[] {
  const { parts, problems } = parseTemplate(template);
  const badChars = new Set<string>();
  let fixedLength = 0;
  for (const part of parts) {
    if (part.kind === 'text') {
      for (const char of part.text) if (!WHM_NAME_CHAR.test(char)) badChars.add(char);
      fixedLength += part.text.length;
    } else if (!FREE_FIELD.test(part.name)) {
      problems.push(t('policyProblem.template.badField', [part.name]));
    } else {
      fixedLength += AUTO_FIELD_LENGTH[part.name] ?? 0;
    }
  }
  for (const char of badChars) {
    problems.push(t('policyProblem.template.badChar', [JSON.stringify(char)]));
  }
  if (fixedLength > WHM_NAME_MAX) {
    problems.push(t('policyProblem.template.tooLong', [String(fixedLength), String(WHM_NAME_MAX)]));
  }
  return problems;
}
