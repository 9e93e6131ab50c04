import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No `Function` constructor anywhere in what we ship (issue 11; web-ext lint's
 * DANGEROUS_EVAL). zod's JIT is removed at build time (scripts/zod-without-eval.ts);
 * this checks the built files themselves, so a dependency that brings one back fails.
 */
const root = resolve(import.meta.dirname, '../../.output/chrome-mv3');
const scripts = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scripts(path) : name.endsWith('.js') ? [path] : [];
  });
// `Function(…)`, `new Function(…)`, or the constructor taken into a variable (`=Function,`);
// not `Function.prototype…` or `Function.call…`, which only name it.
const USES_CONSTRUCTOR = /(?<![\w$.])Function\s*\(|=\s*Function\s*[,;)]/;

describe('the production build', () => {
  it('has no Function constructor in any script', () => {
    const files = scripts(root);
    expect(files.length).toBeGreaterThan(3);
    const offenders = files.filter((file) => USES_CONSTRUCTOR.test(readFileSync(file, 'utf8'))).map((f) => f.slice(root.length));
    expect(offenders).toEqual([]);
  });

  it('recognises the constructor in every spelling the check means to catch', () => {
    for (const code of ['new Function("")', 'try{return Function(``),!0}', 'let e=Function,t=1', 'x=Function;']) expect(USES_CONSTRUCTOR.test(code), code).toBe(true);
    for (const code of ['Function.call.bind(x)', 'Function.prototype.toString', 'isFunction(x)', 'myFunction(1)']) expect(USES_CONSTRUCTOR.test(code), code).toBe(false);
  });
});
