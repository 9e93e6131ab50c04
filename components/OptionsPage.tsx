import { useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_CHOICES, type PolicyFile, type PolicyProblem } from '../utils/policy/policy-file';
import type { LoadedPolicy } from '../utils/policy/policy-storage';
import { POLICY_FIELDS, readField, writeField, type PolicyField, type PolicySource } from '../utils/policy/resolve-policy';
import type { Preset } from '../utils/policy/defaults';

export interface OptionsPageProps {
  loaded: LoadedPolicy;
  status?: { state: 'ok' | 'error'; message: string; problems?: PolicyProblem[] };
  onImport: (file: File) => void;
  onRemoveTeam: () => void;
  onExport: () => void;
  onSaveUser: (user: PolicyFile) => void;
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

const LABEL: Record<PolicyField, string> = {
  name: 'Policy name',
  enforcement: 'Enforcement (warn, or block saving)',
  'naming.pattern': 'Naming pattern (regular expression)',
  'naming.template': 'Name template, e.g. {team}-{purpose}-{yyyymmdd}',
  'naming.hint': 'Naming hint shown to users',
  'expiry.defaultDays': 'Default expiry (days)',
  'expiry.maxDays': 'Maximum expiry (days)',
  'expiry.allowNever': 'Allow tokens that never expire',
  'expiry.warnDays': 'Warn before expiry (days)',
  'rotation.maxAgeDays': 'Rotate tokens older than (days)',
  'privileges.forbidden': 'Forbidden privileges',
  'privileges.risky': 'Risky privileges',
  requireIpAllowlist: 'Require an IP allowlist',
  clipboardClearSeconds: 'Clear the clipboard after',
  presets: 'Presets',
  'vault.address': 'HashiCorp Vault address',
  'vault.mount': 'Vault KV mount',
  'vault.pathTemplate': 'Vault path template',
};

const SOURCE_TEXT: Record<PolicySource, string> = {
  managed: '🔒 set by your organisation',
  team: 'from the team policy',
  user: 'your setting',
  default: 'default',
};

const show = (value: unknown): string => (Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '—' : String(value));

export function OptionsPage({ loaded, status, onImport, onRemoveTeam, onExport, onSaveUser }: OptionsPageProps) {
  const [draft, setDraft] = useState<PolicyFile>(loaded.user ?? {});
  const effective = (field: PolicyField) => readField(loaded.policy as unknown as PolicyFile, field);
  const set = (field: PolicyField, value: unknown) => setDraft(writeField(draft, field, value));

  return (
    <main class="tw-options" style={styles.main}>
      <h1>Token Warden — policy and settings</h1>
      <p>
        The policy in force is built from, in order: values set by your organisation (locked here), the team policy file, your own
        settings, and Token Warden's defaults.
      </p>

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
          <p>Some stored or organisation values are invalid and are not applied:</p>
          <ul>
            {loaded.problems.map((p) => (
              <li key={p.layer + p.path + p.message}>
                {p.layer}: <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="team-title">
        <h2 id="team-title">Team policy file</h2>
        {loaded.team ? (
          <p data-testid="team-policy">
            In force: {loaded.team.file.name ? `“${loaded.team.file.name}” ` : ''}from <code>{loaded.team.fileName}</code>, imported{' '}
            {new Date(loaded.team.importedAt).toLocaleString()}.{' '}
            <button type="button" onClick={onRemoveTeam}>
              Remove
            </button>
          </p>
        ) : (
          <p>No team policy is imported.</p>
        )}
        <label>
          Import a <code>*.token-policy.json</code> file:{' '}
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
          Export the policy in force
        </button>
      </section>

      <section aria-labelledby="settings-title">
        <h2 id="settings-title">Policy in force, and your own settings</h2>
        <p>Leave a field empty to use the value from the team policy or the default.</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSaveUser(draft);
          }}
        >
          <table style={styles.table}>
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">In force</th>
                <th scope="col">Source</th>
                <th scope="col">Your value</th>
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
                      <label for={id}>{LABEL[field]}</label>
                    </th>
                    <td data-testid="policy-value">{show(effective(field))}</td>
                    <td data-testid="policy-source" data-field={field} data-source={loaded.sources[field]}>
                      {SOURCE_TEXT[loaded.sources[field]]}
                    </td>
                    <td>
                      <FieldInput id={id} kind={FIELD_KIND[field]} value={mine} locked={locked} onChange={(v) => set(field, v)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <PresetsEditor
            presets={(draft.presets ?? []) as Preset[]}
            inForce={loaded.policy.presets}
            source={loaded.sources.presets}
            onChange={(presets) => set('presets', presets.length ? presets : undefined)}
          />
          <p>
            <button type="submit" data-testid="save-settings">
              Save my settings
            </button>
          </p>
        </form>
      </section>
    </main>
  );
}

function FieldInput({ id, kind, value, locked, onChange }: { id: string; kind: FieldKind; value: unknown; locked: boolean; onChange: (v: unknown) => void }) {
  const common = { id, disabled: locked, title: locked ? 'Set by your organisation' : undefined };
  switch (kind) {
    case 'boolean':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, (v) => v === 'true'))}>
          <option value="">(not set)</option>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    case 'enforcement':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, (v) => v))}>
          <option value="">(not set)</option>
          <option value="warn">warn</option>
          <option value="block">block</option>
        </select>
      );
    case 'clipboard':
      return (
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(parseOptional((e.currentTarget as HTMLSelectElement).value, Number))}>
          <option value="">(not set)</option>
          {CLIPBOARD_CLEAR_CHOICES.map((s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? 'never' : s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`}
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
      <legend>Presets</legend>
      <p>
        In force ({SOURCE_TEXT[source]}): {inForce.length ? inForce.map((p) => p.label).join(', ') : 'only the built-in presets'}.
      </p>
      {presets.length > 0 && (
        <ul>
          {presets.map((p) => (
            <li key={p.id} data-user-preset={p.id}>
              <strong>{p.label}</strong> (<code>{p.id}</code>): {p.acls.join(', ')}
              {p.expiryDays ? `, ${p.expiryDays} days` : ''}{' '}
              <button type="button" disabled={locked} onClick={() => onChange(presets.filter((x) => x.id !== p.id))}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <div>
          <label>
            Id <input value={adding.id} onInput={(e) => setAdding({ ...adding, id: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            Label <input value={adding.label} onInput={(e) => setAdding({ ...adding, label: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            ACLs <input value={adding.acls} onInput={(e) => setAdding({ ...adding, acls: (e.currentTarget as HTMLInputElement).value })} />
          </label>{' '}
          <label>
            Expiry days <input type="number" value={adding.expiryDays} onInput={(e) => setAdding({ ...adding, expiryDays: (e.currentTarget as HTMLInputElement).value })} />
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
            Add preset
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
} as const;
