import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { NameCheck as NameCheckResult } from '../utils/naming';

export interface NameCheckProps {
  check: NameCheckResult;
  /** Free fields of the team's name template, e.g. ['team', 'purpose']; empty when there is none. */
  templateFields: string[];
  template: string | null;
  /** Builds the name from the template and the typed values (the date is filled in). */
  buildName: (values: Record<string, string>) => string;
  onUseName: (name: string) => void;
}

/** The live naming check under WHM's name field, and the template helper. */
export function NameCheck({ check, templateFields, template, buildName, onUseName }: NameCheckProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const preview = template ? buildName(values) : '';
  return (
    <div class="tw-name">
      <div data-testid="name-check" data-valid={String(check.valid)} role="status" aria-live="polite">
        {check.valid ? (
          <span>{template ? t('nameCheck.okWithConvention') : t('nameCheck.ok')}</span>
        ) : (
          <>
            <span>{t('nameCheck.bad')}</span>
            <ul>
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      {template && (
        <div class="tw-builder" data-testid="name-builder">
          {templateFields.map((field) => (
            <label key={field}>
              {field}
              <input
                type="text"
                data-field={field}
                value={values[field] ?? ''}
                onInput={(e) => setValues({ ...values, [field]: (e.currentTarget as HTMLInputElement).value })}
              />
            </label>
          ))}
          <button type="button" data-testid="use-name" disabled={!preview} onClick={() => onUseName(preview)}>
            {t('nameCheck.use', [preview || template])}
          </button>
        </div>
      )}
    </div>
  );
}
