import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { parseTemplate, TEMPLATE_AUTO_FIELDS, WHM_NAME_CHAR } from './naming';

/**
 * The values a team's naming pattern allows for a field of its name template, so the
 * form's helper can offer them: for `^(ops|billing)-[a-z0-9-]+-\d{8}$` and
 * `{team}-{purpose}-{yyyymmdd}`, team is one of `ops`, `billing`.
 *
 * The template and the pattern are read side by side: the template's literal text
 * (`-`) must be the pattern's literal characters at the same places, and a field whose
 * part of the pattern is one group of plain words (`(ops|billing)`, `(?:eu|us)`) gets
 * those words. Anything the two do not line up on gets nothing: offering a wrong value
 * would be worse than offering none.
 *
 * This runs in the background (the `form:context` reply): the parser is too big for the
 * content script's bundle.
 */

/** More choices than this is not a list a person picks from. */
const MAX_CHOICES = 30;
const AUTO: ReadonlySet<string> = new Set(TEMPLATE_AUTO_FIELDS);

export function templateFieldChoices(pattern: string | null, template: string | null): Record<string, string[]> {
  if (!pattern || !template) return {};
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: false });
  } catch {
    return {};
  }
  const elements = topLevelSequence(ast.alternatives);
  if (!elements) return {};

  const choices: Record<string, string[]> = {};
  const parts = parseTemplate(template);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if ('literal' in part) {
      for (const char of part.literal) {
        if (!isCharacter(elements[at], char)) return choices;
        at++;
      }
      continue;
    }
    // The field runs up to the pattern's copy of the next literal, or to the end.
    const next = parts[i + 1];
    if (next && !('literal' in next)) return choices; // two fields side by side: no telling where one ends
    const first = next ? [...next.literal][0]! : null;
    let end = at;
    while (end < elements.length && !(first !== null && isCharacter(elements[end], first))) end++;
    if (first !== null && end === elements.length) return choices;
    const words = end - at === 1 ? plainWords(elements[at]!) : null;
    if (words && !AUTO.has(part.field) && !Object.hasOwn(choices, part.field)) choices[part.field] = words;
    at = end;
  }
  return choices;
}

/** The pattern's elements between `^` and `$`, looking through a group around the whole. */
function topLevelSequence(alternatives: AST.Alternative[]): AST.Element[] | null {
  if (alternatives.length !== 1) return null;
  const elements = alternatives[0]!.elements.filter((e) => !(e.type === 'Assertion' && (e.kind === 'start' || e.kind === 'end')));
  const only = elements[0];
  if (elements.length === 1 && only && (only.type === 'Group' || only.type === 'CapturingGroup')) return topLevelSequence(only.alternatives);
  return elements;
}

function isCharacter(element: AST.Element | undefined, char: string): boolean {
  return element?.type === 'Character' && element.value === char.codePointAt(0);
}

/** `(ops|billing)` → ['ops', 'billing']; null unless every alternative is plain WHM-valid text. */
function plainWords(element: AST.Element): string[] | null {
  if (element.type !== 'Group' && element.type !== 'CapturingGroup') return null;
  const words: string[] = [];
  for (const alternative of element.alternatives) {
    let word = '';
    for (const e of alternative.elements) {
      if (e.type !== 'Character') return null;
      const char = String.fromCodePoint(e.value);
      if (!WHM_NAME_CHAR.test(char)) return null;
      word += char;
    }
    if (word === '' || words.includes(word)) continue;
    words.push(word);
  }
  return words.length >= 2 && words.length <= MAX_CHOICES ? words : null;
}
