import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseTokenList, parseTokenListWithSchemas, readTokenList } from './schemas';

/**
 * The hand-written reader of `api_token_list` (the hot path) against the zod schemas (the
 * reference): on any answer, whenever the reader accepts, the schemas accept too and
 * give the same tokens; whatever the reader leaves to them, parseTokenList answers as they
 * do. Answers are built as JSON text and parsed, as the client gets them, so they can hold
 * what objects written in code cannot: a `__proto__` key, duplicate keys, 1e999.
 */
type Json = null | boolean | number | string | { raw: string } | { list: Json[] } | { entries: Array<[string, Json]> };

function text(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if ('raw' in value) return value.raw;
  if ('list' in value) return `[${value.list.map(text).join(',')}]`;
  return `{${value.entries.map(([key, v]) => `${JSON.stringify(key)}:${text(v)}`).join(',')}}`;
}

const obj = (entries: Array<[string, Json]>): Json => ({ entries });
const list = (items: Json[]): Json => ({ list: items });

const key = fc.oneof(fc.constantFrom('list-accts', 'all', 'demo', 'passwd', '__proto__', 'constructor', '0', '10', 'B', 'a', 'ä', ''), fc.string({ maxLength: 4 }));
const anyJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<Json>(null, true, false, 0, 1, -1, 0.5, '', '0', '1', '12a', 'x', { raw: '1e999' }, { raw: '-0' }),
    fc.array(tie('json'), { maxLength: 3 }).map(list),
    fc.array(fc.tuple(key, tie('json')), { maxLength: 3 }).map(obj),
  ),
})).json;

/** Values of every JSON kind, each a likely mistake somewhere. */
const odd = fc.oneof(fc.constantFrom<Json>(null, true, false, 0, 2, -1, 0.5, '', 'x', '0', { raw: '1e999' }, list([]), obj([])), anyJson);
const goodSeconds = fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 1_700_000_000.5, -5), fc.stringMatching(/^\d{1,12}$/), fc.constantFrom('0', '00', '9'.repeat(400)));
const badSeconds = fc.oneof(fc.constantFrom<Json>('soon', '1.5', '-1', ' 1', '1e3'), odd);
const goodFlag = fc.constantFrom<Json>(0, 1, true, false, '0', '1', { raw: '-0' });
const badFlag = fc.oneof(fc.constantFrom<Json>(2, -1, 0.5, 'yes', '01', 'true', null), odd);
const aclMap = (flag: fc.Arbitrary<Json>) => fc.array(fc.tuple(key, flag), { maxLength: 8 }).map(obj);
const goodAcls = fc.oneof(aclMap(goodFlag), fc.array(key, { maxLength: 6 }).map(list));
const badAcls = fc.oneof(
  fc.tuple(fc.array(fc.tuple(key, goodFlag), { maxLength: 4 }), key, badFlag).map(([entries, k, bad]) => obj([...entries, [k, bad]])),
  fc.tuple(fc.array(key, { maxLength: 3 }), odd).map(([names, bad]) => list([...names, bad])),
  odd,
);
const goodIps = fc.oneof(fc.constant<Json>(null), fc.array(fc.constantFrom<Json>('192.0.2.1', '2001:db8::/32', ''), { maxLength: 3 }).map(list));
const badIps = fc.oneof(fc.tuple(fc.array(fc.constantFrom<Json>('192.0.2.1'), { maxLength: 2 }), odd).map(([good, bad]) => list([...good, bad])), odd);

/** Every field as WHM sends it (the optional ones present or not), in any order. */
const FIELDS = {
  name: [key, odd],
  create_time: [goodSeconds, badSeconds],
  expires_at: [fc.oneof(goodSeconds, fc.constant<Json>(null)), badSeconds],
  acls: [goodAcls, badAcls],
  whitelist_ips: [goodIps, badIps],
  extra: [anyJson, anyJson],
} satisfies Record<string, [fc.Arbitrary<Json>, fc.Arbitrary<Json>]>;
type Field = keyof typeof FIELDS;
const REQUIRED: Field[] = ['name', 'create_time'];

/** A token as WHM sends it, or with one field wrong or missing: each check is met inside otherwise good answers. */
const goodFields = fc.record(Object.fromEntries(Object.entries(FIELDS).map(([field, [good]]) => [field, good])) as Record<Field, fc.Arbitrary<Json>>, {
  requiredKeys: REQUIRED,
});
const broken = (fields: Partial<Record<Field, Json>>) =>
  fc.constantFrom(...(Object.keys(FIELDS) as Field[])).chain((field) => {
    const { [field]: _, ...without } = fields;
    return fc.oneof(FIELDS[field][1].map((bad) => ({ ...fields, [field]: bad })), fc.constant(without));
  });
const token: fc.Arbitrary<Json> = goodFields
  .chain((fields) => fc.oneof({ arbitrary: fc.constant(fields), weight: 3 }, { arbitrary: broken(fields), weight: 1 }))
  .chain((fields) => {
    const entries = Object.entries(fields) as Array<[string, Json]>;
    return fc.shuffledSubarray(entries, { minLength: entries.length }).map(obj);
  });
const tokens = fc.oneof(
  { arbitrary: fc.array(fc.tuple(key, token), { maxLength: 4 }).map(obj), weight: 4 },
  { arbitrary: fc.array(token, { maxLength: 4 }).map(list), weight: 2 },
  { arbitrary: anyJson, weight: 1 },
);
const answer = fc.oneof(
  { arbitrary: fc.tuple(tokens, fc.array(fc.tuple(fc.constantFrom('version', 'extra'), anyJson), { maxLength: 1 })).map(([t, rest]) => obj([['tokens', t], ...rest])), weight: 9 },
  { arbitrary: anyJson, weight: 1 },
);

function reference(data: unknown): { tokens: unknown } | { issues: unknown } {
  try {
    return { tokens: parseTokenListWithSchemas(data) };
  } catch (error) {
    if (error instanceof z.ZodError) return { issues: error.issues };
    throw error;
  }
}

describe('parseTokenList: the hand-written reader is the zod schemas, faster', () => {
  it('accepts only what the schemas accept, with the same tokens; everything else answers as the schemas do', () => {
    let read = 0;
    let left = 0;
    fc.assert(
      fc.property(answer, (json) => {
        const data: unknown = JSON.parse(text(json));
        const expected = reference(data);
        const fast = readTokenList(data);
        if (fast) {
          read++;
          expect(expected).toEqual({ tokens: fast });
        } else left++;
        expect(reference(data)).toEqual(expected);
        let got: unknown;
        try {
          got = { tokens: parseTokenList(data) };
        } catch (error) {
          got = { issues: (error as z.ZodError).issues };
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
    // Both paths must really be exercised, or this proves nothing.
    expect(read).toBeGreaterThan(100);
    expect(left).toBeGreaterThan(100);
  });

  it('takes the fast path for every answer the schemas accept', () => {
    fc.assert(
      fc.property(answer, (json) => {
        const data: unknown = JSON.parse(text(json));
        const expected = reference(data);
        if ('tokens' in expected) expect(readTokenList(data)).toEqual(expected.tokens);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the schemas on every odd value in every place of an otherwise good answer', () => {
    const ODD = ['null', 'true', 'false', '0', '-0', '1', '2', '-1', '0.5', '1e999', '""', '"x"', '"0"', '"1"', '"01"', '"1.5"', '"12"', '[]', '["x"]', '[1]', '{}', '{"a":1}', '{"a":2}', '{"a":"1"}'];
    const good = { name: '"a"', create_time: '1', expires_at: '2', acls: '{"list-accts":1,"demo":0}', whitelist_ips: '["192.0.2.1"]' };
    const places: Array<(odd: string) => string> = [
      ...Object.keys(good).map((field) => (odd: string) => Object.entries({ ...good, [field]: odd }).map(([k, v]) => `"${k}":${v}`).join(',')),
      (odd) => `"name":"a","create_time":1,"acls":{"list-accts":${odd}}`,
      (odd) => `"name":"a","create_time":1,"acls":["list-accts",${odd}]`,
      (odd) => `"name":"a","create_time":1,"whitelist_ips":["192.0.2.1",${odd}]`,
    ];
    let accepted = 0;
    for (const place of places) {
      for (const odd of ODD) {
        for (const shape of [(t: string) => `{"tokens":{"a":{${t}}}}`, (t: string) => `{"tokens":[{${t}}]}`, () => `{"tokens":${odd}}`, () => odd]) {
          const data: unknown = JSON.parse(shape(place(odd)));
          const expected = reference(data);
          const fast = readTokenList(data);
          if (fast) accepted++;
          expect(fast ? { tokens: fast } : expected, shape(place(odd))).toEqual(expected);
        }
      }
    }
    expect(accepted).toBeGreaterThan(50);
  });

  it('keeps a token WHM lists under the name __proto__, which zod’s records skip', () => {
    const data = JSON.parse('{"tokens":{"a":{"name":"a","create_time":1},"__proto__":{"name":"__proto__","create_time":2,"acls":{"list-accts":1}}}}');
    const expected = [
      { name: 'a', createTime: 1, expiresAt: null, acls: [], heldAcls: [], whitelistIps: [] },
      { name: '__proto__', createTime: 2, expiresAt: null, acls: ['list-accts'], heldAcls: ['list-accts'], whitelistIps: [] },
    ];
    expect(parseTokenListWithSchemas(data)).toEqual(expected);
    expect(readTokenList(data)).toEqual(expected);
    const bad = JSON.parse('{"tokens":{"__proto__":{"name":"__proto__","create_time":"soon"}}}');
    expect(() => parseTokenList(bad)).toThrow(z.ZodError);
    try {
      parseTokenList(bad);
    } catch (error) {
      expect((error as z.ZodError).issues[0]?.path).toEqual(['tokens', '__proto__', 'create_time']);
    }
  });
});
