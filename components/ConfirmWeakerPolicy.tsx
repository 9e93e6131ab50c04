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
      class="tw-modal"
      onCancel={(e) => {
        // Escape: our Cancel, so the page (not the browser) decides what closing means.
        e.preventDefault();
        onCancel();
      }}
    >
      <div class="tw-modal-header">
        <h2 id="tw-weaker-title" class="tw-modal-title">
          {t('weakening.dialog.title', [fileName])}
        </h2>
      </div>
      <div class="tw-modal-body">
        <p id="tw-weaker-intro">{t('weakening.dialog.intro')}</p>
        <ul>
          {weakenings.map((w) => (
            <li key={w.id} data-weakening={w.id} data-field={w.field}>
              <strong>{w.message}</strong>
              <br />
              <span data-testid="weakening-change">{t('weakening.dialog.change', [describePolicyValue(w.field, w.before), describePolicyValue(w.field, w.after)])}</span>
            </li>
          ))}
        </ul>
      </div>
      <div class="tw-modal-footer">
        <button type="button" class="tw-btn tw-btn-danger" data-testid="import-anyway" onClick={onConfirm}>
          {t('weakening.dialog.importAnyway')}
        </button>
        <button type="button" class="tw-btn tw-btn-default" ref={cancel} data-testid="cancel-import" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
