import { watchPage } from './page-watcher';

/**
 * Our UI's place in WHM's page: a host of our own tag (`token-warden-…`, which the page
 * watcher knows as ours) with an open shadow root, WHM's styles reset at the host, and
 * our CSS in one constructed stylesheet per text, shared by every root that uses it.
 * A hundred row badges then cost the browser one stylesheet, not a hundred `<style>`
 * elements to parse and match on every sort.
 *
 * Written here rather than with WXT's createShadowRootUi: that one brings an element
 * watcher of its own (wait-element and its helpers, about 8 KB) to mount UIs, where the
 * content script has one watcher for every feature (page-watcher.ts), and the content
 * script must stay small (issue 14: ≤ 25 KB gzip).
 */
const RESET = ':host { all: initial !important; }';
const sheets = new Map<string, CSSStyleSheet>();

/** Gives `root` the CSS `css`: a shared constructed sheet, or a `<style>` where a browser will not adopt one. */
export function adoptCss(root: ShadowRoot, css: string): void {
  let sheet = sheets.get(css);
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return;
  } catch {
    // Firefox's content scripts may not hand the page's root a sheet made in their world.
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

export interface ShadowUi {
  host: HTMLElement;
  /** Where the UI renders, inside the shadow root. */
  container: HTMLElement;
}

export function createShadowUi(doc: Document, tag: `token-warden-${string}`, css: string): ShadowUi {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  adoptCss(root, `${RESET}\n${css}`);
  const container = doc.createElement('div');
  root.append(container);
  return { host, container };
}

/**
 * Keeps `ui` beside its WHM anchor while the page changes: placed when the anchor
 * appears (again: AngularJS re-creates its views), taken out when it goes, removed for
 * good when `signal` aborts. `onMount` hears each new anchor.
 */
export function keepBeside(
  doc: Document,
  ui: ShadowUi,
  place: { anchor: () => Element | null | undefined; append: 'before' | 'after'; signal: AbortSignal; onMount?: (anchor: Element) => void; onRemove?: () => void },
): void {
  let at: Element | null = null;
  const check = () => {
    const anchor = place.anchor() ?? null;
    if (anchor && (anchor !== at || !ui.host.isConnected)) {
      if (place.append === 'before') anchor.before(ui.host);
      else anchor.after(ui.host);
      const isNew = anchor !== at;
      at = anchor;
      if (isNew) place.onMount?.(anchor);
    } else if (!anchor && at) {
      ui.host.remove();
      at = null;
      place.onRemove?.();
    }
  };
  watchPage(doc, check, { signal: place.signal });
  place.signal.addEventListener(
    'abort',
    () => {
      ui.host.remove();
      if (at) place.onRemove?.();
      at = null;
    },
    { once: true },
  );
  check();
}
