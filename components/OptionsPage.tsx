import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { CLIPBOARD_CLEAR_CHOICES, type PolicyFile, type PolicyProblem } from '../utils/policy/policy-file';
import { VAULT_PATH_FIELDS } from '../utils/policy/policy-schema';
import type { LoadedPolicy } from '../utils/policy/policy-storage';
import { POLICY_FIELDS, readField, writeField, type PolicyField, type PolicySource } from '../utils/policy/resolve-policy';
import type { Preset } from '../utils/policy/defaults';
import { describePolicyValue } from '../utils/policy/weakenings';
import { formatDateTime, formatNumber, listAnd, SLOTS, t } from '../utils/i18n';
import { Panel } from './Panel';
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
  /** More panels of the same page (clipboard check, servers), inside its one column. */
  children?: ComponentChildren;
}

type FieldKind = 'text' | 'code' | 'number' | 'boolean' | 'enforcement' | 'clipboard' | 'list';
type SettingField = Exclude<PolicyField, 'presets'>;
type FieldGroup = 'general' | 'naming' | 'expiry' | 'privileges' | 'clipboard' | 'vault';

/**
 * Every setting the table shows: how it is edited, which group it sits in, its label and
 * its help text. A Record, so a field added to POLICY_FIELDS cannot be left out here.
 * Number fields are all whole days (policy-schema.ts), which is the unit shown beside them;
 * `code` is text a machine reads (a pattern, a template), shown and typed in monospace.
 */
const FIELDS: Record<SettingField, { kind: FieldKind; group: FieldGroup; label: () => string; help: () => string }> = {
  name: { kind: 'text', group: 'general', label: () => t('options.field.name'), help: () => t('options.help.name') },
  enforcement: { kind: 'enforcement', group: 'general', label: () => t('options.field.enforcement'), help: () => t('options.help.enforcement') },
  'naming.pattern': { kind: 'code', group: 'naming', label: () => t('options.field.namingPattern'), help: () => t('options.help.namingPattern') },
  'naming.template': {
    kind: 'code',
    group: 'naming',
    label: () => t('options.field.namingTemplate'),
    help: () => t('options.help.namingTemplate', ['{team}-{purpose}-{yyyymmdd}', listAnd(['{yyyymmdd}', '{yyyy}', '{mm}', '{dd}'])]),
  },
  'naming.hint': { kind: 'text', group: 'naming', label: () => t('options.field.namingHint'), help: () => t('options.help.namingHint') },
  'expiry.defaultDays': { kind: 'number', group: 'expiry', label: () => t('options.field.expiryDefaultDays'), help: () => t('options.help.expiryDefaultDays') },
  'expiry.maxDays': { kind: 'number', group: 'expiry', label: () => t('options.field.expiryMaxDays'), help: () => t('options.help.expiryMaxDays') },
  'expiry.allowNever': { kind: 'boolean', group: 'expiry', label: () => t('options.field.expiryAllowNever'), help: () => t('options.help.expiryAllowNever') },
  'expiry.warnDays': { kind: 'number', group: 'expiry', label: () => t('options.field.expiryWarnDays'), help: () => t('options.help.expiryWarnDays') },
  'rotation.maxAgeDays': { kind: 'number', group: 'expiry', label: () => t('options.field.rotationMaxAgeDays'), help: () => t('options.help.rotationMaxAgeDays') },
  'privileges.forbidden': { kind: 'list', group: 'privileges', label: () => t('options.field.privilegesForbidden'), help: () => t('options.help.privilegesForbidden') },
  'privileges.risky': { kind: 'list', group: 'privileges', label: () => t('options.field.privilegesRisky'), help: () => t('options.help.privilegesRisky') },
  requireIpAllowlist: { kind: 'boolean', group: 'privileges', label: () => t('options.field.requireIpAllowlist'), help: () => t('options.help.requireIpAllowlist') },
  clipboardClearSeconds: {
    kind: 'clipboard',
    group: 'clipboard',
    label: () => t('options.field.clipboardClearSeconds'),
    help: () => t('options.help.clipboardClearSeconds'),
  },
  'vault.address': { kind: 'text', group: 'vault', label: () => t('options.field.vaultAddress'), help: () => t('options.help.vaultAddress') },
  'vault.mount': { kind: 'text', group: 'vault', label: () => t('options.field.vaultMount'), help: () => t('options.help.vaultMount') },
  'vault.pathTemplate': { kind: 'code', group: 'vault', label: () => t('options.field.vaultPathTemplate'), help: () => t('options.help.vaultPathTemplate', [listAnd(VAULT_PATH_FIELDS.map((f) => `{${f}}`))]) },
};

const GROUPS: Array<{ id: FieldGroup; title: () => string }> = [
  { id: 'general', title: () => t('options.group.general') },
  { id: 'naming', title: () => t('options.group.naming') },
  { id: 'expiry', title: () => t('options.group.expiry') },
  { id: 'privileges', title: () => t('options.group.privileges') },
  { id: 'clipboard', title: () => t('options.group.clipboard') },
  { id: 'vault', title: () => t('options.group.vault') },
];

const SETTING_FIELDS = POLICY_FIELDS.filter((f): f is SettingField => f !== 'presets');

/**
 * How a source is named: `long` in sentences ("In force (from the team policy): …") and as
 * the badge's tooltip, `badge` on the badge itself.
 */
const SOURCE_WORDS: Record<PolicySource, { long: () => string; badge: () => string }> = {
  managed: { long: () => t('options.source.managed'), badge: () => t('options.badge.managed') },
  team: { long: () => t('options.source.team'), badge: () => t('options.badge.team') },
  user: { long: () => t('options.source.user'), badge: () => t('options.badge.user') },
  default: { long: () => t('options.source.default'), badge: () => t('options.badge.default') },
};
const sourceText = (source: PolicySource): string => SOURCE_WORDS[source].long();

const layerText = (layer: 'managed' | 'team' | 'user'): string =>
  ({ managed: () => t('options.layer.managed'), team: () => t('options.layer.team'), user: () => t('options.layer.user') })[layer]();

/** A padlock drawn inline: no image request, and its name is read out where the badge is. */
function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" role="img" aria-label={t('options.lockedIcon')} focusable="false">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z" />
    </svg>
  );
}

/** Where one value comes from, as a small label; a lock for what an administrator set. */
export function SourceBadge({ source, field }: { source: PolicySource; field?: PolicyField }) {
  return (
    <span class={`tw-badge tw-badge-${source}`} data-testid={field ? 'policy-source' : undefined} data-field={field} data-source={source} title={sourceText(source)}>
      {source === 'managed' && <LockIcon />}
      {SOURCE_WORDS[source].badge()}
    </span>
  );
}

/**
 * A value in force, in the words of the inputs beside it (yes/no, warn/block, "30 seconds").
 * `[data-testid=policy-value]` holds the value alone; its unit is a sibling, so "30" stays "30".
 */
function InForce({ value, kind }: { value: unknown; kind: FieldKind }) {
  if (Array.isArray(value)) {
    return (
      <span data-testid="policy-value" class="tw-chips">
        {value.length ? value.map((item, i) => <code key={i}>{String(item)}</code>) : '—'}
      </span>
    );
  }
  if (kind === 'number' && typeof value === 'number') {
    return (
      <span class="tw-nowrap">
        <span data-testid="policy-value">{formatNumber(value)}</span> <span class="tw-unit">{t('options.unitDays', value)}</span>
      </span>
    );
  }
  if (kind === 'code' && typeof value === 'string') {
    return (
      <code data-testid="policy-value" class="tw-code-value">
        {value}
      </code>
    );
  }
  return <span data-testid="policy-value">{showValue(value, kind)}</span>;
}

const showValue = (value: unknown, kind: FieldKind): string => {
  if (value === null || value === undefined) return '—';
  if (kind === 'boolean' && typeof value === 'boolean') return value ? t('options.answerYes') : t('options.answerNo');
  if (kind === 'enforcement') return value === 'block' ? t('options.block') : value === 'warn' ? t('options.warn') : String(value);
  if (kind === 'clipboard' && typeof value === 'number') return describePolicyValue('clipboardClearSeconds', value);
  return String(value);
};

export function OptionsPage({ loaded, status, onImport, onRemoveTeam, onExport, onSaveUser, onAllowVault, approvedVault, children }: OptionsPageProps) {
  const [draft, setDraft] = useState<PolicyFile>(loaded.user ?? {});
  const effective = (field: PolicyField) => readField(loaded.policy as unknown as PolicyFile, field);
  const set = (field: PolicyField, value: unknown) => setDraft(writeField(draft, field, value));

  return (
    <>
      <header class="tw-topbar">
        <span class="tw-brand">{t('extName')}</span>
      </header>
      <main class="tw-container tw-options">
        <h1 class="tw-page-title">{t('options.title')}</h1>
        <p class="tw-lead">{t('options.intro')}</p>

        {status && (
          <div
            data-testid="policy-status"
            data-state={status.state}
            role={status.state === 'error' ? 'alert' : 'status'}
            class={`tw-alert ${status.state === 'error' ? 'tw-alert-danger' : 'tw-alert-success'}`}
          >
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
          <div role="alert" class="tw-alert tw-alert-danger" data-testid="stored-policy-problems">
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
          <div role="status" class="tw-alert tw-alert-warning" data-testid="policy-notes">
            <ul>
              {loaded.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </div>
        )}

        <Panel titleId="team-title" title={t('options.teamTitle')}>
          <div class="tw-panel-body">
            {loaded.team ? (
              <p data-testid="team-policy" class="tw-actions">
                <span>
                  {loaded.team.file.name
                    ? withSlots(t('options.teamInForceNamed', [loaded.team.file.name, SLOTS[0], formatDateTime(loaded.team.importedAt / 1000)]), <code>{loaded.team.fileName}</code>)
                    : withSlots(t('options.teamInForce', [SLOTS[0], formatDateTime(loaded.team.importedAt / 1000)]), <code>{loaded.team.fileName}</code>)}
                </span>
                <button type="button" class="tw-btn tw-btn-default tw-btn-sm" onClick={onRemoveTeam}>
                  {t('options.remove')}
                </button>
              </p>
            ) : (
              <p class="tw-muted">{t('options.noTeam')}</p>
            )}
            <div class="tw-form-group">
              <label class="tw-control-label" for="policy-import">
                {withSlots(t('options.importFile', [SLOTS[0]]), <code>*.token-policy.json</code>)}
              </label>
              <input
                id="policy-import"
                class="tw-form-control"
                type="file"
                accept=".json,application/json"
                aria-describedby="policy-import-help"
                data-testid="policy-import"
                onChange={(e) => {
                  const input = e.currentTarget as HTMLInputElement;
                  const file = input.files?.[0];
                  if (file) onImport(file);
                  input.value = '';
                }}
              />
              <span id="policy-import-help" class="tw-help">
                {t('options.importHelp')}
              </span>
            </div>
          </div>
          <div class="tw-panel-footer">
            <button type="button" class="tw-btn tw-btn-default" data-testid="policy-export" onClick={onExport}>
              {t('options.export')}
            </button>
          </div>
        </Panel>

        <Panel titleId="settings-title" title={t('options.settingsTitle')}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onSaveUser(draft);
            }}
          >
            <div class="tw-panel-body">
              <p>{t('options.settingsHint')}</p>
            </div>
            <table class="tw-table tw-settings">
              <thead>
                <tr>
                  <th scope="col">{t('options.column.setting')}</th>
                  <th scope="col">{t('options.column.inForce')}</th>
                  <th scope="col">{t('options.column.source')}</th>
                  <th scope="col">{t('options.column.yourValue')}</th>
                </tr>
              </thead>
              {GROUPS.map((group) => (
                <tbody key={group.id}>
                  <tr class="tw-group-row">
                    <th scope="colgroup" colSpan={4}>
                      {group.title()}
                    </th>
                  </tr>
                  {SETTING_FIELDS.filter((field) => FIELDS[field].group === group.id).map((field) => {
                    const { kind, label, help } = FIELDS[field];
                    const source = loaded.sources[field];
                    const locked = source === 'managed';
                    const id = `field-${field.replace('.', '-')}`;
                    return (
                      <tr key={field} data-field={field} data-locked={String(locked)}>
                        <th scope="row">
                          <label for={id}>{label()}</label>
                          <span id={`${id}-help`} class="tw-help">
                            {help()}
                          </span>
                        </th>
                        <td class="tw-in-force">
                          <InForce value={effective(field)} kind={kind} />
                        </td>
                        <td class="tw-source-cell">
                          <SourceBadge source={source} field={field} />
                        </td>
                        <td class="tw-mine">
                          <FieldInput id={id} kind={kind} value={readField(draft, field)} locked={locked} onChange={(v) => set(field, v)} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
            <div class="tw-panel-body">
              {loaded.policy.vault.address && <VaultApproval address={loaded.policy.vault.address} approved={approvedVault} onAllow={onAllowVault} />}
              <PresetsEditor
                presets={(draft.presets ?? []) as Preset[]}
                inForce={loaded.policy.presets}
                source={loaded.sources.presets}
                onChange={(presets) => set('presets', presets.length ? presets : undefined)}
              />
            </div>
            <div class="tw-panel-footer">
              <button type="submit" class="tw-btn tw-btn-primary" data-testid="save-settings">
                {t('options.save')}
              </button>
            </div>
          </form>
        </Panel>
        {children}
      </main>
    </>
  );
}

function FieldInput({ id, kind, value, locked, onChange }: { id: string; kind: FieldKind; value: unknown; locked: boolean; onChange: (v: unknown) => void }) {
  const common = { id, class: 'tw-form-control', disabled: locked, title: locked ? t('options.locked') : undefined, 'aria-describedby': `${id}-help` };
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
      // No min/max: the browser would then refuse the form without saying which rule, while
      // the policy check names the field and its range (policy-schema.ts).
      return (
        <span class="tw-input-group">
          <input
            {...common}
            type="number"
            inputMode="numeric"
            aria-describedby={`${id}-unit ${id}-help`}
            value={value === undefined ? '' : String(value)}
            onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, Number))}
          />
          <span class="tw-input-addon" id={`${id}-unit`}>
            {t('options.unitDays', 2)}
          </span>
        </span>
      );
    case 'list':
      return (
        <input
          {...common}
          type="text"
          spellcheck={false}
          value={Array.isArray(value) ? value.join(' ') : ''}
          onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, (v) => v.split(/[\s,]+/).filter(Boolean)))}
        />
      );
    default:
      return (
        <input
          {...common}
          class={kind === 'code' ? 'tw-form-control tw-mono' : 'tw-form-control'}
          type="text"
          spellcheck={kind === 'code' ? false : undefined}
          value={value === undefined ? '' : String(value)}
          onInput={(e) => onChange(parseOptional((e.currentTarget as HTMLInputElement).value, (v) => v))}
        />
      );
  }
}

const parseOptional = <T,>(raw: string, parse: (v: string) => T): T | undefined => (raw.trim() === '' ? undefined : parse(raw.trim()));

type PresetDraft = { id: string; label: string; acls: string; expiryDays: string };
const PRESET_INPUTS: Array<{ key: keyof PresetDraft; label: () => string; help?: () => string; number?: boolean }> = [
  { key: 'id', label: () => t('options.presets.id'), help: () => t('options.presets.idHelp') },
  { key: 'label', label: () => t('options.presets.label') },
  { key: 'acls', label: () => t('options.presets.acls'), help: () => t('options.presets.aclsHelp') },
  { key: 'expiryDays', label: () => t('options.presets.expiryDays'), number: true },
];

function PresetsEditor({ presets, inForce, source, onChange }: { presets: Preset[]; inForce: Preset[]; source: PolicySource; onChange: (p: Preset[]) => void }) {
  const [adding, setAdding] = useState<PresetDraft>({ id: '', label: '', acls: '', expiryDays: '' });
  const locked = source === 'managed';
  return (
    <fieldset data-testid="presets-editor" class="tw-fieldset">
      <legend class="tw-control-label">{t('options.field.presets')}</legend>
      <p class="tw-actions">
        <SourceBadge source={source} />
        <span>{t('options.presets.inForce', [sourceText(source), inForce.length ? inForce.map((p) => p.label).join(', ') : t('options.presets.builtInOnly')])}</span>
      </p>
      {presets.length > 0 && (
        <ul class="tw-presets">
          {presets.map((p) => (
            <li key={p.id} data-user-preset={p.id}>
              <span>
                <strong>{p.label}</strong> <code>{p.id}</code>
                <span class="tw-help">
                  {p.acls.join(', ')}
                  {p.expiryDays ? `, ${t('common.days', p.expiryDays, [formatNumber(p.expiryDays)])}` : ''}
                </span>
              </span>
              <button type="button" class="tw-btn tw-btn-default tw-btn-sm" disabled={locked} onClick={() => onChange(presets.filter((x) => x.id !== p.id))}>
                {t('options.presets.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!locked && (
        <fieldset class="tw-fieldset">
          <legend class="tw-muted">{t('options.presets.addTitle')}</legend>
          <div class="tw-form-grid">
            {PRESET_INPUTS.map(({ key, label, help, number }) => {
              const id = `preset-${key}`;
              const input = (
                <input
                  id={id}
                  class="tw-form-control"
                  type={number ? 'number' : 'text'}
                  aria-describedby={help ? `${id}-help` : number ? `${id}-unit` : undefined}
                  value={adding[key]}
                  onInput={(e) => setAdding({ ...adding, [key]: (e.currentTarget as HTMLInputElement).value })}
                />
              );
              return (
                <div key={key}>
                  <label class="tw-control-label" for={id}>
                    {label()}
                  </label>
                  {number ? (
                    <span class="tw-input-group">
                      {input}
                      <span class="tw-input-addon" id={`${id}-unit`}>
                        {t('options.unitDays', 2)}
                      </span>
                    </span>
                  ) : (
                    input
                  )}
                  {help && (
                    <span id={`${id}-help`} class="tw-help">
                      {help()}
                    </span>
                  )}
                </div>
              );
            })}
            <div>
              <button
                type="button"
                class="tw-btn tw-btn-default"
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
          </div>
        </fieldset>
      )}
    </fieldset>
  );
}

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
      <p data-testid="vault-approved" data-origin={origin} class="tw-alert tw-alert-success">
        {withSlots(t('vault.approved', [SLOTS[0]]), <code>{origin}</code>)}
      </p>
    );
  }
  return (
    <p class="tw-alert tw-alert-info tw-actions">
      <span>{withSlots(t('options.vaultAccess', [SLOTS[0]]), <code>{origin}</code>)}</span>
      <button type="button" class="tw-btn tw-btn-primary tw-btn-sm" data-testid="allow-vault" onClick={() => onAllow(origin)}>
        {t('vault.approve', [origin])}
      </button>
    </p>
  );
}
