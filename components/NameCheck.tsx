import { useState } from 'preact/hooks';
import { t } from '../utils/i18n';
import type { NameCheck as NameCheckResult } from '../utils/naming';

export interface NameCheckProps {
  check: NameCheckResult;
  /**
   * False until there is something to judge: the user has typed in WHM's name field, or it
   * holds a name (Edit), or Save was tried. A form that just opened flags nothing.
   */
  active: boolean;
  /** The convention in words (the policy's hint, else its pattern) when there is a pattern; a hint until then. */
  convention: string | null;
  /** Free fields of the team's name template, e.g. ['team', 'purpose']; empty when there is none. */
  templateFields: string[];
  template: string | null;
  /** Per field, the values the naming pattern allows (e.g. team: ops, billing); may be empty. */
  choices: Record<string, string[]>;
  /** Builds the name from the template and the typed values (slugified, the date filled in). */
  buildName: (values: Record<string, string>) => string;
  onUseName: (name: string) => void;
}

/**
 * The live naming check under WHM's name field, and the template helper. A bad name gets
 * one message, its problems in the order checkTokenName gives them (what WHM itself would
 * refuse first, then the team's convention).
 */
export function NameCheck({ check, active, convention, templateFields, template, choices, buildName, onUseName }: NameCheckProps) {
  const [values, setValues] = useState<Record<string, string>>({});
  const preview = template ? buildName(values) : '';
  const state = !active ? 'quiet' : check.valid ? 'ok' : 'bad';
  return (
    <div class="tw-name">
      <div data-testid="name-check" data-valid={String(check.valid)} data-state={state} role="status" aria-live="polite">
        {state === 'quiet' ? (
          convention && <span class="tw-hint">{t('nameCheck.convention', [convention])}</span>
        ) : state === 'ok' ? (
          <span>{convention ? t('nameCheck.okWithConvention') : t('nameCheck.ok')}</span>
        ) : (
          <span>✗ {check.problems.join(' ')}</span>
        )}
      </div>
      {template && (
        <div class="tw-builder" data-testid="name-builder">
          {templateFields.map((field) => (
            <div class="tw-field" key={field}>
              <label>
                {field}
                <input
                  type="text"
                  data-field={field}
                  value={values[field] ?? ''}
                  onInput={(e) => setValues({ ...values, [field]: (e.currentTarget as HTMLInputElement).value })}
                />
              </label>
              {choices[field] && (
                <div class="tw-choices" role="group" aria-label={t('nameCheck.choicesFor', [field])}>
                  {choices[field].map((choice) => (
                    <button
                      type="button"
                      key={choice}
                      data-choice={choice}
                      data-for={field}
                      aria-pressed={values[field] === choice}
                      onClick={() => setValues({ ...values, [field]: choice })}
                    >
                      {choice}
                    </button>
                  ))}
                </div>
              )}
            </div>
          ))}
          <button type="button" data-testid="use-name" disabled={!preview} onClick={() => onUseName(preview)}>
            {t('nameCheck.use', [preview || template])}
          </button>
        </div>
      )}
    </div>
  );
}
