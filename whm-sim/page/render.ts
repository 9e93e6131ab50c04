/**
 * The simulator's Manage API Tokens page: one HTML document per request that boots a
 * real AngularJS app (ngRoute, ngAnimate, ngAria, UI Bootstrap) reproducing the DOM
 * contract of WHM 11.120's page (reference/whm.md §4). Written from the documented facts
 * only.
 *
 * Like WHM, the document carries no `ng-app`: a small loader (js/loader.js) waits for
 * DOMContentLoaded, loads the libraries and the app in order, then bootstraps — so WHM's
 * elements appear well after the document is parsed, as with WHM's require.js loader.
 *
 * AngularJS 1.4.4 + UI Bootstrap 1.2.5 (WHM 11.120's versions) by default; 1.8.3 + UI
 * Bootstrap 2.5.6 on request. Both sets are served under the same URLs, so the page and
 * the app files are identical for both.
 *
 * By default no CSP (WHM sends none). With a CSP nonce the page runs under the strict
 * nonce policy: `ng-csp`, the CSP stylesheets, and the only inline script carries the
 * nonce. Templates travel inside the document as `<script type="text/ng-template">`
 * blocks (never executed), the ACL catalogue and the page facts as JSON blocks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type AngularVersion = '1.4' | '1.8';

export interface PageContext {
  cpsess: string; // e.g. "cpsess1234567890"
  user: string;
  hostName: string;
  version: string;
  aclCatalog: unknown;
  /**
   * The simulator's clock (Unix seconds) when it rendered the page. When set, the page
   * measures "now" (expired / expiring-soon rows, date defaults) against it instead of the
   * browser clock, so a frozen simulator clock gives deterministic rows.
   */
  serverTime?: number;
  /** Set only in CSP mode: the nonce of this response's Content-Security-Policy. */
  cspNonce?: string;
  /** Extra wait after DOMContentLoaded before the loader starts (default 0). */
  bootDelayMs?: number;
  /** Shows `#childAccountsExistWarning` (a parent node may use these tokens). */
  childAccountsExist?: boolean;
  /**
   * The Generate form's markup is in the page as served, and AngularJS binds it in place
   * when it boots (`bootDelayMs` later), instead of drawing it through the router. The
   * race this plays: a script that sets the form before AngularJS binds it sees its work
   * overwritten by the controller's initial model (GitHub issue 15).
   */
  formFirst?: boolean;
}

const pageDir = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

export interface StaticFile {
  file: string;
  type: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function packageFile(pkg: string, relative: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), relative);
}

/** npm package names per version (package.json installs both sets side by side with aliases). */
const LIBRARY_PACKAGES: Record<AngularVersion, { angular: string; route: string; animate: string; aria: string; uib: string }> = {
  '1.4': { angular: 'angular', route: 'angular-route', animate: 'angular-animate', aria: 'angular-aria', uib: 'angular-ui-bootstrap' },
  '1.8': {
    angular: 'angular-1.8',
    route: 'angular-route-1.8',
    animate: 'angular-animate-1.8',
    aria: 'angular-aria-1.8',
    uib: 'angular-ui-bootstrap-2.5',
  },
};

/** The app's own scripts, in load order (each adds to the module app.js creates). */
const APP_SCRIPTS = ['app.js', 'services.js', 'acl-catalog.js', 'directives.js', 'home.js', 'edit.js'];

/** What the loader loads, in order: the libraries, then the app. */
export const BOOT_SCRIPTS: readonly string[] = [
  '/sim-static/vendor/angular.min.js',
  '/sim-static/vendor/angular-route.min.js',
  '/sim-static/vendor/angular-animate.min.js',
  '/sim-static/vendor/angular-aria.min.js',
  '/sim-static/vendor/ui-bootstrap-tpls.min.js',
  ...APP_SCRIPTS.map((f) => `/sim-static/apitokens/${f}`),
];

const cache = new Map<AngularVersion, Record<string, StaticFile>>();

/** URL path under /sim-static/ → absolute file path and content type, for one AngularJS version. */
export function staticFiles(angular: AngularVersion = '1.4'): Record<string, StaticFile> {
  const cached = cache.get(angular);
  if (cached) return cached;
  const pkg = LIBRARY_PACKAGES[angular];
  const files: Record<string, StaticFile> = {
    'vendor/angular.min.js': { file: packageFile(pkg.angular, 'angular.min.js'), type: JS },
    'vendor/angular-csp.css': { file: packageFile(pkg.angular, 'angular-csp.css'), type: CSS },
    'vendor/angular-route.min.js': { file: packageFile(pkg.route, 'angular-route.min.js'), type: JS },
    'vendor/angular-animate.min.js': { file: packageFile(pkg.animate, 'angular-animate.min.js'), type: JS },
    'vendor/angular-aria.min.js': { file: packageFile(pkg.aria, 'angular-aria.min.js'), type: JS },
    // angular-ui-bootstrap ships no minified build; the name keeps WHM's habit.
    'vendor/ui-bootstrap-tpls.min.js': { file: packageFile(pkg.uib, 'dist/ui-bootstrap-tpls.js'), type: JS },
    'vendor/ui-bootstrap-csp.css': { file: packageFile(pkg.uib, 'dist/ui-bootstrap-csp.css'), type: CSS },
    'vendor/bootstrap.min.css': { file: packageFile('bootstrap', 'dist/css/bootstrap.min.css'), type: CSS },
    // bootstrap.min.css asks for ../fonts/… relative to /sim-static/vendor/
    'fonts/glyphicons-halflings-regular.woff2': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.woff2'), type: 'font/woff2' },
    'fonts/glyphicons-halflings-regular.woff': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.woff'), type: 'font/woff' },
    'fonts/glyphicons-halflings-regular.ttf': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.ttf'), type: 'font/ttf' },
    'fonts/glyphicons-halflings-regular.eot': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.eot'), type: 'application/vnd.ms-fontobject' },
    'fonts/glyphicons-halflings-regular.svg': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.svg'), type: 'image/svg+xml' },
    'apitokens/loader.js': { file: path.join(pageDir, 'js', 'loader.js'), type: JS },
    'apitokens/app.css': { file: path.join(pageDir, 'app.css'), type: CSS },
  };
  for (const f of APP_SCRIPTS) files[`apitokens/${f}`] = { file: path.join(pageDir, 'js', f), type: JS };
  cache.set(angular, files);
  return files;
}

/** Template id (as used by ngRoute / $uibModal / directives) → file in ./templates. */
const templates: Record<string, string> = {
  'apitokens/home.html': 'home.html',
  'apitokens/edit.html': 'edit.html',
  'apitokens/revoke-modal.html': 'revoke-modal.html',
  'apitokens/date-picker.html': 'date-picker.html',
  'apitokens/growl.html': 'growl.html',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no "</script", no "<!--", no U+2028/9. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function templateBlocks(): string {
  return Object.entries(templates)
    .map(([id, file]) => {
      const html = readFileSync(path.join(pageDir, 'templates', file), 'utf8');
      if (/<\/script/i.test(html)) throw new Error(`template ${file} must not contain </script>`);
      return `<script type="text/ng-template" id="${escapeHtml(id)}">\n${html}</script>`;
    })
    .join('\n');
}

export function renderApiTokensPage(ctx: PageContext): string {
  const prefix = `/${ctx.cpsess}`;
  const title = `WHM [${ctx.hostName}] Manage API Tokens - ${ctx.version}`;
  const serverTimeAttr =
    typeof ctx.serverTime === 'number' && Number.isFinite(ctx.serverTime)
      ? ` server-time="${Math.floor(ctx.serverTime)}"`
      : '';
  const csp = typeof ctx.cspNonce === 'string';
  const nonceAttr = csp ? ` nonce="${escapeHtml(ctx.cspNonce as string)}"` : '';
  // Under ng-csp AngularJS and UI Bootstrap inject no <style>: their CSP stylesheets
  // carry those rules (ng-hide among them). Without a CSP they inject them themselves.
  const cspStyles = csp
    ? `<link rel="stylesheet" href="/sim-static/vendor/angular-csp.css">
<link rel="stylesheet" href="/sim-static/vendor/ui-bootstrap-csp.css">
`
    : '';
  const bootDelay = Math.max(0, Math.floor(Number(ctx.bootDelayMs) || 0));
  const pageData = { childAccountsExist: ctx.childAccountsExist === true };
  return `<!DOCTYPE html>
<html lang="en"${csp ? ' ng-csp' : ''}>
<head>
<meta charset="utf-8">
<meta name="referrer" content="origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<base href="${escapeHtml(prefix)}/scripts7/apitokens/">
<link rel="stylesheet" href="/sim-static/vendor/bootstrap.min.css">
${cspStyles}<link rel="stylesheet" href="/sim-static/apitokens/app.css">
<script${nonceAttr}>window.COMMON = { userName: ${scriptSafeJson(ctx.user)} };</script>
<script src="/sim-static/apitokens/loader.js" data-app-module="whmApiTokens" data-boot-delay="${bootDelay}" data-scripts="${escapeHtml(BOOT_SCRIPTS.join(' '))}"></script>
</head>
<body>
<cp-root-variables user="${escapeHtml(ctx.user)}" directory-prefix="${escapeHtml(prefix)}" host-name="${escapeHtml(ctx.hostName)}" version="${escapeHtml(ctx.version)}"${serverTimeAttr}></cp-root-variables>
<header class="whm-topbar">
  <span class="whm-brand">WHM</span>
  <span class="whm-host">${escapeHtml(ctx.hostName)}</span>
  <span class="whm-user">Logged in as <strong>${escapeHtml(ctx.user)}</strong></span>
</header>
<nav class="whm-breadcrumb" aria-label="Breadcrumb">
  <span>Home</span> &raquo; <span>Development</span> &raquo; <span>Manage API Tokens</span>
</nav>
<div id="masterContainer" data-app-key="api_tokens">
  <h1 class="page-header whm-page-title">Manage API Tokens</h1>
  <div id="content" class="container-fluid">
    <p class="description">API tokens let scripts and remote systems call this server's APIs without your password. Give each token only the privileges it needs, restrict it to known IP addresses, and set it to expire.</p>
    <div growl></div>
    ${ctx.formFirst ? `<div ng-controller="EditController as vm">\n${readFileSync(path.join(pageDir, 'templates', 'edit.html'), 'utf8')}</div>` : '<div ng-view></div>'}
  </div>
</div>
<script type="application/json" id="acl-catalog">${scriptSafeJson(ctx.aclCatalog)}</script>
<script type="application/json" id="apitokens-page-data">${scriptSafeJson(pageData)}</script>
${templateBlocks()}
</body>
</html>
`;
}
