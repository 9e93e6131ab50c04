import { formatDateTime, formatNumber, t } from '../utils/i18n';
import { isStale, type Prefs, type ServerSnapshot } from '../utils/snapshots';

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
    <section aria-labelledby="servers-title" data-testid="servers-view">
      <h2 id="servers-title">{t('servers.title')}</h2>
      <p>{t('servers.intro')}</p>
      <label>
        <input type="checkbox" data-testid="reminders-toggle" checked={prefs.reminders} onChange={(e) => onReminders((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('servers.reminders')}
      </label>
      {servers.length === 0 ? (
        <p>{t('servers.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('servers.server')}</th>
              <th scope="col">{t('servers.tokens')}</th>
              <th scope="col">{t('servers.attention')}</th>
              <th scope="col">{t('servers.lastAudit')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('servers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {servers.map((s) => (
              <tr key={s.origin} data-server={s.origin} data-stale={String(isStale(s, nowMs))}>
                <td>{s.origin}</td>
                <td>{formatNumber(s.summary.total)}</td>
                <td>{formatNumber(s.summary.attention)}</td>
                <td>
                  {formatDateTime(s.seenAt / 1000)}
                  {isStale(s, nowMs) && t('servers.stale')}
                </td>
                <td>
                  <button type="button" data-testid="remove-server" onClick={() => onRemove(s)}>
                    {t('servers.remove', [s.host])}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
