import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { enabledServers, exactOrigin, hostStillNeeded, migrateEnablements, setServerEnabled } from './servers';

describe('servers by exact origin', () => {
  it('keeps the port: another port of the same host is another server', async () => {
    fakeBrowser.reset();
    await setServerEnabled(fakeBrowser.storage.local, 'https://whm.example.com:2087', true);
    const enabled = await enabledServers(fakeBrowser.storage.local);
    expect(enabled.has('https://whm.example.com:2087')).toBe(true);
    expect(enabled.has('https://whm.example.com:2083')).toBe(false);
    expect(enabled.has('https://whm.example.com')).toBe(false);
    await setServerEnabled(fakeBrowser.storage.local, 'https://whm.example.com:2087', false);
    expect((await enabledServers(fakeBrowser.storage.local)).size).toBe(0);
  });

  it('writes origins the way the browser does', () => {
    expect(exactOrigin('https://WHM.example.com:2087/cpsess0123456789/scripts7/apitokens/home')).toBe('https://whm.example.com:2087');
    expect(exactOrigin('https://whm.example.com:443/')).toBe('https://whm.example.com');
    expect(exactOrigin('chrome://extensions')).toBeNull();
    expect(exactOrigin('not a url')).toBeNull();
  });

  it('gives a host permission back only when no other server and not the Vault use the host', () => {
    const enabled = new Set(['https://a.example:2087', 'https://a.example:2083', 'https://b.example:2087']);
    expect(hostStillNeeded('https://a.example:2087', enabled, null)).toBe(true);
    expect(hostStillNeeded('https://b.example:2087', enabled, null)).toBe(false);
    expect(hostStillNeeded('https://b.example:2087', enabled, 'https://b.example:8200')).toBe(true);
  });

  it('migrates host-wide enablements to the origins actually audited, else WHM’s default port', () => {
    expect(
      migrateEnablements({
        grantedPatterns: ['https://a.example/*', 'https://b.example/*', 'http://c.example/*', 'https://off.example/*', 'https://*/*'],
        disabledPatterns: new Set(['https://off.example/*']),
        seenOrigins: ['https://a.example:2087', 'https://a.example', 'https://off.example:2087', 'https://other.example:2087'],
      }),
    ).toEqual(['http://c.example:2086', 'https://a.example', 'https://a.example:2087', 'https://b.example:2087']);
  });
});
