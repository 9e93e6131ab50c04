import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../utils/i18n';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import { cellHost } from './cell-host';
import { trusted } from '../../components/trusted';
import { watchPage } from './page-watcher';

const HOST_TAG = 'token-warden-rotate-button';
const CSS = `button { font: 12px/1.5 system-ui, sans-serif; margin-left: 6px; padding: 0 8px; border: 1px solid #2a6ebb; color: #1a4f8a;
  background: #fff; border-radius: 3px; cursor: pointer; } button:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }`;

/**
 * Feature: a "Rotate" button beside WHM's Edit and Revoke in every token row, kept in
 * place as AngularJS re-renders the rows.
 */
export function mountRowRotateButtons(ctx: ContentScriptContext, rotate: (name: string) => void): void {
  const apply = () => {
    let label: string | undefined;
    for (const row of document.querySelectorAll<HTMLTableRowElement>(WHM_SELECTORS.tokenRow)) {
      const cell = row.querySelector(WHM_SELECTORS.actionsCell);
      const name = row.id;
      if (!cell || !name) continue;
      const { host, content, current } = cellHost(cell, HOST_TAG, CSS, name);
      if (current) continue;
      host.dataset.token = name;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label ??= t('rotate.button');
      button.dataset.testid = 'rotate-token';
      button.dataset.token = name;
      button.setAttribute('aria-label', t('rotate.buttonLabel', [name]));
      // Only the person's own click: a page script's click opens nothing (trusted.ts).
      button.addEventListener('click', trusted(() => rotate(name)));
      content.replaceChildren(button);
    }
  };
  watchPage(document, apply, { signal: ctx.signal, within: WHM_SELECTORS.tokenTable });
  ctx.onInvalidated(() => {
    document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());
  });
  apply();
}
