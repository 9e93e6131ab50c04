/**
 * Shared by the weakening tests, unit (weakenings.test.ts) and e2e
 * (tests/e2e/policy-weaker-import.spec.ts); not a test itself, not used by the extension.
 * The same two files on both sides, so the e2e shows in the browser what the unit tests
 * prove of the comparison.
 */
import { WHM_WARNED_ACLS } from './defaults';
import type { PolicyFile } from './policy-file';

/**
 * As strict as the defaults or stricter in everything it sets, so it imports over the
 * defaults without a question. Its naming pattern is the demo scenario's convention, so
 * the audit finds off-convention names while it is in force.
 */
export const STRICT_TEAM_FILE = {
  version: 1,
  name: 'Strict ops',
  enforcement: 'block',
  naming: { pattern: '^(ops|billing)-[a-z0-9-]+-\\d{8}$', hint: 'team-purpose-YYYYMMDD' },
  expiry: { defaultDays: 30, maxDays: 90, allowNever: false, warnDays: 30 },
  rotation: { maxAgeDays: 60 },
  privileges: { forbidden: ['all', 'passwd', 'create-user-session'], risky: [...WHM_WARNED_ACLS] },
  requireIpAllowlist: true,
  clipboardClearSeconds: 20,
} satisfies PolicyFile;

/** Everything STRICT_TEAM_FILE decides, loosened, with no naming pattern and a Vault address of its own. */
export const LOOSE_TEAM_FILE = {
  version: 1,
  name: 'Loose ops',
  enforcement: 'warn',
  expiry: { defaultDays: 180, maxDays: 730, allowNever: true, warnDays: 7 },
  rotation: { maxAgeDays: 365 },
  privileges: { forbidden: [], risky: ['all'] },
  requireIpAllowlist: false,
  clipboardClearSeconds: 0,
  vault: { address: 'https://vault.example.net:8200' },
} satisfies PolicyFile;
