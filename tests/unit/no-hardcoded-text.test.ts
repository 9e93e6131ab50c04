import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Fails when a UI gains a hard-coded English text instead of a `t('…')` message:
 * JSX text, user-facing JSX attributes (aria-label, title, placeholder, alt), and
 * DOM writes (`el.textContent = '…'`, `el.title = '…'`, `setAttribute('aria-label', '…')`).
 * Text without letters (✓, …, •, punctuation) is fine, and so is a literal inside `<code>`.
 */
const root = resolve(import.meta.dirname, '../..');
const UI_DIRS = ['components', 'entrypoints'];
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext']);
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt', 'ariaLabel']);

function files(dir: string): string[] {
  return readdirSync(resolve(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(resolve(root, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

/** The literal parts of a string or template (`…${x}…`), which is what a translator would need. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** `<code>/cpsess…</code>`, `<code>*.token-policy.json</code>`: literal names, the same in every language. */
const inCode = (node: ts.JsxText) => ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText() === 'code';

export function hardCodedTexts(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${file}:${line + 1}: ${text.trim().replace(/\s+/g, ' ')}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !inCode(node)) report(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      const text = value && literalText(value);
      if (text && hasWords(text)) report(node, text);
    }
    // `{'Some text'}` or {`Some ${x}`} as a JSX child.
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text && hasWords(text)) report(node, text);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const text = TEXT_PROPERTIES.has(node.left.name.text) ? literalText(node.right) : null;
      if (text && hasWords(text)) report(node, text);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute') {
      const [name, value] = node.arguments;
      const attribute = name && literalText(name);
      const text = value && literalText(value);
      if (attribute && TEXT_ATTRIBUTES.has(attribute) && text && hasWords(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no hard-coded user-visible text', () => {
  const sources = UI_DIRS.flatMap(files);

  it('scans the UI sources', () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  it('every text in components/ and entrypoints/ is a message', () => {
    const found = sources.flatMap((file) => hardCodedTexts(file, readFileSync(resolve(root, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches the kinds of text it is meant to catch', () => {
    const sample = [
      `const a = <p>Revoke it</p>;`,
      `const b = <button aria-label="Close it">✓</button>;`,
      `const c = <p>{'Plain text'}</p>;`,
      `el.textContent = 'Rotate';`,
      'el.title = `Rotate ${name}`;',
      `el.setAttribute('aria-label', 'Rotate');`,
    ].join('\n');
    expect(hardCodedTexts('sample.tsx', sample)).toHaveLength(6);
    const fine = [`const a = <p>{t('x')} ✓ … •</p>;`, `const b = <b aria-label={t('y')}>:</b>;`, `el.textContent = t('z');`, `el.className = 'tw-x';`].join('\n');
    expect(hardCodedTexts('fine.tsx', fine)).toEqual([]);
  });
});
