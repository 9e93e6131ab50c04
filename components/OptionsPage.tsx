import { useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_CHOICES, type PolicyFile, type PolicyProblem } from '../utils/policy/policy-file';
import type { LoadedPolicy } from '../utils/policy/policy-storage';
import { POLICY_FIELDS, readField, writeField, type PolicyField, type PolicySource } from '../utils/policy/resolve-policy';
import type { Preset } from '../utils/policy/defaults';
import { describePolicyValue } from '../utils/policy/weakenings';
import { formatDateTime, formatNumber, SLOTS, t } from '../utils/i18n';
import { withSlots } from './with-slots';

export interface OptionsPageProps {
  loaded: LoadedPolicy;
  status?: { state: 'ok' | 'error'; message: string; problems?: PolicyProblem[] };
  onImport: (file: File) => void;
  onRemoveTeam: () => void;
  onExport: () => void;
  onSaveUser: (user: PolicyFile) => void;
  /** Asks for host access to the Vault address (must run inside the click). */
  onAllowVault: (address: string) => void;
  /** The one Vault origin pushes may go to, as the user approved it (utils/servers.ts). */
  approvedVault: string | null;
}

type FieldKind = 'text' | 'number' | 'boolean' | 'enforcement' | 'clipboard' | 'list';
const FIELD_KIND: Record<Exclude<PolicyField, 'presets'>, FieldKind> = {
  name: 'text',
  enforcement: 'enforcement',
  'naming.pattern': 'text',
  'naming.template': 'text',
  'naming.hint': 'text',
  'expiry.defaultDays': 'number',
  'expiry.maxDays': 'number',
  'expiry.allowNever': 'boolean',
  'expiry.warnDays': 'number',
  'rotation.maxAgeDays': 'number',
  'privileges.forbidden': 'list',
  'privileges.risky': 'list',
  requireIpAllowlist: 'boolean',
  clipboardClearSeconds: 'clipboard',
  'vault.address': 'text',
  'vault.mount': 'text',
  'vault.pathTemplate': 'text',
};

const label = (field: PolicyField): string =>
  ({
    name: () => t('options.field.name'),
    enforcement: () => t('options.field.enforcement'),
    'naming.pattern': () => t('options.field.namingPattern'),
    'naming.template': () => t('options.field.namingTemplate', ['{team}-{purpose}-{yyyymmdd}']),
    'naming.hint': () => t('options.field.namingHint'),
    'expiry.defaultDays': () => t('options.field.expiryDefaultDays'),
    'expiry.maxDays': () => t('options.field.expiryMaxDays'),
    'expiry.allowNever': () => t('options.field.expiryAllowNever'),
    'expiry.warnDays': () => t('options.field.expiryWarnDays'),
    'rotation.maxAgeDays': () => t('options.field.rotationMaxAgeDays'),
    'privileges.forbidden': () => t('options.field.privilegesForbidden'),
    'privileges.risky': () => t('options.field.privilegesRisky'),
    requireIpAllowlist: () => t('options.field.requireIpAllowlist'),
    clipboardClearSeconds: () => t('options.field.clipboardClearSeconds'),
    presets: () => t('options.field.presets'),
    'vault.address': () => t('options.field.vaultAddress'),
    'vault.mount': () => t('options.field.vaultMount'),
    'vault.pathTemplate': () => t('options.field.vaultPathTemplate'),
  })[field]();

const sourceText = (source: PolicySource): string =>
  ({
    managed: () => t('options.source.managed'),
    team: () => t('options.source.team'),
    user: () => t('options.source.user'),
    default: () => t('options.source.default'),
  })[source]();

const layerText = (layer: 'managed' | 'team' | 'user'): string =>
  ({ managed: () => t('options.layer.managed'), team: () => t('options.layer.team'), user: () => t('options.layer.user') })[layer]();

/** A value in force, in the words of the inputs beside it (yes/no, warn/block, "30 seconds"). */
const show = (value: unknown, kind: FieldKind): string => {
  if (Array.isArray(value)) return value.join(' ');
  if (value === null || value === undefined) return '—';
  if (kind === 'boolean' && typeof value === 'boolean') return value ? t('options.answerYes') : t('options.answerNo');
  if (kind === 'enforcement') return value === 'block' ? t('options.block') : value === 'warn' ? t('options.warn') : String(value);
  if (kind === 'clipboard' && typeof value === 'number') return describePolicyValue('clipboardClearSeconds', value);
  if (kind === 'number' && typeof value === 'number') return formatNumber(value);
  return String(value);
};

export function OptionsPage({ loaded, status, onImport, onRemoveTeam, onExport, onSaveUser, onAllowVault, approvedVault }: OptionsPageProps) {
  const [draft, setDraft] = useState<PolicyFile>(loaded.user ?? {});
  const effective = (field: PolicyField) => readField(loaded.policy as unknown as PolicyFile, field);
  const set = (field: PolicyField, value: unknown) => setDraft(writeField(draft, field, value));

  return (
    <main class="tw-options" style={styles.main}>
      <h1>{t('options.title')}</h1>
      <p>{t('options.intro')}</p>

      {status && (
        <div data-testid="policy-status" data-state={status.state} role={status.state === 'error' ? 'alert' : 'status'} style={status.state === 'error' ? styles.error : styles.ok}>
          <p>{status.message}</p>
          {status.problems && (
            <ul>
              {status.problems.map((p) => (
                <li key={p.path + p.message} data-path={p.path}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {loaded.problems.length > 0 && (
        <div role="alert" style={styles.error} data-testid="stored-policy-problems">
          <p>{t('options.storedProblems')}</p>
          <ul>
            {loaded.problems.map((p) => (
              <li key={p.layer + p.path + p.message}>
                {layerText(p.layer)}: <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      {loaded.notes.length > 0 && (
        <div role="status" style={styles.note} data-testid="policy-notes">
          <ul>
            {loaded.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="team-title">
        <h2 id="team-title">{t('options.teamTitle')}</h2>
        {loaded.team ? (
          <p data-testid="team-policy">
            {loaded.team.file.name
              ? withSlots(t('options.teamInForceNamed', [loaded.team.file.name, SLOTS[0], formatDateTime(loaded.team.importedAt / 1000)]), <code>{loaded.team.fileName}</code>)
              : withSlots(t('options.teamInForce', [SLOTS[0], formatDateTime(loaded.team.importedAt / 1000)]), <code>{loaded.team.fileName}</code>)}{' '}
            <button type="button" onClick={onRemoveTeam}>
              {t('options.remove')}
            </button>
          </p>
        ) : (
          <p>{t('options.noTeam')}</p>
        )}
        <label>
          {withSlots(t('options.importFile', [SLOTS[0]]), <code>*.token-policy.json</code>)}{' '}
          <input
            type="file"
            accept=".json,application/json"
            data-testid="policy-import"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              if (file) onImport(file);
              input.value = '';
            }}
          />
        </label>{' '}
        <button type="button" data-testid="policy-export" onClick={onExport}>
          {t('options.export')}
        </button>
      </section>

      <section aria-labelledby="settings-title">
        <h2 id="settings-title">{t('options.settingsTitle')}</h2>
        <p>{t('options.settingsHint')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSaveUser(draft);
          }}
        >
          <table style={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('options.column.setting')}</th>
                <th scope="col">{t('options.column.inForce')}</th>
                <th scope="col">{t('options.column.source')}</th>
                <th scope="col">{t('options.column.yourValue')}</th>
              </tr>
            </thead>
            <tbody>
              {POLICY_FIELDS.filter((f): f is Exclude<PolicyField, 'presets'> => f !== 'presets').map((field) => {
                const locked = loaded.sources[field] === 'managed';
                const mine = readField(draft, field);
                const id = `field-${field.replace('.', '-')}`;
                return (
                  <tr key={field} data-field={field} data-locked={String(locked)}>
                    <th scope="row">
                      <label for={id}>{label(field)}</label>
                    </th>
                    <td data-testid="policy-value">{show(effective(field), FIELD_KIND[field])}</td>
                    <td data-testid="policy-source" data-field={field} data-source={loaded.sources[field]}>
                      {sourceText(loaded.sources[field])}
                    </td>
                    <td>
                      <FieldInput id={id} kind={FIELD_KIND[field]} value={mine} locked={locked} onChange={(v) => set(field, v)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {loaded.policy.vault.address && (
            <VaultApproval address={loaded.policy.vault.address} approved={approvedVault} onAllow={onAllowVault} />
          )}
          <PresetsEditor
            presets={(draft.presets ?? []) as Preset[]}
            inForce={loaded.policy.presets}
            source={loaded.sources.presets}
            onChange={(presets) => set('presets', presets.length ? presets : undefined)}
          />
          <p>
            <button type="submit" data-testid="save-settings">
              {t('options.save')}
            </button>
          </p>
        </form>
      </section>
    </main>
  );
}

function FieldInput({ id, kind, value, locked, onChange }: { id: string; kind: FieldKind; value: unknown; locked: boolean; onChange: (v: unknown) => void }) {
  const common = { id, disabled: locked, title: locked ? t('options.locked') : undefined };
  switch (kind) {
    case 'boolean':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, (v) => v === 'true'))}>
          <option value="">{t('options.notSet')}</option>
          <option value="true">{t('options.answerYes')}</option>
          <option value="false">{t('options.answerNo')}</option>
        </select>
      );
    case 'enforcement':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, (v) => v))}>
          <option value="">{t('options.notSet')}</option>
          <option value="warn">{t('options.warn')}</option>
          <option value="block">{t('options.block')}</option>
        </select>
      );
    case 'clipboard':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, Number))}>
          <option value="">{t('options.notSet')}</option>
          {CLIPBOARD_CLEAR_CHOICES.map((s) => (
            <option key={s} value={String(s)}>
              {describePolicyValue('clipboardClearSeconds', s)}
            </option>
          ))}
        </select>
      );
    case 'number':
      return <input {...common} type="number" value={value === undefined ? '' : String(value)} onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, Number))} />;
    case 'list':
      return (
        <input
          {...common}
          type="text"
          value={Array.isArray(value) ? value.join(' ') : ''}
          onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, (v) => v.split(/[\s,]+/).filter(Boolean)))}
        />
      );
    default:
      return <input {...common} type="text" value={value === undefined ? '' : String(value)} onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, (v) => v))} />;
  }
}

const parseOptional = <T,>(raw: string, parse: (v: string) => T): T | undefined => (raw.trim() === '' ? undefined : parse(raw.trim()));

function PresetsEditor({ presets, inForce, source, onChange }: { presets: Preset[]; inForce: Preset[]; source: PolicySource; onChange: (p: Preset[]) => void }) {
  const [adding, setAdding] = useState({ id: '', label: '', acls: '', expiryDays: '' });
  const locked = source === 'managed';
  return (
    <fieldset data-testid="presets-editor">
      <legend>{t('options.field.presets')}</legend>
      <p>{t('options.presets.inForce', [sourceText(source), inForce.length ? inForce.map((p) => p.label).join(', ') : t('options.presets.builtInOnly')])}</p>
      {presets.length > 0 && (
        <ul>
          {presets.map((p) => (
            <li key={p.id} data-user-preset={p.id}>
              <strong>{p.label}</strong> (<code>{p.id}</code>): {p.acls.join(', ')}
              {p.expiryDays ? `, ${t('common.days', p.expiryDays, [formatNumber(p.expiryDays)])}` : ''}{' '}
              <button type="button" disabled={locked} onClick={() => onChange(presets.filter((x) => x.id !== p.id))}>
                {t('options.presets.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <div>
          <label>
            {t('options.presets.id')} <input value={adding.id} onInput={(e) => setAdding({ ...adding, id: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            {t('options.presets.label')} <input value={adding.label} onInput={(e) => setAdding({ ...adding, label: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            {t('options.presets.acls')} <input value={adding.acls} onInput={(e) => setAdding({ ...adding, acls: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            {t('options.presets.expiryDays')} <input type="number" value={adding.expiryDays} onInput={(e) => setAdding({ ...adding, expiryDays: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <button
            type="button"
            disabled={!adding.id || !adding.label || !adding.acls}
            onClick={() => {
              const preset: Preset = {
                id: adding.id.trim(),
                label: adding.label.trim(),
                acls: adding.acls.split(/[\s,]+/).filter(Boolean),
                ...(adding.expiryDays ? { expiryDays: Number(adding.expiryDays) } : {}),
              };
              onChange([...presets.filter((x) => x.id !== preset.id), preset]);
              setAdding({ id: '', label: '', acls: '', expiryDays: '' });
            }}
          >
            {t('options.presets.add')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

const styles = {
  main: { font: '14px/1.5 system-ui, sans-serif', color: '#1d2b36', maxWidth: '1000px', margin: '0 auto', padding: '16px' },
  table: { borderCollapse: 'collapse', width: '100%' },
  ok: { border: '1px solid #6aa57a', background: '#eef8f0', padding: '6px 12px', borderRadius: '4px' },
  error: { border: '1px solid #d9a1a1', background: '#fdf3f2', padding: '6px 12px', borderRadius: '4px' },
  note: { border: '1px solid #d99a2b', background: '#fff8e8', padding: '6px 12px', borderRadius: '4px' },
} as const;

/**
 * Pushing to Vault needs the user's approval of that one exact origin (scheme, host and
 * port) and its own host permission: a team file or an administrator can name an address,
 * but only the user sends secrets there.
 */
function VaultApproval({ address, approved, onAllow }: { address: string; approved: string | null; onAllow: (address: string) => void }) {
  let origin: string;
  try {
    origin = new URL(address).origin;
  } catch {
    return null;
  }
  if (approved === origin) {
    return (
      <p data-testid="vault-approved" data-origin={origin}>
        {withSlots(t('vault.approved', [SLOTS[0]]), <code>{origin}</code>)}
      </p>
    );
  }
  return (
    <p>
      {withSlots(t('options.vaultAccess', [SLOTS[0]]), <code>{origin}</code>)}{' '}
      <button type="button" data-testid="allow-vault" onClick={() => onAllow(origin)}>
        {t('vault.approve', [origin])}
      </button>
    </p>
  );
}
