import { describe, expect, it } from 'vitest';
import type { AuditReport } from '../messages';
import { DEFAULT_POLICY } from '../policy/defaults';
import { auditTokens } from './audit-tokens';
import { parseCsv } from '../export/test-fixtures';
import { auditReportCsv, auditReportFileName, auditReportJson } from './audit-report';

const NOW = Date.parse('2026-11-28T12:00:00Z') / 1000;
const report: AuditReport = {
  audit: auditTokens(
    [
      { name: 'ops-a', createTime: NOW - 86_400, expiresAt: null, acls: ['list-accts', 'passwd'], heldAcls: [], whitelistIps: ['192.0.2.1', '192.0.2.8/29'] },
      { name: 'b', createTime: NOW - 200 * 86_400, expiresAt: NOW - 1, acls: ['all'], heldAcls: [], whitelistIps: [] },
    ],
    DEFAULT_POLICY,
    NOW,
  ),
  now: NOW,
  server: 'whm01.example.com',
  policy: { warnDays: 14, maxAgeDays: 90, namingHint: null, requireIpAllowlist: false },
};

describe('audit report', () => {
  it('CSV has a header and one quoted-as-needed line per token', () => {
    const lines = auditReportCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe('server,name,created,expires,acls,whitelist_ips,findings');
    expect(lines[1]).toBe('whm01.example.com,ops-a,2026-11-27T12:00:00.000Z,never,list-accts passwd,192.0.2.1 192.0.2.8/29,never-expires risky-privileges');
    expect(lines[2]).toBe('whm01.example.com,b,2026-05-12T12:00:00.000Z,2026-11-28T11:59:59.000Z,all,,expired full-access risky-privileges forbidden-privileges any-ip');
    expect(lines).toHaveLength(3);
  });
  it('JSON carries the summary and findings', () => {
    const json = JSON.parse(auditReportJson(report));
    expect(json.summary).toEqual(report.audit.summary);
    expect(json.tokens[1]).toMatchObject({ name: 'b', expires: '2026-11-28T11:59:59.000Z', acls: ['all'] });
    expect(json.auditedAt).toBe('2026-11-28T12:00:00.000Z');
  });
  it('defuses formulas with the guard every CSV shares, and still reads back column by column', () => {
    const hostile: AuditReport = {
      ...report,
      server: '=cmd|"/c calc"!A1',
      audit: auditTokens([{ name: '-nightly', createTime: NOW - 86_400, expiresAt: null, acls: ['@evil', 'list-accts'], heldAcls: [], whitelistIps: ['+1'] }], DEFAULT_POLICY, NOW),
    };
    const csv = auditReportCsv(hostile);
    expect(csv.split('\r\n')[1]).toBe(`"'=cmd|""/c calc""!A1","'-nightly",2026-11-27T12:00:00.000Z,never,"'@evil list-accts","'+1",never-expires`);
    const [header, row] = parseCsv(csv);
    expect(Object.fromEntries(header!.map((name, i) => [name, row![i]]))).toEqual({
      server: `'=cmd|"/c calc"!A1`,
      name: "'-nightly",
      created: '2026-11-27T12:00:00.000Z',
      expires: 'never',
      acls: "'@evil list-accts",
      whitelist_ips: "'+1",
      findings: 'never-expires',
    });
  });
  it('names the file after the server and the day', () => {
    expect(auditReportFileName(report, 'csv')).toBe('token-audit-whm01.example.com-20261128.csv');
  });
});
