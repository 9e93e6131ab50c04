/**
 * The element our row UIs live in: one open shadow root per WHM table cell, found
 * again (not duplicated) after AngularJS re-renders, so WHM's styles and ours never mix.
 * Returns the host and whether it already shows `signature` (then nothing needs drawing).
 */
export function cellHost(cell: Element, tag: string, signature: string): { host: HTMLElement; current: boolean } {
  let host = cell.querySelector<HTMLElement>(`:scope > ${tag}`);
  if (host?.dataset.signature === signature) return { host, current: true };
  if (!host) {
    host = cell.ownerDocument.createElement(tag);
    host.attachShadow({ mode: 'open' });
    cell.append(host);
  }
  host.dataset.signature = signature;
  return { host, current: false };
}
