import { formatDateTime, formatNumber, t } from '../utils/i18n';
import { isStale, type Prefs, type ServerSnapshot } from '../utils/snapshots';
import { Panel } from './Panel';

export interface ServersViewProps {
  servers: ServerSnapshot[];
  prefs: Prefs;
  nowMs: number;
  onRemove: (server: ServerSnapshot) => void;
  onReminders: (on: boolean) => void;
}

/** Options page, "Servers": what Token Warden remembers per server (metadata only) and the reminders switch. */
export function ServersView({ servers, prefs, nowMs, onRemove, onReminders }: ServersViewProps) {
  return (
    <Panel titleId="servers-title" title={t('servers.title')} testId="servers-view">
      <div class="tw-panel-body">
        <p>{t('servers.intro')}</p>
        <label class="tw-checkbox">
          <input type="checkbox" data-testid="reminders-toggle" checked={prefs.reminders} onChange={(e) => onReminders((e.currentTarget as HTMLInputElement).checked)} />
          <span>{t('servers.reminders')}</span>
        </label>
        {servers.length === 0 && <p class="tw-muted">{t('servers.none')}</p>}
      </div>
      {servers.length > 0 && (
        <table class="tw-table">
          <thead>
            <tr>
              <th scope="col">{t('servers.server')}</th>
              <th scope="col">{t('servers.tokens')}</th>
              <th scope="col">{t('servers.attention')}</th>
              <th scope="col">{t('servers.lastAudit')}</th>
              <th scope="col">
                <span class="tw-sr-only">{t('servers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {servers.map((s) => (
              <tr key={s.origin} data-server={s.origin} data-stale={String(isStale(s, nowMs))}>
                <td>
                  <code>{s.origin}</code>
                </td>
                <td>{formatNumber(s.summary.total)}</td>
                <td>
                  <span class={`tw-badge ${s.summary.attention ? 'tw-badge-warning' : 'tw-badge-ok'}`}>{formatNumber(s.summary.attention)}</span>
                </td>
                <td>
                  {formatDateTime(s.seenAt / 1000)}
                  {isStale(s, nowMs) && <span class="tw-muted">{t('servers.stale')}</span>}
                </td>
                <td class="tw-nowrap">
                  <button type="button" class="tw-btn tw-btn-default tw-btn-sm" data-testid="remove-server" onClick={() => onRemove(s)}>
                    {t('servers.remove', [s.host])}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
