import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { E2E_MANIFEST_KEY, E2E_ORIGINS } from './scripts/e2e-identity';

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
    ...(mode === 'e2e' ? { key: E2E_MANIFEST_KEY } : {}),
    // Enterprise-managed policy (Chrome): the schema of what an administrator may set.
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'Token Warden' },
  }),
});
