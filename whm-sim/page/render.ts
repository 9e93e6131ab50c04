// PLACEHOLDER — the page helper replaces this file with the AngularJS page.
export interface PageContext {
  cpsess: string; // e.g. "cpsess1234567890"
  user: string;
  hostName: string;
  version: string;
  nonce: string;
  aclCatalog: unknown;
}
export function renderApiTokensPage(ctx: PageContext): string {
  return `<!doctype html><html><head><title>WHM [${ctx.hostName}] Manage API Tokens - ${ctx.version}</title></head><body><p>placeholder</p></body></html>`;
}
/** URL path under /sim-static/ → absolute file path and content type. */
export const staticFiles: Record<string, { file: string; type: string }> = {};
