/**
 * Where a WHM session lives in a URL. WHM puts the security token (`cpsess` + 10
 * digits) as the first path segment of every page of a session; the Manage API Tokens
 * page is `/cpsess…/scriptsN/apitokens/…` on whatever port the server uses.
 */

const CPSESS = /^\/(cpsess\d{10})(?:\/|$)/;
const API_TOKENS_PAGE = /^\/cpsess\d{10}\/scripts\d*\/apitokens(?:\/|$)/;

/** The session token of a WHM page path, or null when the path carries none. */
export function readCpsess(pathname: string): string | null {
  return CPSESS.exec(pathname)?.[1] ?? null;
}

export function isApiTokensPage(pathname: string): boolean {
  return API_TOKENS_PAGE.test(pathname);
}

/** A WHM tab is any page whose path starts with a session token. */
export function isWhmUrl(url: string): boolean {
  const parsed = safeUrl(url);
  return !!parsed && /^https?:$/.test(parsed.protocol) && readCpsess(parsed.pathname) !== null;
}

/**
 * The host permission to ask for one server. Match patterns cannot carry a port in
 * Firefox, and WHM may answer on 2087, 2086 or 443, so the grant covers the host.
 */
export function hostPermissionFor(url: string): string | null {
  const parsed = safeUrl(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/**
 * The content-script match pattern for one granted origin pattern
 * (`https://host/*` → `https://host/cpsess*\/scripts*\/apitokens*`). Returns null for
 * broad grants (`https://*\/*`) so a wildcard grant never turns into "every site".
 */
export function apiTokensPatternFor(originPattern: string): string | null {
  const m = /^(https?):\/\/([^/*]+)\/\*$/.exec(originPattern);
  if (!m) return null;
  return `${m[1]}://${m[2]}/cpsess*/scripts*/apitokens*`;
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Which view of the Manage API Tokens page a path shows: the token table (`home`),
 * the Generate form (`…/edit`) or the Edit form of one token (`…/edit/<name>`).
 */
export function apiTokensView(pathname: string): { view: 'home' } | { view: 'create' } | { view: 'edit'; name: string } | null {
  const m = /^\/cpsess\d{10}\/scripts\d*\/apitokens(?:\/(home|edit)(?:\/([^/]+))?)?\/?$/.exec(pathname);
  if (!m) return null;
  if (m[1] !== 'edit') return { view: 'home' };
  if (!m[2]) return { view: 'create' };
  try {
    return { view: 'edit', name: decodeURIComponent(m[2]) };
  } catch {
    return { view: 'edit', name: m[2] };
  }
}
