import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { FixKind } from '../../utils/audit/fixes';
import type { FrameTaskRequest } from '../../utils/frame-protocol';
import { t } from '../../utils/i18n';
import { readWhmUser, type PageContext } from '../../utils/whm/page-context';
import { WHM_SELECTORS } from '../../utils/whm/selectors';
import type { AuditStore } from './audit-store';
import { openFrame } from './frame-host';

/**
 * Features that change tokens — a rotation, a revoke from the banner — as dialogs of our
 * own origin over WHM's page. The decisions (create, confirm, revoke the old one) are
 * made inside the frame; a rotated token's secret goes from the background straight
 * into it and never enters WHM's page. This side only opens the dialog and, when the
 * frame says tokens changed, has the banner and WHM's table read them again.
 */
export function createDialogOpener(ctx: ContentScriptContext, page: PageContext, store: AuditStore): (task: FrameTaskRequest, label: string) => void {
  let open = false;
  return (task, label) => {
    if (open) return;
    open = true;
    const abort = new AbortController();
    ctx.onInvalidated(() => abort.abort());
    let watch: ReturnType<typeof setInterval> | undefined;
    const done = () => {
      open = false;
      clearInterval(watch);
      abort.abort();
    };
    // A replacement whose secret is not stored yet, for the one case the frame vanishes
    // under us (a page script can remove it): never lose a secret without a word.
    let unsavedReplacement: string | null = null;
    void openFrame({
      page,
      task,
      placement: 'modal',
      label,
      signal: abort.signal,
      onMessage: (message) => {
        if (message.type === 'created') unsavedReplacement = message.name;
        if (message.type === 'saved' && message.saved) unsavedReplacement = null;
        if (message.type === 'changed') {
          void store.refresh();
          // Let WHM's own table catch up with what changed.
          document.querySelector<HTMLElement>(WHM_SELECTORS.refreshList)?.click();
        }
        if (message.type === 'close') done();
      },
    }).then((opened) => {
      if ('error' in opened) {
        done();
        window.alert(opened.error.message);
        return;
      }
      watch = setInterval(() => {
        if (opened.iframe.isConnected) return;
        // Our own window.alert (isolated world): a page script cannot silence it.
        if (unsavedReplacement) window.alert(t('panel.rotatedLost', [unsavedReplacement, t('panel.frameRemoved')]));
        done();
      }, 1_000);
    });
  };
}

/** Rotation's entry point for the row buttons and the banner. */
export function createRotator(openDialog: ReturnType<typeof createDialogOpener>): (name: string) => void {
  return (name) => openDialog({ kind: 'rotate', name, user: readWhmUser(document) }, t('rotate.title', [name]));
}

/**
 * Fixes in place (utils/audit/fixes.ts) for the banner's `[data-fix]` buttons: a rotation
 * and a revoke are the dialogs those already have; every other fix is one confirmed
 * update of that one token, in a fix dialog of our own origin.
 */
export function createFixer(
  openDialog: ReturnType<typeof createDialogOpener>,
  rotate: (name: string) => void,
  revoke: (names: string[]) => void,
): (kind: FixKind, name: string) => void {
  return (kind, name) => {
    if (kind === 'rotate') rotate(name);
    else if (kind === 'revoke') revoke([name]);
    else openDialog({ kind: 'fix', fix: kind, name }, t('fix.frameLabel', [name]));
  };
}
