import type { AuditResult } from './audit/audit-tokens';
import type { RevokeOutcome } from './whm/client';
import type { WhmErrorInfo } from './whm/errors';

/**
 * The messages between the content script and the background. Types only: the
 * content script imports this file, and zod stays out of its bundle (the background
 * validates every request with `message-schema.ts`).
 */
interface OnWhmTab {
  /** The WHM origin the tab is on; the background checks it against the sender tab. */
  origin: string;
  cpsess: string;
}

/** Read the token list and audit it against the effective policy. */
export interface AuditRequest extends OnWhmTab {
  type: 'audit:run';
}

/** Revoke these tokens (the user confirmed each one), then read the list again. */
export interface RevokeRequest extends OnWhmTab {
  type: 'tokens:revoke';
  names: string[];
}

export type Request = AuditRequest | RevokeRequest;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WhmErrorInfo };

/** An audit as the banner shows it. */
export interface AuditReport {
  audit: AuditResult;
  /** The clock the audit used (Unix seconds): WHM's own, from its answer's Date header. */
  now: number;
  /** The WHM host, for file names and the report. */
  server: string;
  /** The policy numbers the banner's sentences quote. */
  policy: { warnDays: number; maxAgeDays: number; namingHint: string | null; requireIpAllowlist: boolean };
}

export interface ReplyFor {
  'audit:run': Reply<AuditReport>;
  'tokens:revoke': Reply<{ outcomes: RevokeOutcome[]; report: AuditReport }>;
}
