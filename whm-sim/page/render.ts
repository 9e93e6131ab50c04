/**
 * The simulator's Manage API Tokens page: one HTML document per request that boots a
 * real AngularJS 1.8 app (ngRoute + UI Bootstrap) reproducing the DOM contract of WHM's
 * page (reference/whm.md §4). Written from the documented facts only.
 *
 * Everything the page runs is served from /sim-static/ (script-src 'self'); the only inline
 * script is the nonce'd `window.COMMON` one. Templates travel inside the document as
 * `<script type="text/ng-template">` blocks (never executed, so CSP leaves them alone), and
 * the ACL catalogue as a `<script type="application/json">` block.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PageContext {
  cpsess: string; // e.g. "cpsess1234567890"
  user: string;
  hostName: string;
  version: string;
  nonce: string;
  aclCatalog: unknown;
  /**
   * The simulator's clock (Unix seconds) when it rendered the page. When set, the page
   * measures "now" (expired / expiring-soon rows, date defaults) against it instead of the
   * browser clock, so a frozen simulator clock gives deterministic rows.
   */
  serverTime?: number;
}

const pageDir = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

function packageFile(pkg: string, relative: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), relative);
}

/** URL path under /sim-static/ → absolute file path and content type. */
export const staticFiles: Record<string, { file: string; type: string }> = {
  'vendor/angular.min.js': { file: packageFile('angular', 'angular.min.js'), type: 'text/javascript; charset=utf-8' },
  'vendor/angular-csp.css': { file: packageFile('angular', 'angular-csp.css'), type: 'text/css; charset=utf-8' },
  'vendor/angular-route.min.js': { file: packageFile('angular-route', 'angular-route.min.js'), type: 'text/javascript; charset=utf-8' },
  // angular-ui-bootstrap 2.5.6 ships no minified build; the name keeps WHM's habit.
  'vendor/ui-bootstrap-tpls.min.js': { file: packageFile('angular-ui-bootstrap', 'dist/ui-bootstrap-tpls.js'), type: 'text/javascript; charset=utf-8' },
  'vendor/ui-bootstrap-csp.css': { file: packageFile('angular-ui-bootstrap', 'dist/ui-bootstrap-csp.css'), type: 'text/css; charset=utf-8' },
  'vendor/bootstrap.min.css': { file: packageFile('bootstrap', 'dist/css/bootstrap.min.css'), type: 'text/css; charset=utf-8' },
  // bootstrap.min.css asks for ../fonts/… relative to /sim-static/vendor/
  'fonts/glyphicons-halflings-regular.woff2': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.woff2'), type: 'font/woff2' },
  'fonts/glyphicons-halflings-regular.woff': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.woff'), type: 'font/woff' },
  'fonts/glyphicons-halflings-regular.ttf': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.ttf'), type: 'font/ttf' },
  'fonts/glyphicons-halflings-regular.eot': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.eot'), type: 'application/vnd.ms-fontobject' },
  'fonts/glyphicons-halflings-regular.svg': { file: packageFile('bootstrap', 'dist/fonts/glyphicons-halflings-regular.svg'), type: 'image/svg+xml' },
  'apitokens/app.js': { file: path.join(pageDir, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'apitokens/app.css': { file: path.join(pageDir, 'app.css'), type: 'text/css; charset=utf-8' },
};

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
  const nonce = escapeHtml(ctx.nonce);
  return `<!DOCTYPE html>
<html lang="en" ng-csp>
<head>
<meta charset="utf-8">
<meta name="referrer" content="origin">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<base href="${escapeHtml(prefix)}/scripts7/apitokens/">
<link rel="stylesheet" href="/sim-static/vendor/bootstrap.min.css">
<link rel="stylesheet" href="/sim-static/vendor/angular-csp.css">
<link rel="stylesheet" href="/sim-static/vendor/ui-bootstrap-csp.css">
<link rel="stylesheet" href="/sim-static/apitokens/app.css">
<script nonce="${nonce}">window.COMMON = { userName: ${scriptSafeJson(ctx.user)} };</script>
</head>
<body ng-app="whmApiTokens" ng-strict-di>
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
    <div ng-view></div>
  </div>
</div>
<script type="application/json" id="acl-catalog">${scriptSafeJson(ctx.aclCatalog)}</script>
${templateBlocks()}
<script src="/sim-static/vendor/angular.min.js"></script>
<script src="/sim-static/vendor/angular-route.min.js"></script>
<script src="/sim-static/vendor/ui-bootstrap-tpls.min.js"></script>
<script src="/sim-static/apitokens/app.js"></script>
</body>
</html>
`;
}
