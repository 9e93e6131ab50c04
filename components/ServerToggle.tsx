import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, SLOTS, t } from '../utils/i18n';
import { isStale, type ServerSnapshot } from '../utils/snapshots';
import { withSlots } from './with-slots';

export interface ServerToggleProps {
  /**
   * The WHM server of the current tab, or null when the tab is not a WHM page.
   * `onTokensPage`: the tab is already Manage API Tokens, so the popup does not send the
   * user to the page they are on.
   */
  current: { host: string; origin: string; enabled: boolean; onTokensPage: boolean; snapshot: ServerSnapshot | null } | null;
  /** Every server Token Warden has seen, for the list shown away from WHM. */
  servers: ServerSnapshot[];
  /** Asks the browser for this host (inside the click); resolves to whether it is enabled now. */
  enable: () => Promise<boolean>;
  disable: () => Promise<void>;
  /** Opens the options page (policy, settings, servers). */
  openOptions: () => void;
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
export function ServerToggle({ current, servers, enable, disable, openOptions, nowMs }: ServerToggleProps) {
  return (
    <div class="tw-popup">
      <header class="tw-topbar">
        <h1 class="tw-brand">{t('popup.brand')}</h1>
      </header>
      <main class="tw-popup-body">{current ? <CurrentServer current={current} enable={enable} disable={disable} nowMs={nowMs} /> : <AwayFromWhm servers={servers} nowMs={nowMs} />}</main>
      <footer class="tw-popup-footer">
        <button type="button" class="tw-btn tw-btn-link" data-testid="open-options" onClick={openOptions}>
          {t('popup.openOptions')}
        </button>
      </footer>
    </div>
  );
}

function AwayFromWhm({ servers, nowMs }: Pick<ServerToggleProps, 'servers' | 'nowMs'>) {
  return (
    <>
      <p data-testid="popup-status" data-state="not-whm" class="tw-alert tw-alert-info">
        {withSlots(t('popup.notWhm', [SLOTS[0]]), <code>/cpsess…</code>)}
      </p>
      {servers.length > 0 && (
        <>
          <h2>{t('popup.serversTitle')}</h2>
          <ul data-testid="server-list" class="tw-list-group">
            {servers.map((s) => (
              <li key={s.origin} data-server={s.origin}>
                <a href={`${s.origin}/`} target="_blank" rel="noreferrer">
                  {s.host}
                </a>
                <span class="tw-help">
                  <Summary snapshot={s} nowMs={nowMs} />
                </span>
              </li>
            ))}
          </ul>
          <p class="tw-help">{t('popup.serversNote')}</p>
        </>
      )}
    </>
  );
}

function CurrentServer({ current, enable, disable, nowMs }: { current: NonNullable<ServerToggleProps['current']> } & Pick<ServerToggleProps, 'enable' | 'disable' | 'nowMs'>) {
  const [enabled, setEnabled] = useState(current.enabled);
  const [refused, setRefused] = useState(false);
  if (enabled) {
    return (
      <>
        <p data-testid="popup-status" data-state="enabled" class="tw-alert tw-alert-success">
          {current.onTokensPage
            ? withSlots(t('popup.enabledHere', [SLOTS[0]]), <strong>{current.host}</strong>)
            : withSlots(t('popup.enabledOn', [SLOTS[0], SLOTS[1]]), <strong>{current.host}</strong>, <em>{t('popup.menuPath')}</em>)}
        </p>
        {current.snapshot && <p>{withSlots(t('popup.lastAudit', [SLOTS[0]]), <Summary snapshot={current.snapshot} nowMs={nowMs} />)}</p>}
        <p>
          <button
            type="button"
            class="tw-btn tw-btn-default"
            data-testid="disable-server"
            onClick={() => {
              void disable().then(() => setEnabled(false));
            }}
          >
            {t('popup.disable', [current.host])}
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <p data-testid="popup-status" data-state="disabled" class="tw-alert tw-alert-warning">
        {withSlots(t('popup.notEnabled', [SLOTS[0]]), <strong>{current.host}</strong>)}
      </p>
      <p>
        <button
          type="button"
          class="tw-btn tw-btn-primary"
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
      </p>
      {refused && (
        <p role="alert" class="tw-alert tw-alert-danger">
          {t('popup.refused')}
        </p>
      )}
    </>
  );
}
