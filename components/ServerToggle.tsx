import { useState } from 'preact/hooks';

export interface ServerToggleProps {
  /** The WHM host of the current tab, or null when the tab is not a WHM page. */
  host: string | null;
  enabled: boolean;
  /** Asks the browser for this host; resolves to whether the user granted it. */
  enable: () => Promise<boolean>;
}

/** The popup's one job for now: let the user switch Token Warden on for this server. */
export function ServerToggle({ host, enabled: initiallyEnabled, enable }: ServerToggleProps) {
  const [enabled, setEnabled] = useState(initiallyEnabled);
  const [refused, setRefused] = useState(false);
  if (!host) {
    return (
      <main style={styles.main}>
        <h1 style={styles.h1}>Token Warden</h1>
        <p data-testid="popup-status" data-state="not-whm">
          Open a WHM page (its address starts with <code>/cpsess…</code>) to enable Token Warden there.
        </p>
      </main>
    );
  }
  return (
    <main style={styles.main}>
      <h1 style={styles.h1}>Token Warden</h1>
      {enabled ? (
        <p data-testid="popup-status" data-state="enabled">
          Enabled on <strong>{host}</strong>. Open <em>Development » Manage API Tokens</em> to see the audit.
        </p>
      ) : (
        <>
          <p data-testid="popup-status" data-state="disabled">
            Token Warden has no access to <strong>{host}</strong> yet. It only ever reads WHM servers you enable.
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
            Enable Token Warden on {host}
          </button>
          {refused && <p role="alert">The browser did not grant access, so nothing changed.</p>}
        </>
      )}
    </main>
  );
}

const styles = {
  main: { font: '14px/1.4 system-ui, sans-serif', width: '320px', padding: '12px' },
  h1: { fontSize: '16px', margin: '0 0 8px' },
} as const;
