import { browser } from 'wxt/browser';
import { formatNumber, t } from '../../utils/i18n';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isPolicyChange } from '../../utils/policy/storage-keys';
import { readPageContext } from '../../utils/whm/page-context';
import { enabledServers } from '../../utils/servers';
import { pageProofContext } from './page-proof-context';
import { mountAuditBanner } from './audit-banner';
import { AuditStore } from './audit-store';
import { mountRowBadges } from './row-badges';
import { createDialogOpener, createFixer, createRotator } from './token-dialogs';
import { mountRowRotateButtons } from './row-rotate-buttons';
import { mountSecurePanel } from './secure-panel';
import { augmentTokenForm } from './token-form';
import { followWhmList } from './follow-whm-list';

/**
 * Runs on WHM's Manage API Tokens page of every server the user enabled. Not in the
 * manifest: the background registers it per granted host (content-script-registration.ts).
 */
export default defineContentScript({
  registration: 'runtime',
  // Starting before WHM's page is parsed lets our audit run alongside WHM's own list
  // request; the UIs attach when WHM's elements appear.
  runAt: 'document_start',
  async main() {
    // The background also injects into tabs that were open when the user enabled the
    // server; a page must never get two copies of every feature. The marker lives in our
    // isolated world, where no page script can set or clear it.
    const marker = '__tokenWardenLoaded';
    const scope = globalThis as typeof globalThis & Record<typeof marker, boolean | undefined>;
    if (scope[marker]) return;
    scope[marker] = true;
    const page = readPageContext(location);
    // Enabled by exact origin: a match pattern covers the host on every port, so another
    // service on another port of an enabled host stops here, before anything is shown.
    if (!page || !(await enabledServers(browser.storage.local)).has(location.origin)) {
      scope[marker] = undefined;
      return;
    }
    // Not the context WXT hands us: a page can forge the event that invalidates it.
    const ctx = pageProofContext('api-tokens');
    ctx.onInvalidated(() => {
      scope[marker] = undefined;
    });

    const audit = new AuditStore(page);
    // Ask for the audit at once, while WHM's own page is still loading its list.
    void audit.refresh();
    const openDialog = createDialogOpener(ctx, page, audit);
    const rotate = createRotator(openDialog);
    const revoke = (names: string[]) => openDialog({ kind: 'revoke', names }, t('confirmRevoke.title', names.length, [formatNumber(names.length)]));
    const fix = createFixer(openDialog, rotate, revoke);
    mountAuditBanner(ctx, audit, fix, revoke);
    mountRowRotateButtons(ctx, rotate);
    mountSecurePanel(ctx, page);
    mountRowBadges(ctx, audit);
    followWhmList(ctx, audit);
    const form = augmentTokenForm(ctx, page, audit);

    // A policy imported or edited in the options page (or pushed by an administrator)
    // reaches this page at once: audit again and re-check the form.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (!isPolicyChange(changes, area)) return;
      void audit.refresh();
      form.policyChanged();
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  },
});
