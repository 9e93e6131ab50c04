import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isPolicyChange } from '../../utils/policy/storage-keys';
import { readPageContext } from '../../utils/whm/page-context';
import { mountAuditBanner } from './audit-banner';
import { AuditStore } from './audit-store';
import { mountRowBadges } from './row-badges';
import { createRotator } from './rotate-token';
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
  main(ctx) {
    // The background also injects into tabs that were open when the user enabled the
    // server; a page must never get two copies of every feature.
    const marker = '__tokenWardenLoaded';
    const scope = globalThis as typeof globalThis & Record<typeof marker, boolean | undefined>;
    if (scope[marker]) return;
    scope[marker] = true;
    ctx.onInvalidated(() => {
      scope[marker] = undefined;
    });

    const page = readPageContext(location);
    if (!page) return;
    const audit = new AuditStore(page);
    // Ask for the audit at once, while WHM's own page is still loading its list.
    void audit.refresh();
    const rotate = createRotator(ctx, page, audit);
    void mountAuditBanner(ctx, audit, rotate);
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
