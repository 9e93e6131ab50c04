import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Preset } from './defaults';
import { checkPolicyFile, type PolicyFile } from './policy-file';
import { POLICY_FIELDS } from './resolve-policy';

/**
 * public/managed_schema.json is Chrome's `storage.managed_schema`. Chrome refuses to
 * load the extension when the schema is invalid, and silently drops managed values the
 * schema does not describe — so the schema must keep to Chrome's keywords and list
 * exactly the fields of PolicyFile.
 */
interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  [keyword: string]: unknown;
}

const schema = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as SchemaNode;

const SUPPORTED_KEYWORDS = new Set(['type', 'properties', 'items', 'enum', 'minimum', 'maximum', 'pattern', 'description', 'title', 'additionalProperties', 'id', '$ref']);
const SUPPORTED_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

function walk(node: SchemaNode, path: string, visit: (node: SchemaNode, path: string) => void): void {
  visit(node, path);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`, visit);
  if (node.items) walk(node.items, `${path}[]`, visit);
  if (node.additionalProperties) walk(node.additionalProperties, `${path}{}`, visit);
}

type DeepRequired<T> = T extends Array<infer U> ? Array<DeepRequired<U>> : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

/**
 * Every field set, typed so that adding a field to PolicyFile or Preset without adding
 * it here fails to compile — and then the key-tree test fails until the schema has it.
 * It is design.md's example policy with its "…" placeholders filled in.
 */
const FULL_PRESET: Required<Preset> = {
  id: 'billing',
  label: 'Billing automation',
  description: 'Reads accounts and bandwidth for invoicing.',
  acls: ['list-accts', 'show-bandwidth'],
  reasons: { 'list-accts': 'to find the accounts to bill', 'show-bandwidth': 'to bill for traffic' },
  expiryDays: 90,
};
const FULL_POLICY: DeepRequired<PolicyFile> = {
  version: 1,
  name: 'Acme hosting ops',
  enforcement: 'warn',
  naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', template: '{team}-{purpose}-{yyyymmdd}', hint: 'team-purpose-YYYYMMDD' },
  expiry: { defaultDays: 90, maxDays: 365, allowNever: true, warnDays: 14 },
  rotation: { maxAgeDays: 90 },
  privileges: { forbidden: ['all'], risky: ['all', 'passwd', 'create-user-session'] },
  requireIpAllowlist: false,
  clipboardClearSeconds: 30,
  presets: [FULL_PRESET as DeepRequired<Preset>],
  vault: { address: 'https://vault.example.com:8200', mount: 'secret', pathTemplate: 'whm/{host}/{name}' },
};

/** Key paths of a value, maps (a preset's `reasons`) as `{}` and array items as `[]`. */
function valueKeyPaths(value: unknown, path = '$'): string[] {
  if (path.endsWith('.reasons')) return [path, `${path}{}`];
  if (Array.isArray(value)) return [path, ...valueKeyPaths(value[0], `${path}[]`)];
  if (typeof value === 'object' && value !== null) {
    return [path, ...Object.entries(value).flatMap(([key, child]) => valueKeyPaths(child, `${path}.${key}`))];
  }
  return [path];
}

function schemaKeyPaths(root: SchemaNode): string[] {
  const paths: string[] = [];
  walk(root, '$', (_, path) => paths.push(path));
  return paths;
}

/** The subset of Chrome's validation the schema uses: enough to prove a value fits. */
function conformance(node: SchemaNode, value: unknown, path = '$'): string[] {
  const problems: string[] = [];
  const typeOk =
    node.type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
    : node.type === 'array' ? Array.isArray(value)
    : node.type === 'integer' ? Number.isInteger(value)
    : node.type === 'number' ? typeof value === 'number'
    : typeof value === node.type;
  if (!typeOk) return [`${path}: expected ${node.type}`];
  if (node.enum && !node.enum.includes(value)) problems.push(`${path}: not in enum`);
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) problems.push(`${path}: below minimum`);
    if (node.maximum !== undefined && value > node.maximum) problems.push(`${path}: above maximum`);
  }
  if (typeof value === 'string' && node.pattern && !new RegExp(node.pattern).test(value)) problems.push(`${path}: does not match pattern`);
  if (Array.isArray(value) && node.items) value.forEach((item, i) => problems.push(...conformance(node.items!, item, `${path}[${i}]`)));
  if (node.type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childSchema = node.properties?.[key] ?? node.additionalProperties;
      if (!childSchema) problems.push(`${path}.${key}: not in the schema`);
      else problems.push(...conformance(childSchema, child, `${path}.${key}`));
    }
  }
  return problems;
}

describe('public/managed_schema.json', () => {
  it("has Chrome's top level: an object with properties and no additionalProperties", () => {
    expect(schema.type).toBe('object');
    expect(typeof schema.properties).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
  });

  it("uses only Chrome's keywords and types, each where Chrome allows it", () => {
    walk(schema, '$', (node, path) => {
      for (const keyword of Object.keys(node)) expect(SUPPORTED_KEYWORDS.has(keyword), `${path}: ${keyword}`).toBe(true);
      expect(SUPPORTED_TYPES.has(node.type ?? ''), `${path}: type ${node.type}`).toBe(true);
      if (node.type === 'object') expect(node.properties ?? node.additionalProperties, `${path}: object without properties`).toBeDefined();
      if (node.type === 'array') expect(node.items, `${path}: array without items`).toBeDefined();
      if (node.properties || node.additionalProperties) expect(node.type, path).toBe('object');
      if (node.items) expect(node.type, path).toBe('array');
      if (node.enum) {
        expect(['string', 'integer'], `${path}: enum on ${node.type}`).toContain(node.type);
        for (const choice of node.enum) expect(node.type === 'integer' ? Number.isInteger(choice) : typeof choice === 'string', `${path}: ${String(choice)}`).toBe(true);
      }
      if (node.minimum !== undefined || node.maximum !== undefined) expect(['integer', 'number'], path).toContain(node.type);
      if (node.pattern !== undefined) {
        expect(node.type, path).toBe('string');
        expect(() => new RegExp(node.pattern!), path).not.toThrow();
      }
    });
  });

  it('describes exactly the fields of PolicyFile', () => {
    expect(schemaKeyPaths(schema).sort()).toEqual(valueKeyPaths(FULL_POLICY).sort());
  });

  it('covers every field the options page and the resolver know', () => {
    const paths = new Set(schemaKeyPaths(schema));
    for (const field of POLICY_FIELDS) expect(paths.has(`$.${field}`), field).toBe(true);
  });

  it("accepts design.md's example, which the policy checker accepts too", () => {
    expect(conformance(schema, FULL_POLICY)).toEqual([]);
    const knownAcls = new Set(['all', 'passwd', 'create-user-session', 'list-accts', 'show-bandwidth']);
    expect(checkPolicyFile(FULL_POLICY, { knownAcls })).toEqual({ ok: true, policy: FULL_POLICY, problems: [] });
  });

  it('has a conformance checker that can fail (so the test above means something)', () => {
    const bad = { ...FULL_POLICY, enforcement: 'strict', clipboardClearSeconds: 45, expiry: { maxDays: 0 }, presets: [{ id: 'Bad Id', acls: [1] }], extra: true };
    expect(conformance(schema, bad)).toEqual([
      '$.enforcement: not in enum',
      '$.expiry.maxDays: below minimum',
      '$.clipboardClearSeconds: not in enum',
      '$.presets[0].id: does not match pattern',
      '$.presets[0].acls[0]: expected string',
      '$.extra: not in the schema',
    ]);
  });
});
