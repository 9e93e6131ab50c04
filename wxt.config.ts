import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { E2E_MANIFEST_KEY, E2E_ORIGINS } from './scripts/e2e-identity';
import { zodWithoutEval } from './scripts/zod-without-eval';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  vite: () => ({ plugins: [preact(), zodWithoutEval()] }),
  manifest: ({ mode, browser }) => ({
    // Every text the user sees is in locales/*.yml (extName, extDescription included).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // clipboardWrite (+ offscreen in Chrome): clearing a copied secret after the delay,
    // from a context that outlives the tab. clipboardRead stays optional: granted in the
    // options page, it lets the clear check the clipboard still holds the secret.
    permissions: ['storage', 'scripting', 'activeTab', 'alarms', 'notifications', 'clipboardWrite', ...(browser === 'firefox' ? [] : ['offscreen'])],
    optional_permissions: ['clipboardRead'],
    // Our secure frame is framed into WHM's page, whose origins are only known at run
    // time, so it must be reachable from any site. In Chrome it is reachable only through
    // a dynamic address that changes every session, so no site can probe for us; Firefox
    // has no such key, but its moz-extension:// host is already a random per-install UUID.
    web_accessible_resources: [
      {
        resources: ['secure-frame.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Every WHM server is a different host on a port we cannot know: ask per server.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'e2e' ? E2E_ORIGINS : [],
    ...(mode === 'e2e' ? { key: E2E_MANIFEST_KEY } : {}),
    // Enterprise-managed policy (Chrome): the schema of what an administrator may set.
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'Token Warden' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Fixed, so administrators can address it in policies.json.
              id: 'token-warden@token-warden.dev',
              // The first Firefox with every key we use: data_collection_permissions came
              // last, in 140 (an ESR); optional host permissions in MV3 need 128.
              strict_min_version: '140.0',
              // Token Warden sends nothing anywhere but the user's own WHM (and Vault).
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learnt data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
