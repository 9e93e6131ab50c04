import { useEffect, useRef } from 'preact/hooks';
import { t } from '../utils/i18n';
import { describePolicyValue, type Weakening } from '../utils/policy/weakenings';

export interface ConfirmWeakerPolicyProps {
  fileName: string;
  weakenings: Weakening[];
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a team file weakens the policy in force (utils/policy/weakenings.ts):
 * every weakening with its value now and after the import. A modal <dialog>, so the
 * keyboard stays inside it; focus starts on Cancel, the safe choice, and Escape cancels.
 */
export function ConfirmWeakerPolicy({ fileName, weakenings, onConfirm, onCancel }: ConfirmWeakerPolicyProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    cancel.current?.focus();
    // Closed before it leaves the page, so the browser hands focus back to where it was.
    return () => {
      if (element?.open) element.close();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      data-testid="weaker-policy"
      aria-labelledby="tw-weaker-title"
      aria-describedby="tw-weaker-intro"
      style={styles.dialog}
      onCancel={(e) => {
        // Escape: our Cancel, so the page (not the browser) decides what closing means.
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="tw-weaker-title" style={styles.title}>
        {t('weakening.dialog.title', [fileName])}
      </h2>
      <p id="tw-weaker-intro">{t('weakening.dialog.intro')}</p>
      <ul style={styles.list}>
        {weakenings.map((w) => (
          <li key={w.id} data-weakening={w.id} data-field={w.field} style={styles.item}>
            <strong>{w.message}</strong>
            <br />
            <span data-testid="weakening-change">{t('weakening.dialog.change', [describePolicyValue(w.field, w.before), describePolicyValue(w.field, w.after)])}</span>
          </li>
        ))}
      </ul>
      <div style={styles.actions}>
        <button type="button" data-testid="import-anyway" onClick={onConfirm} style={styles.danger}>
          {t('weakening.dialog.importAnyway')}
        </button>{' '}
        <button type="button" ref={cancel} data-testid="cancel-import" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

const styles = {
  dialog: { font: '14px/1.5 system-ui, sans-serif', color: '#1d2b36', maxWidth: '680px', border: '1px solid #b3261e', borderRadius: '6px', padding: '16px 20px' },
  title: { marginTop: 0, fontSize: '18px' },
  list: { paddingLeft: '20px' },
  item: { marginBottom: '8px', wordBreak: 'break-word' },
  actions: { marginTop: '12px' },
  danger: { background: '#b3261e', color: '#fff', border: '1px solid #8c1d18', borderRadius: '4px', padding: '4px 12px' },
} as const;
