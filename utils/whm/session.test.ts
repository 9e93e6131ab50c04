import { describe, expect, it } from 'vitest';
import { apiTokensPatternFor, apiTokensView, hostPermissionFor, isApiTokensPage, isWhmUrl, readCpsess } from './session';

describe('readCpsess', () => {
  it('reads the 10-digit token from the first segment', () => {
    expect(readCpsess('/cpsess0123456789/scripts7/apitokens/home')).toBe('cpsess0123456789');
    expect(readCpsess('/cpsess0123456789')).toBe('cpsess0123456789');
  });
  it('refuses tokens of the wrong length or in another segment', () => {
    expect(readCpsess('/cpsess012345678/scripts7')).toBeNull();
    expect(readCpsess('/cpsess01234567890/scripts7')).toBeNull();
    expect(readCpsess('/x/cpsess0123456789/')).toBeNull();
    expect(readCpsess('/')).toBeNull();
  });
});

describe('isApiTokensPage', () => {
  it('matches every route of the page and any scriptsN', () => {
    expect(isApiTokensPage('/cpsess0123456789/scripts7/apitokens/home')).toBe(true);
    expect(isApiTokensPage('/cpsess0123456789/scripts7/apitokens/edit/abc')).toBe(true);
    expect(isApiTokensPage('/cpsess0123456789/scripts12/apitokens')).toBe(true);
  });
  it('does not match other WHM pages', () => {
    expect(isApiTokensPage('/cpsess0123456789/scripts7/listaccts')).toBe(false);
    expect(isApiTokensPage('/cpsess0123456789/scripts7/apitokensx')).toBe(false);
  });
});

describe('host permissions', () => {
  it('grants the host on any port, keeping the scheme', () => {
    expect(hostPermissionFor('https://whm.example.com:2087/cpsess0123456789/')).toBe('https://whm.example.com/*');
    expect(hostPermissionFor('http://10.0.0.1:2086/')).toBe('http://10.0.0.1/*');
    expect(hostPermissionFor('chrome://extensions')).toBeNull();
    expect(hostPermissionFor('not a url')).toBeNull();
  });
  it('turns one granted host into the page pattern, never a wildcard host', () => {
    expect(apiTokensPatternFor('https://127.0.0.1/*')).toBe('https://127.0.0.1/cpsess*/scripts*/apitokens*');
    expect(apiTokensPatternFor('https://*/*')).toBeNull();
    expect(apiTokensPatternFor('<all_urls>')).toBeNull();
    expect(apiTokensPatternFor('https://*.example.com/*')).toBeNull();
  });
  it('knows a WHM tab by its session segment', () => {
    expect(isWhmUrl('https://h:2087/cpsess0123456789/scripts7/apitokens/home')).toBe(true);
    expect(isWhmUrl('https://h:2087/login/')).toBe(false);
    expect(isWhmUrl('file:///cpsess0123456789/')).toBe(false);
  });
});

describe('apiTokensView', () => {
  const base = '/cpsess0123456789/scripts7/apitokens';
  it('tells the table, the Generate form and the Edit form apart', () => {
    expect(apiTokensView(`${base}/home`)).toEqual({ view: 'home' });
    expect(apiTokensView(base)).toEqual({ view: 'home' });
    expect(apiTokensView(`${base}/edit`)).toEqual({ view: 'create' });
    expect(apiTokensView(`${base}/edit/ops-backup-20261128`)).toEqual({ view: 'edit', name: 'ops-backup-20261128' });
    expect(apiTokensView(`${base}/edit/a%20b`)).toEqual({ view: 'edit', name: 'a b' });
    expect(apiTokensView('/cpsess0123456789/scripts7/listaccts')).toBeNull();
  });
});
