import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, SLOTS, t } from '../utils/i18n';
import { isStale, type ServerSnapshot } from '../utils/snapshots';
import { withSlots } from './with-slots';

export interface ServerToggleProps {
  /** The WHM server of the current tab, or null when the tab is not a WHM page. */
  current: { host: string; origin: string; enabled: boolean; snapshot: ServerSnapshot | null } | null;
  /** Every server Token Warden has seen, for the list shown away from WHM. */
  servers: ServerSnapshot[];
  /** Asks the browser for this host (inside the click); resolves to whether it is enabled now. */
  enable: () => Promise<boolean>;
  disable: () => Promise<void>;
  nowMs: number;
}

function Summary({ snapshot, nowMs }: { snapshot: ServerSnapshot; nowMs: number }) {
  const { total, attention } = snapshot.summary;
  return (
    <span data-testid="server-summary" data-attention={attention} data-total={total} data-stale={String(isStale(snapshot, nowMs))}>
      {t('popup.summaryChecked', [
        attention
          ? t('popup.summaryAttention', total, [formatNumber(attention), formatNumber(total)])
          : t('popup.summaryHealthy', total, [formatNumber(total)]),
        formatDateTime(snapshot.seenAt / 1000),
      ])}
      {isStale(snapshot, nowMs) && t('popup.stale')}
    </span>
  );
}

/** The toolbar popup: switch Token Warden on or off for this server, and the last audits. */
export function ServerToggle({ current, servers, enable, disable, nowMs }: ServerToggleProps) {
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  const [refused, setRefused] = useState(false);
  if (!current) {
    return (
      <main style={styles.main}>
        <h1 style={styles.h1}>{t('popup.brand')}</h1>
        <p data-testid="popup-status" data-state="not-whm">
          {withSlots(t('popup.notWhm', [SLOTS[0]]), <code>/cpsess…</code>)}
        </p>
        {servers.length > 0 && (
          <>
            <h2 style={styles.h2}>{t('popup.serversTitle')}</h2>
            <ul data-testid="server-list" style={styles.list}>
              {servers.map((s) => (
                <li key={s.origin} data-server={s.origin}>
                  <a href={`${s.origin}/`} target="_blank" rel="noreferrer">
                    {s.host}
                  </a>
                  : <Summary snapshot={s} nowMs={nowMs} />
                </li>
              ))}
            </ul>
            <p style={styles.note}>{t('popup.serversNote')}</p>
          </>
        )}
      </main>
    );
  }
  return (
    <main style={styles.main}>
      <h1 style={styles.h1}>{t('popup.brand')}</h1>
      {enabled ? (
        <>
          <p data-testid="popup-status" data-state="enabled">
            {withSlots(t('popup.enabledOn', [SLOTS[0], SLOTS[1]]), <strong>{current.host}</strong>, <em>{t('popup.menuPath')}</em>)}
          </p>
          {current.snapshot && (
            <p>
              {withSlots(t('popup.lastAudit', [SLOTS[0]]), <Summary snapshot={current.snapshot} nowMs={nowMs} />)}
            </p>
          )}
          <button
            type="button"
            data-testid="disable-server"
            onClick={() => {
              void disable().then(() => setEnabled(false));
            }}
          >
            {t('popup.disable', [current.host])}
          </button>
        </>
      ) : (
        <>
          <p data-testid="popup-status" data-state="disabled">
            {withSlots(t('popup.notEnabled', [SLOTS[0]]), <strong>{current.host}</strong>)}
          </p>
          <button
            type="button"
            data-testid="enable-server"
            onClick={() => {
              enable().then((granted) => {
                setEnabled(granted);
                setRefused(!granted);
              });
            }}
          >
            {t('popup.enable', [current.host])}
          </button>
          {refused && <p role="alert">{t('popup.refused')}</p>}
        </>
      )}
    </main>
  );
}

const styles = {
  main: { font: '14px/1.4 system-ui, sans-serif', width: '340px', padding: '12px' },
  h1: { fontSize: '16px', margin: '0 0 8px' },
  h2: { fontSize: '14px', margin: '10px 0 4px' },
  list: { paddingLeft: '18px', margin: 0 },
  note: { fontSize: '12px', color: '#3d4f5c' },
} as const;
