import { adoptCss } from './shadow-ui';

/**
 * The element our row UIs live in: one open shadow root per WHM table cell, found
 * again (not duplicated) after AngularJS re-renders, so WHM's styles and ours never mix.
 * Returns the host, the element to draw into (laid out as if it were the shadow root
 * itself), and whether the host already shows `signature` (then nothing needs drawing).
 */
export function cellHost(cell: Element, tag: `token-warden-${string}`, css: string, signature: string): { host: HTMLElement; content: HTMLElement; current: boolean } {
  let host = cell.querySelector<HTMLElement>(`:scope > ${tag}`);
  if (host?.dataset.signature === signature) return { host, content: host.shadowRoot!.lastElementChild as HTMLElement, current: true };
  if (!host) {
    host = cell.ownerDocument.createElement(tag);
    const root = host.attachShadow({ mode: 'open' });
    adoptCss(root, css);
    const content = cell.ownerDocument.createElement('div');
    content.style.display = 'contents';
    root.append(content);
    cell.append(host);
  }
  host.dataset.signature = signature;
  return { host, content: host.shadowRoot!.lastElementChild as HTMLElement, current: false };
}
