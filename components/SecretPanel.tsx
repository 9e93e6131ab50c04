import { useState } from 'preact/hooks';
import { formatDateTime, formatNumber, t } from '../utils/i18n';
import type { TokenTestReport } from '../utils/messages';

export type PanelExportFormat = 'keepass-xml' | 'keepass-csv' | 'bitwarden-json' | 'bitwarden-csv' | '1password-csv' | 'dotenv' | 'age';

export interface SecretPanelInfo {
  name: string;
  server: string;
  user: string | null;
  acls: string[] | null;
  expiresAt: number | null | undefined;
  whitelistIps: string[] | null;
}

export interface SecretPanelState {
  /** Seconds until the clipboard is cleared; null when nothing is pending. */
  clipboardSecondsLeft: number | null;
  clipboardNote: string | null;
  saved: boolean;
  /** Set when the user tried to leave before saving the secret. */
  confirmingLeave: boolean;
}

export interface SecretPanelActions {
  copy: () => void;
  exportFile: (format: PanelExportFormat, passphrase?: string) => Promise<{ ok: boolean; message: string }>;
  pushToVault: (vaultToken: string) => Promise<{ ok: boolean; message: string }>;
  test: (user: string) => Promise<TokenTestReport | { error: string }>;
  passphraseStrength: (passphrase: string) => { score: number; label: string; hint: string };
  markSaved: () => void;
  leaveAnyway: () => void;
  stay: () => void;
  /** Present when the panel may be closed from inside (our own rotation), not when WHM owns the page. */
  close?: () => void;
}

/** Format names are product names, the same in every language. */
const FORMATS: Array<{ format: PanelExportFormat; label: string }> = [
  { format: 'keepass-xml', label: 'KeePass XML' },
  { format: 'keepass-csv', label: 'KeePassXC CSV' },
  { format: 'bitwarden-json', label: 'Bitwarden JSON' },
  { format: 'bitwarden-csv', label: 'Bitwarden CSV' },
  { format: '1password-csv', label: '1Password CSV' },
  { format: 'dotenv', label: '.env' },
];

/**
 * The secure step for a new token's secret: masked by default, copied with an
 * auto-clear, exported to a vault, tested with a safe call. The secret appears in the
 * page only while the user chooses to reveal it.
 */
export function SecretPanel({ info, secret, state, actions, vaultAddress, vaultTarget, children }: {
  info: SecretPanelInfo;
  secret: string;
  state: SecretPanelState;
  actions: SecretPanelActions;
  vaultAddress: string | null;
  /** The full URL (with the KV path) a push would write to, shown before the push. */
  vaultTarget?: string | null;
  children?: preact.ComponentChildren;
}) {
  const [revealed, setRevealed] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [vaultToken, setVaultToken] = useState('');
  const [user, setUser] = useState(info.user ?? '');
  const [exportNote, setExportNote] = useState<{ ok: boolean; message: string } | null>(null);
  const [test, setTest] = useState<TokenTestReport | { error: string } | 'running' | null>(null);
  const strength = passphrase ? actions.passphraseStrength(passphrase) : null;
  const run = async (job: Promise<{ ok: boolean; message: string }>) => setExportNote(await job);

  return (
    <section class="tw-secret" data-testid="new-token-panel" aria-labelledby="tw-secret-title" data-saved={String(state.saved)}>
      <h2 id="tw-secret-title">{t('panel.title', [info.name])}</h2>
      <dl class="tw-facts">
        <dt>{t('panel.server')}</dt>
        <dd>{info.server}</dd>
        {info.user && (
          <>
            <dt>{t('panel.whmUser')}</dt>
            <dd>{info.user}</dd>
          </>
        )}
        <dt>{t('panel.privileges')}</dt>
        <dd data-testid="panel-acls">{info.acls ? (info.acls.includes('all') ? t('panel.fullAccess') : info.acls.join(', ')) : '…'}</dd>
        <dt>{t('panel.expires')}</dt>
        <dd>{info.expiresAt === undefined ? '…' : info.expiresAt === null ? t('panel.never') : formatDateTime(info.expiresAt)}</dd>
        <dt>{t('panel.ipAllowlist')}</dt>
        <dd>{info.whitelistIps ? (info.whitelistIps.length ? info.whitelistIps.join(', ') : t('panel.anyAddress')) : '…'}</dd>
      </dl>

      <div class="tw-row">
        <code class="tw-value" data-testid="secret-value" aria-label={revealed ? t('panel.secretLabel') : t('panel.secretHiddenLabel')}>
          {revealed ? secret : '•'.repeat(32)}
        </code>
        <button type="button" aria-pressed={revealed} data-testid="reveal-token" onClick={() => setRevealed(!revealed)}>
          {revealed ? t('panel.hide') : t('panel.reveal')}
        </button>
        <button type="button" class="tw-primary" data-testid="copy-token" onClick={actions.copy}>
          {t('panel.copy')}
        </button>
        {state.clipboardSecondsLeft !== null && (
          <span data-testid="clipboard-countdown" data-seconds={state.clipboardSecondsLeft} role="status">
            {t('panel.clipboardClearsIn', [formatNumber(state.clipboardSecondsLeft)])}
          </span>
        )}
        {state.clipboardNote && <span role="status" data-testid="clipboard-note">{state.clipboardNote}</span>}
      </div>

      <fieldset class="tw-exports">
        <legend>{t('panel.vaultLegend')}</legend>
        <p class="tw-warn">{t('panel.plaintextWarning')}</p>
        <div class="tw-row">
          {FORMATS.map(({ format, label }) => (
            <button type="button" key={format} data-export={format} onClick={() => run(actions.exportFile(format))}>
              {label}
            </button>
          ))}
        </div>
        <div class="tw-row">
          <label>
            {t('panel.agePassphrase')}{' '}
            <input type="password" autocomplete="new-password" data-testid="age-passphrase" value={passphrase} onInput={(e) => setPassphrase((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {strength && (
            <span data-testid="passphrase-strength" data-score={strength.score} class={`tw-strength-${strength.score}`}>
              {strength.label}
              {strength.hint ? ` — ${strength.hint}` : ''}
            </span>
          )}
          <button type="button" data-export="age" disabled={!passphrase} onClick={() => run(actions.exportFile('age', passphrase))}>
            {t('panel.ageFile')}
          </button>
        </div>
        <div class="tw-row">
          <label>
            {vaultAddress ? t('panel.vaultTokenFor', [vaultAddress]) : t('panel.vaultToken')}{' '}
            <input type="password" autocomplete="off" data-testid="vault-token" value={vaultToken} disabled={!vaultAddress} onInput={(e) => setVaultToken((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button
            type="button"
            data-export="vault-kv"
            disabled={!vaultAddress || !vaultToken}
            onClick={() => {
              const token = vaultToken;
              setVaultToken('');
              void run(actions.pushToVault(token));
            }}
          >
            {t('panel.pushToVault')}
          </button>
          {!vaultAddress && <span class="tw-hint">{t('panel.noVaultAddress')}</span>}
          {vaultTarget && (
            <span class="tw-hint" data-testid="vault-target">
              {t('vault.pushesTo', [vaultTarget])}
            </span>
          )}
        </div>
        {exportNote && (
          <p role={exportNote.ok ? 'status' : 'alert'} data-testid="export-result" data-ok={String(exportNote.ok)}>
            {exportNote.message}
          </p>
        )}
      </fieldset>

      <div class="tw-row">
        {!info.user && (
          <label>
            {t('panel.testUser')}{' '}
            <input type="text" data-testid="test-user" value={user} onInput={(e) => setUser((e.currentTarget as HTMLInputElement).value)} />
          </label>
        )}
        <button
          type="button"
          data-testid="test-token"
          disabled={!user || test === 'running'}
          onClick={async () => {
            setTest('running');
            setTest(await actions.test(user));
          }}
        >
          {t('panel.test')}
        </button>
        {test && test !== 'running' && (
          'error' in test ? (
            <span role="alert" data-testid="test-result" data-result="failed">
              {test.error}
            </span>
          ) : (
            <span role="status" data-testid="test-result" data-result={test.result}>
              {test.message}
            </span>
          )
        )}
      </div>

      <div class="tw-row">
        {state.saved ? (
          <span data-testid="saved-state">{t('panel.saved')}</span>
        ) : (
          <button type="button" data-testid="mark-saved" onClick={actions.markSaved}>
            {t('panel.markSaved')}
          </button>
        )}
        {actions.close && (
          <button type="button" data-testid="close-panel" onClick={actions.close}>
            {t('common.close')}
          </button>
        )}
      </div>
      {state.confirmingLeave && (
        <div role="alertdialog" aria-labelledby="tw-leave-title" class="tw-leave" data-testid="leave-confirm">
          <p id="tw-leave-title">
            <strong>{t('panel.leaveTitle')}</strong> {t('panel.leaveBody')}
          </p>
          <button type="button" data-testid="stay" onClick={actions.stay}>
            {t('panel.stay')}
          </button>{' '}
          <button type="button" class="tw-danger" data-testid="leave-anyway" onClick={actions.leaveAnyway}>
            {t('panel.leaveAnyway')}
          </button>
        </div>
      )}
      {children}
    </section>
  );
}

export const SECRET_PANEL_CSS = `
.tw-secret { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2b36; background: #fff;
  border: 1px solid #6aa57a; border-left: 6px solid #2b7a3d; border-radius: 4px; padding: 10px 14px; margin: 10px 0; }
.tw-secret h2 { font-size: 15px; margin: 0 0 6px; }
.tw-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
.tw-facts dt { font-weight: 600; }
.tw-facts dd { margin: 0; word-break: break-word; }
.tw-row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 6px 0; }
.tw-value { font: 14px ui-monospace, Menlo, monospace; background: #f3f5f7; padding: 3px 8px; border-radius: 3px; letter-spacing: 1px; }
button { font: inherit; padding: 3px 10px; border: 1px solid #5b7083; border-radius: 3px; background: #fff; color: #1d2b36; cursor: pointer; }
button:disabled { opacity: .55; cursor: default; }
button.tw-primary { background: #2b7a3d; border-color: #2b7a3d; color: #fff; }
button.tw-danger { border-color: #b42318; color: #8f1c12; }
button:focus-visible, input:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
input { font: inherit; padding: 2px 6px; border: 1px solid #5b7083; border-radius: 3px; }
.tw-exports { border: 1px solid #c8d6e2; border-radius: 4px; margin: 8px 0; padding: 4px 10px; }
.tw-warn { margin: 2px 0; color: #7a3e00; }
.tw-hint { color: #3d4f5c; font-size: 12px; }
.tw-leave { border: 1px solid #b42318; background: #fdf3f2; padding: 8px 10px; border-radius: 4px; margin-top: 8px; }
.tw-strength-0, .tw-strength-1 { color: #8f1c12; } .tw-strength-2 { color: #7a3e00; } .tw-strength-3, .tw-strength-4 { color: #1e6b33; }
`;
