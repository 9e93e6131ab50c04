import { csvRecords } from '../export/csv';
import type { AuditReport } from '../messages';

/**
 * The audit report a reseller can keep or hand to a colleague: one line per token with
 * its metadata and findings. It never holds a secret — Token Warden never has one for a
 * listed token (WHM only returns the secret once, at creation).
 */
export interface AuditReportRow {
  server: string;
  name: string;
  created: string;
  expires: string;
  acls: string;
  whitelist_ips: string;
  findings: string;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export function auditReportRows(report: AuditReport): AuditReportRow[] {
  return report.audit.tokens.map(({ token, findings }) => ({
    server: report.server,
    name: token.name,
    created: iso(token.createTime),
    expires: token.expiresAt === null ? 'never' : iso(token.expiresAt),
    acls: token.acls.join(' '),
    whitelist_ips: token.whitelistIps.join(' '),
    findings: findings.map((f) => f.rule).join(' '),
  }));
}

export function auditReportJson(report: AuditReport): string {
  return JSON.stringify(
    {
      server: report.server,
      auditedAt: iso(report.now),
      summary: report.audit.summary,
      policy: report.policy,
      tokens: report.audit.tokens.map(({ token, findings }) => ({
        name: token.name,
        created: iso(token.createTime),
        expires: token.expiresAt === null ? null : iso(token.expiresAt),
        acls: token.acls,
        whitelistIps: token.whitelistIps,
        findings,
      })),
    },
    null,
    2,
  );
}

const COLUMNS: Array<keyof AuditReportRow> = ['server', 'name', 'created', 'expires', 'acls', 'whitelist_ips', 'findings'];

/** Quoted only where needed, like the vault CSVs; every cell passes the formula guard (csv.ts). */
export function auditReportCsv(report: AuditReport): string {
  return csvRecords([COLUMNS, ...auditReportRows(report).map((row) => COLUMNS.map((c) => row[c]))], 'when-needed');
}

/** `token-audit-whm01.example.com-20261128.csv` */
/** The report as the file a user downloads. */
export function auditReportFile(report: AuditReport, format: 'csv' | 'json'): { fileName: string; text: string; mimeType: string } {
  return format === 'csv'
    ? { fileName: auditReportFileName(report, 'csv'), text: auditReportCsv(report), mimeType: 'text/csv' }
    : { fileName: auditReportFileName(report, 'json'), text: auditReportJson(report), mimeType: 'application/json' };
}

export function auditReportFileName(report: AuditReport, extension: 'csv' | 'json'): string {
  const day = iso(report.now).slice(0, 10).replace(/-/g, '');
  const host = report.server.replace(/[^A-Za-z0-9.-]/g, '_');
  return `token-audit-${host}-${day}.${extension}`;
}
