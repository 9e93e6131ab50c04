import { defineContentScript } from 'wxt/utils/define-content-script';
import { readPageContext } from '../../utils/whm/page-context';
import { mountAuditBanner } from './audit-banner';

/**
 * Runs on WHM's Manage API Tokens page of every server the user enabled. Not in the
 * manifest: the background registers it per granted host (content-script-registration.ts).
 */
export default defineContentScript({
  registration: 'runtime',
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

    const page = readPageContext(document, location);
    if (!page) return;
    void mountAuditBanner(ctx, page);
  },
});
