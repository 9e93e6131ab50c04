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

export const FORM_UI_CSS = `
.tw-presets, .tw-name, .tw-policy { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2b36; }
.tw-presets { border: 1px solid #9bb7cf; border-left: 6px solid #2a6ebb; background: #f3f8fd; border-radius: 4px; padding: 8px 12px; margin: 0 0 14px; }
.tw-presets h3 { font-size: 14px; margin: 0 0 2px; }
.tw-hint { margin: 0 0 6px; color: #3d4f5c; }
.tw-presets ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px; }
.tw-presets li { background: #fff; border: 1px solid #c8d6e2; border-radius: 4px; padding: 6px 8px; }
.tw-presets button { font: 600 13px system-ui, sans-serif; border: 1px solid #2a6ebb; background: #fff; color: #1a4f8a; border-radius: 3px; padding: 3px 8px; cursor: pointer; }
.tw-presets button[aria-pressed="true"] { background: #2a6ebb; color: #fff; }
.tw-presets button:focus-visible, .tw-name button:focus-visible, .tw-name input:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.tw-tag { font-weight: 400; font-size: 11px; margin-left: 6px; padding: 0 4px; border: 1px solid currentColor; border-radius: 3px; }
.tw-desc { margin: 4px 0; }
.tw-acls { margin: 2px 0; display: flex; flex-wrap: wrap; gap: 3px; }
code { font: 11.5px ui-monospace, Menlo, monospace; background: #eef3f7; padding: 0 3px; border-radius: 2px; }
/* An unavailable preset is not an error: muted, with the reason in plain grey. */
code.tw-missing { text-decoration: line-through; }
.tw-presets .tw-muted { background: #f6f7f8; color: #4d5b66; }
.tw-muted button:not([aria-pressed="true"]) { border-color: #8a98a5; color: inherit; }
.tw-unavailable { margin: 4px 0 0; font-size: 12px; }
.tw-problem { color: #8f1c12; margin: 4px 0 0; }
.tw-name { margin: 4px 0 0; }
.tw-name [data-state="ok"] { color: #1e6b33; }
.tw-name [data-state="bad"] { color: #8f1c12; }
.tw-name [data-state="quiet"] { color: #4d5b66; }
.tw-builder { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin-top: 4px; }
.tw-builder label { display: flex; flex-direction: column; font-size: 12px; }
.tw-builder input { font: inherit; padding: 2px 4px; border: 1px solid #5b7083; border-radius: 3px; }
.tw-builder button { font: inherit; padding: 2px 8px; border: 1px solid #5b7083; background: #fff; border-radius: 3px; cursor: pointer; }
.tw-choices { display: flex; gap: 3px; margin-top: 2px; }
.tw-choices button { font-size: 12px; padding: 0 6px; border-color: #2a6ebb; color: #1a4f8a; border-radius: 9px; }
.tw-choices [aria-pressed="true"] { background: #2a6ebb; color: #fff; }
.tw-policy { border-radius: 4px; padding: 6px 10px; margin: 0 0 10px; border: 1px solid #e0b96a; border-left: 6px solid #a15c00; background: #fff8ea; }
.tw-policy[data-blocked="true"] { border-color: #d9a1a1; border-left-color: #b42318; background: #fdf3f2; }
.tw-policy ul { margin: 2px 0; padding-left: 18px; }
.tw-policy p { margin: 0; }
.tw-acl-warning { font: 600 11px/1.6 system-ui, sans-serif; margin-left: 6px; padding: 0 6px; border-radius: 9px; border: 1px solid #d99a2b; background: #fff1d6; color: #7a3e00; }
.tw-acl-warning.tw-forbidden { border-color: #b42318; background: #fdecea; color: #8f1c12; }
`;
