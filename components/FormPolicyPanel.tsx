import { t } from '../utils/i18n';
import type { PolicyViolation } from '../utils/policy/enforce-policy';

export interface FormPolicyPanelProps {
  /** What breaks the policy, but the name: its message is under the name field (NameCheck). */
  violations: PolicyViolation[];
  /** The name breaks the policy too: said in one line pointing at that message, not repeated. */
  nameBroken: boolean;
  /** True when the policy holds WHM's Save button (block mode, on the Generate form). */
  blocked: boolean;
  policyName: string | null;
  notes: string[];
}

/** Beside WHM's Save button: what in the form breaks the team policy, and whether saving is held. */
export function FormPolicyPanel({ violations, nameBroken, blocked, policyName, notes }: FormPolicyPanelProps) {
  const broken = violations.length > 0 || nameBroken;
  if (!broken && !notes.length) return null;
  const who = policyName ? t('formPolicy.namedPolicy', [policyName]) : t('formPolicy.yourPolicy');
  return (
    <div class="tw-policy" data-testid="form-policy" data-blocked={String(blocked)} role={blocked ? 'alert' : 'status'}>
      {broken && (
        <>
          <p>
            <strong>{blocked ? t('formPolicy.held', [who]) : t('formPolicy.breaks', [who])}</strong>
          </p>
          <ul>
            {nameBroken && <li data-field="name">{t('formPolicy.nameSeeField')}</li>}
            {violations.map((v) => (
              <li key={v.field + v.message} data-field={v.field}>
                {v.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
