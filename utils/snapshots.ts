import type { AuditRule, AuditSummary } from './audit/audit-tokens';
import type { AuditReport } from './messages';

/**
 * What Token Warden remembers about a server between visits: token metadata and the
 * audit's findings, never a secret (a listed token has none to give). Reminders and
 * the popup's summaries are built from these.
 */
export const SNAPSHOTS_KEY = 'tw:snapshots';
export const PREFS_KEY = 'tw:prefs';
export const NOTIFIED_KEY = 'tw:notified';
export const STALE_AFTER_MS = 7 * 86_400_000;

export interface TokenSnapshot {
  name: string;
  createTime: number;
  expiresAt: number | null;
  acls: string[];
  findings: AuditRule[];
}

export interface ServerSnapshot {
  /** `https://host:port` — the server as the user visits it. */
  origin: string;
  host: string;
  /** When the audit ran (browser clock, ms). */
  seenAt: number;
  /** WHM's clock at that audit (Unix seconds). */
  whmNow: number;
  summary: AuditSummary;
  tokens: TokenSnapshot[];
}

export interface Prefs {
  reminders: boolean;
}
export const DEFAULT_PREFS: Prefs = { reminders: true };

export function snapshotFromReport(origin: string, report: AuditReport, seenAt: number): ServerSnapshot {
  return {
    origin,
    host: new URL(origin).hostname,
    seenAt,
    whmNow: report.now,
    summary: report.audit.summary,
    // Field by field, so nothing but metadata can ever slip into storage.
    tokens: report.audit.tokens.map(({ token, findings }) => ({
      name: token.name,
      createTime: token.createTime,
      expiresAt: token.expiresAt,
      acls: [...token.acls],
      findings: findings.map((f) => f.rule),
    })),
  };
}

/** A snapshot older than a week may no longer match the server. */
export function isStale(snapshot: ServerSnapshot, nowMs: number): boolean {
  return nowMs - snapshot.seenAt > STALE_AFTER_MS;
}
