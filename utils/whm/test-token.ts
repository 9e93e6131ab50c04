import { formatNumber, t } from '../i18n';
import type { TokenTestReport } from '../messages';
import type { WhmToken } from './schemas';

export interface TokenTestInput {
  origin: string;
  user: string;
  secret: string;
  /** The token as WHM describes it (looked up by the secret with the session), or null if unknown. */
  details: WhmToken | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Tests a new token the way cPanel's guide says to: one small, safe call with the
 * token itself — `version`, and `listaccts` when the token may list accounts — sent
 * with `Authorization: whm USER:TOKEN`, no session path and no cookie. When WHM
 * refuses a token it knows and that has an IP allowlist, the cause is this browser's
 * address: that is reported as such, not as "failed".
 */
export async function testToken(input: TokenTestInput): Promise<TokenTestReport> {
  const doFetch = input.fetch ?? globalThis.fetch.bind(globalThis);
  const checks: TokenTestReport['checks'] = [];
  const call = async (fn: string): Promise<{ ok: boolean; status: number; data?: unknown; reason?: string }> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), input.timeoutMs ?? 15_000);
    try {
      const response = await doFetch(`${input.origin}/json-api/${fn}?api.version=1`, {
        method: 'GET',
        headers: { Authorization: `whm ${input.user}:${input.secret}`, Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
        signal: controller.signal,
      });
      const text = await response.text();
      let body: { data?: unknown; metadata?: { result?: unknown; reason?: unknown } } | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const ok = response.status === 200 && Number(body?.metadata?.result) === 1;
      return { ok, status: response.status, data: body?.data, reason: typeof body?.metadata?.reason === 'string' ? body.metadata.reason : undefined };
    } catch (error) {
      return { ok: false, status: 0, reason: controller.signal.aborted ? t('tokenTest.noAnswerInTime') : error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  };

  const version = await call('version');
  if (!version.ok) {
    const refused = version.status === 401 || version.status === 403;
    checks.push({ call: 'version', ok: false, detail: version.status ? `HTTP ${version.status}${version.reason ? `: ${version.reason}` : ''}` : t('tokenTest.noAnswer', [version.reason ?? '']) });
    const ips = input.details?.whitelistIps ?? [];
    if (refused && input.details && ips.length) {
      return {
        result: 'ip-restricted',
        checks,
        message: t('tokenTest.ipRestricted', [ips.join(', ')]),
      };
    }
    return {
      result: 'failed',
      checks,
      message: input.details
        ? t('tokenTest.refusedForUser', [input.user])
        : t('tokenTest.unknown'),
    };
  }
  const v = (version.data as { version?: unknown } | undefined)?.version;
  checks.push({ call: 'version', ok: true, detail: typeof v === 'string' ? `WHM ${v}` : t('tokenTest.answered') });

  const acls = input.details?.acls ?? [];
  if (acls.includes('list-accts') || acls.includes('all')) {
    const list = await call('listaccts');
    const accounts = (list.data as { acct?: unknown[] } | undefined)?.acct;
    checks.push({
      call: 'listaccts',
      ok: list.ok,
      detail: list.ok ? accountsListed(Array.isArray(accounts) ? accounts.length : 0) : list.reason ? t('tokenTest.refusedBecause', [list.reason]) : t('tokenTest.refused'),
    });
    if (!list.ok) return { result: 'failed', checks, message: t('tokenTest.listacctsRefused') };
  }
  return { result: 'ok', checks, message: t('tokenTest.works', [checks.map((c) => `${c.call} — ${c.detail}`).join('; ')]) };
}

const accountsListed = (n: number): string => t('tokenTest.accountsListed', n, [formatNumber(n)]);
