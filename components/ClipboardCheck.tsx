import { t } from '../utils/i18n';

/**
 * The optional `clipboardRead` permission: granted, the clear that follows a copy first
 * checks the clipboard still holds the secret (as Bitwarden and KeePassXC do); not
 * granted, it clears unless it saw the user copy something else since. Optional, so it
 * adds no warning at install.
 */
export function ClipboardCheck({ granted, onChange }: { granted: boolean; onChange: (grant: boolean) => void }) {
  return (
    <section aria-labelledby="clipboard-title">
      <h2 id="clipboard-title">{t('options.clipboardTitle')}</h2>
      <p>{granted ? t('options.clipboardChecks') : t('options.clipboardClearsBlind')}</p>
      <button type="button" data-testid="clipboard-read" aria-pressed={granted} onClick={() => onChange(!granted)}>
        {granted ? t('options.clipboardStopChecking') : t('options.clipboardCheck')}
      </button>
    </section>
  );
}
