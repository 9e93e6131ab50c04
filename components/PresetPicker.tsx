import { t } from '../utils/i18n';
import type { PresetChoice } from '../utils/messages';

export interface PresetPickerProps {
  presets: PresetChoice[];
  /** "Title (acl)" per ACL, sent by the background (the catalogue stays out of the page). */
  titles: Record<string, string>;
  chosen: string | null;
  onChoose: (preset: PresetChoice) => void;
  /** Why there are no presets to show (e.g. the privileges could not be read). */
  problem?: string;
}

/**
 * Least-privilege starting points above WHM's privilege list (where WHM checks every
 * box). A preset needing an ACL the user lacks stays visible and says which.
 */
export function PresetPicker({ presets, titles, chosen, onChoose, problem }: PresetPickerProps) {
  return (
    <section class="tw-presets" data-testid="preset-picker" aria-labelledby="tw-presets-title">
      <h3 id="tw-presets-title">{t('presets.title')}</h3>
      <p class="tw-hint">{t('presets.hint')}</p>
      {problem && <p role="alert" class="tw-problem">{problem}</p>}
      <ul>
        {presets.map((p) => (
          <li key={p.id} class={p.missing.length ? 'tw-muted' : undefined}>
            <button type="button" data-preset={p.id} aria-pressed={chosen === p.id} data-unavailable={p.missing.length ? 'true' : undefined} onClick={() => onChoose(p)}>
              <span class="tw-label">{p.label}</span>
              {p.source === 'policy' && <span class="tw-tag">{t('presets.team')}</span>}
            </button>
            {p.description && <p class="tw-desc">{p.description}</p>}
            <p class="tw-acls">
              {p.acls.map((acl) => (
                <code key={acl} title={p.reasons?.[acl] ?? titles[acl] ?? acl} class={p.missing.includes(acl) ? 'tw-missing' : undefined}>
                  {acl}
                </code>
              ))}
            </p>
            {p.missing.length > 0 && (
              <p class="tw-unavailable" data-missing={p.missing.join(' ')}>
                {t('presets.unavailable', [p.missing.join(', ')])}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
