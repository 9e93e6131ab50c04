import { t } from '../utils/i18n';
import { Panel } from './Panel';

/**
 * The optional `clipboardRead` permission: granted, the clear that follows a copy first
 * checks the clipboard still holds the secret (as Bitwarden and KeePassXC do); not
 * granted, it clears unless it saw the user copy something else since. Optional, so it
 * adds no warning at install.
 */
export function ClipboardCheck({ granted, onChange }: { granted: boolean; onChange: (grant: boolean) => void }) {
  return (
    <Panel titleId="clipboard-title" title={t('options.clipboardTitle')}>
      <div class="tw-panel-body">
        <p>{granted ? t('options.clipboardChecks') : t('options.clipboardClearsBlind')}</p>
      </div>
      <div class="tw-panel-footer">
        <button type="button" class={`tw-btn ${granted ? 'tw-btn-default' : 'tw-btn-primary'}`} data-testid="clipboard-read" aria-pressed={granted} onClick={() => onChange(!granted)}>
          {granted ? t('options.clipboardStopChecking') : t('options.clipboardCheck')}
        </button>
      </div>
    </Panel>
  );
}
