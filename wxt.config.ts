import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Origins the e2e build is pre-granted, so automated tests go through the same
 * "granted origin → registered content script" path a user's click takes. The
 * production build has none: host access is only ever optional and per server.
 */
export const E2E_ORIGINS = ['https://127.0.0.1/*', 'https://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode }) => ({
    name: 'Token Warden for WHM',
    description:
      "Audits, presets, expiry defaults and a secure secret step for WHM's Manage API Tokens page.",
    permissions: ['storage', 'scripting', 'activeTab'],
    // Every WHM server is a different host on a port we cannot know: ask per server.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'e2e' ? E2E_ORIGINS : [],
    action: { default_title: 'Token Warden' },
  }),
});
