import type { Plugin } from 'vite';

/**
 * Builds zod without its `Function` constructor. zod compiles fast validators with
 * `new Function` when it may; an extension's CSP forbids that anyway, so the code is dead
 * weight — and a store reviewer's flag (web-ext lint: DANGEROUS_EVAL). zod's `jitless`
 * setting only skips the probe at run time; the code stays in the bundle. This removes
 * both places at build time, and fails the build if zod's code changed shape, so the
 * guarantee cannot silently lapse. zod then validates exactly as before, interpreted.
 */
const FILES = /zod[\\/]v4[\\/]core[\\/](util|doc)\.js$/;
const PROBE = /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch \(_\) \{\s*return false;\s*\}/;
const COMPILE = /compile\(\) \{\s*const F = Function;[\s\S]*?return factory\(\.\.\.Object\.values\(this\.closed\)\);\s*\}/;

export function zodWithoutEval(): Plugin {
  return {
    name: 'token-warden:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      const file = FILES.exec(id)?.[1];
      if (!file) return null;
      const pattern = file === 'util' ? PROBE : COMPILE;
      if (!pattern.test(code)) this.error(`zod's ${file}.js no longer has the shape zod-without-eval expects: update scripts/zod-without-eval.ts`);
      const replacement = file === 'util' ? 'return false;' : 'compile() { throw new Error("zod’s compiler is not built into Token Warden"); }';
      return { code: code.replace(pattern, replacement), map: null };
    },
  };
}
