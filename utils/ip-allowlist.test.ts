import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIpEntry as simNormal } from '../whm-sim/ip';
import { checkAllowlist, normalizeAllowlistEntry, sameAllowlist, splitAllowlist } from './ip-allowlist';

describe('normalizeAllowlistEntry', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['192.0.2.1/32', '192.0.2.1'],
    ['198.51.100.0/24', '198.51.100.0/24'],
    ['2001:db8::/32', '2001:0db8:0000:0000:0000:0000:0000:0000/32'],
    ['fc00:abcd::f/128', 'fc00:abcd:0000:0000:0000:0000:0000:000f'],
    ['::ffff:192.0.2.1', '0000:0000:0000:0000:0000:ffff:c000:0201'],
  ])('writes %s the way WHM lists it (whm.md §2)', (typed, listed) => {
    expect(normalizeAllowlistEntry(typed)).toBe(listed);
  });

  it('refuses what is not an address or a range', () => {
    for (const bad of ['', 'any', '256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4/33', '1.2.3.4/', '::1::2', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0', '2001:db8::/129', 'example.com', '1:2:3:4:5:6:7::8']) {
      expect(normalizeAllowlistEntry(bad), bad).toBeNull();
    }
  });

  it('agrees with the simulator’s WHM on any address or range', () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    const v6 = fc.ipV6();
    const entry = fc.tuple(fc.oneof(v4, v6), fc.option(fc.nat(130), { nil: undefined })).map(([ip, prefix]) => (prefix === undefined ? ip : `${ip}/${prefix}`));
    fc.assert(fc.property(entry, (text) => normalizeAllowlistEntry(text) === (simNormal(text) ?? null)));
  });
});

describe('checkAllowlist', () => {
  it('splits on commas and whitespace, names what is wrong, counts against WHM’s 100', () => {
    expect(splitAllowlist(' 192.0.2.1,198.51.100.7\n 2001:db8::1 ')).toEqual(['192.0.2.1', '198.51.100.7', '2001:db8::1']);
    expect(checkAllowlist('192.0.2.1 nope 192.0.2.1/32 300.0.0.1')).toEqual({ entries: ['192.0.2.1'], invalid: ['nope', '300.0.0.1'], tooMany: false });
    expect(checkAllowlist(Array.from({ length: 101 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(' ')).tooMany).toBe(true);
  });

  it('compares lists whatever their order and spelling', () => {
    expect(sameAllowlist(['2001:db8::1', '192.0.2.1/32'], ['192.0.2.1', '2001:0db8:0000:0000:0000:0000:0000:0001'])).toBe(true);
    expect(sameAllowlist(['192.0.2.1'], ['192.0.2.2'])).toBe(false);
    expect(sameAllowlist([], [])).toBe(true);
  });
});
