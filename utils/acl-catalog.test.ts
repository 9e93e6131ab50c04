import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import { messagesOf } from '../tests/locale-messages';
import { englishMessage } from '../tests/setup/english-messages';
import { ACL_CATALOG, ACL_CATEGORY_ORDER, aclInfo, aclTitle, KNOWN_ACLS } from './acl-catalog';
import { WHM_WARNED_ACLS } from './policy/defaults';

describe('ACL_CATALOG', () => {
  it('marks exactly WHM’s warned ACLs as warned, each with a warning', () => {
    const warned = ACL_CATALOG.filter((info) => info.warned).map((info) => info.name);
    expect(new Set(warned)).toEqual(new Set(WHM_WARNED_ACLS));
    for (const info of ACL_CATALOG) {
      if (info.warned) expect(info.warning, info.name).toMatch(/\S/);
      else expect(info.warning, info.name).toBeUndefined();
    }
  });

  it('has unique names that look like WHM ACL names', () => {
    const names = ACL_CATALOG.map((info) => info.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+$/);
    expect(KNOWN_ACLS.size).toBe(names.length);
  });

  it('lists every ACL of whm.md §3', () => {
    // 20 initial + 22 standard + 10 package + 4 global + 7 super + 1 root
    expect(ACL_CATALOG).toHaveLength(64);
    for (const name of ['acct-summary', 'track-email', 'assign-root-account-enhancements', 'allow-unlimited-bw-pkgs', 'resftp', 'locale-edit', 'all']) {
      expect(KNOWN_ACLS.has(name), name).toBe(true);
    }
  });

  it('keeps WHM’s category order', () => {
    const ranks = ACL_CATALOG.map((info) => ACL_CATEGORY_ORDER.indexOf(info.category));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(ACL_CATALOG[0]?.category).toBe('basic');
    expect(ACL_CATALOG.at(-1)?.name).toBe('all');
  });

  it('gives every ACL a title of its own', () => {
    for (const info of ACL_CATALOG) {
      expect(info.title, info.name).toMatch(/\S/);
      expect(info.title, info.name).not.toBe(info.name);
    }
  });
});

describe('aclInfo / aclTitle', () => {
  it('looks up known ACLs', () => {
    expect(aclInfo('passwd')).toMatchObject({ category: 'standard', warned: true });
    expect(aclTitle('list-accts')).toBe('List accounts');
  });
  it('falls back to the name for ACLs a newer WHM added', () => {
    expect(aclInfo('some-future-acl')).toBeUndefined();
    expect(aclTitle('some-future-acl')).toBe('some-future-acl');
  });
  it('does not resolve inherited object keys', () => {
    expect(aclInfo('constructor')).toBeUndefined();
    expect(aclTitle('__proto__')).toBe('__proto__');
  });
});

describe('in the user’s language', () => {
  afterEach(() => {
    fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
  });

  it('every title and warning reads in Portuguese in a Portuguese browser', async () => {
    const english = ACL_CATALOG.map((info) => [info.title, info.warning ?? '']);
    fakeBrowser.i18n.getMessage = (await messagesOf('pt_BR')) as typeof fakeBrowser.i18n.getMessage;
    const portuguese = ACL_CATALOG.map((info) => [info.title, info.warning ?? '']);
    const same = ACL_CATALOG.filter((info, i) => portuguese[i]![0] === english[i]![0] || (info.warned && portuguese[i]![1] === english[i]![1]));
    expect(same.map((info) => info.name)).toEqual([]);
    expect(aclTitle('list-accts')).toBe('Listar contas');
    expect(aclInfo('cpanel-api')?.warning).toMatch(/pode agir fora dos limites/);
  });
});
