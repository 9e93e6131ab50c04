import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Security promise 2, checked on the built artefacts: the production manifest asks
 * for no install-time access to all sites. `npm test` builds both variants first.
 */
const root = resolve(import.meta.dirname, '../..');
const read = (dir: string) => {
  const file = resolve(root, '.output', dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx wxt build\`, \`npx wxt build --mode e2e\` and the same with \`-b firefox --mv3\` first (npm test does).`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
};

const BROAD = /^(<all_urls>|\*:\/\/\*\/.*|https?:\/\/\*\/.*|https?:\/\/\*\.[^/]*\/.*|\*:\/\/\*\.[^/]*\/.*)$/;

/** Every place a Chrome MV3 manifest can grant host access at install time. */
function installTimeHostAccess(manifest: Record<string, unknown>): string[] {
  const hosts = (manifest.host_permissions as string[] | undefined) ?? [];
  const permissions = ((manifest.permissions as string[] | undefined) ?? []).filter((p) => p.includes('://') || p === '<all_urls>');
  const contentScripts = ((manifest.content_scripts as Array<{ matches?: string[] }> | undefined) ?? []).flatMap((c) => c.matches ?? []);
  // A web-accessible resource grants no access, but a static one lets any site probe for
  // the extension: only resources behind Chrome's per-session dynamic address are exempt.
  const accessible = ((manifest.web_accessible_resources as Array<{ matches?: string[]; use_dynamic_url?: boolean }> | undefined) ?? [])
    .filter((w) => w.use_dynamic_url !== true)
    .flatMap((w) => w.matches ?? []);
  return [...hosts, ...permissions, ...contentScripts, ...accessible];
}

describe('production manifest', () => {
  const manifest = read('chrome-mv3');

  it('grants no install-time access to all sites', () => {
    const broad = installTimeHostAccess(manifest).filter((p) => BROAD.test(p));
    expect(broad).toEqual([]);
  });

  it('grants no install-time host access at all; hosts are optional and per server', () => {
    expect(installTimeHostAccess(manifest)).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
    expect(manifest.content_scripts ?? []).toEqual([]);
  });

  it('declares the managed-policy schema and ships it', () => {
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(existsSync(resolve(root, '.output/chrome-mv3/managed_schema.json'))).toBe(true);
  });

  it('asks only for the API permissions it uses', () => {
    expect([...((manifest.permissions as string[]) ?? [])].sort()).toEqual(['activeTab', 'alarms', 'clipboardWrite', 'notifications', 'offscreen', 'scripting', 'storage']);
    expect(manifest.optional_permissions).toEqual(['clipboardRead']);
  });

  it('exposes only the secure frame, and only through a per-session dynamic address', () => {
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['secure-frame.html'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true }]);
  });
});

describe('e2e manifest', () => {
  it('differs from production only by the pre-granted loopback hosts', () => {
    const production = read('chrome-mv3');
    const e2e = read('chrome-mv3-e2e');
    expect(e2e.host_permissions).toEqual(['https://127.0.0.1/*', 'https://localhost/*']);
    expect(typeof e2e.key).toBe('string');
    const { key: _key, ...rest } = e2e;
    expect({ ...rest, host_permissions: [] }).toEqual(production);
  });
});

describe('Firefox production manifest', () => {
  const manifest = read('firefox-mv3');
  const gecko = (manifest.browser_specific_settings as { gecko: Record<string, unknown>; gecko_android?: Record<string, unknown> }) ?? {};

  it('grants no install-time host access; hosts are optional and per server', () => {
    // Its web-accessible frame is not counted: a moz-extension:// host is a random
    // per-install UUID, so no site can probe for it (Chrome needs use_dynamic_url for that).
    expect(installTimeHostAccess({ ...manifest, web_accessible_resources: [] })).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['https://*/*', 'http://*/*']));
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['secure-frame.html'], matches: ['https://*/*', 'http://*/*'] }]);
  });

  it('asks for the same API permissions as Chrome, less the offscreen document', () => {
    expect([...((manifest.permissions as string[]) ?? [])].sort()).toEqual(['activeTab', 'alarms', 'clipboardWrite', 'notifications', 'scripting', 'storage']);
    expect(manifest.optional_permissions).toEqual(['clipboardRead']);
  });

  it('names its id, says it collects nothing, and needs the first Firefox with every key it uses', () => {
    expect(gecko.gecko).toEqual({ id: 'token-warden@token-warden.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } });
    expect(gecko.gecko_android).toEqual({ strict_min_version: '142.0' });
  });

  it('runs its background as an event page', () => {
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
  });

  it('differs in its e2e build only by the pre-granted loopback hosts', () => {
    const e2e = read('firefox-mv3-e2e');
    expect(e2e.host_permissions).toEqual(['https://127.0.0.1/*', 'https://localhost/*']);
    const { key: _key, ...rest } = e2e;
    expect({ ...rest, host_permissions: [] }).toEqual(manifest);
  });
});

describe('the broad-pattern check itself', () => {
  it('recognises every spelling of "all sites"', () => {
    for (const p of ['<all_urls>', '*://*/*', 'https://*/*', 'http://*/*', 'https://*/cpsess*/scripts*/apitokens*', 'https://*.com/*']) {
      expect(installTimeHostAccess({ host_permissions: [p] }).filter((x) => BROAD.test(x))).toEqual([p]);
    }
    expect(installTimeHostAccess({ content_scripts: [{ matches: ['https://*/*'] }] }).filter((x) => BROAD.test(x))).toEqual(['https://*/*']);
    expect(installTimeHostAccess({ host_permissions: ['https://127.0.0.1/*'] }).filter((x) => BROAD.test(x))).toEqual([]);
  });
});
