import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { FormPolicyPanel } from '../../components/FormPolicyPanel';
import { NameCheck } from '../../components/NameCheck';
import { PresetPicker } from '../../components/PresetPicker';
import FORM_UI_CSS from '../../components/form-ui.css?inline';
import { addLocalDays, defaultExpiryDate, toDateInput } from '../../utils/expiry';
import { formatNumber, t } from '../../utils/i18n';
import type { FormContext, PresetChoice } from '../../utils/messages';
import { buildName, checkTokenName, templateFields } from '../../utils/naming';
import { policyViolations } from '../../utils/policy/enforce-policy';
import { tokenAclName } from '../../utils/policy/policy-acls';
import type { PageContext } from '../../utils/whm/page-context';
import { aclOfCheckbox, WHM_SELECTORS } from '../../utils/whm/selectors';
import { apiTokensView } from '../../utils/whm/session';
import { aclCheckboxes, commitPendingAllowlist, readFormIntent, setAclSelection, setExpiryDate, typeInto } from './whm-form';
import { applyWhenBound, isFormBound } from './form-binding';
import type { AuditStore } from './audit-store';
import { sendRequest } from '../../utils/send-request';
import { watchPage } from './page-watcher';
import { adoptCss, createShadowUi, keepBeside } from './shadow-ui';

/**
 * Feature: WHM's Generate / Edit form, guided by the policy. On Generate: the expiry
 * default is applied as the form opens, presets set the privilege boxes to exactly
 * their ACLs, the name is checked live, and in `block` mode Save is held while the
 * form breaks the policy. On Edit the same checks only warn. Whatever we set waits until
 * AngularJS has bound the form and is checked afterwards (form-binding.ts), and never
 * overrides a choice the user made.
 */
export function augmentTokenForm(ctx: ContentScriptContext, page: PageContext, audit: AuditStore): { policyChanged: () => void } {
  let current: FormSession | null = null;
  const watch = () => {
    const nameInput = document.querySelector<HTMLInputElement>(WHM_SELECTORS.tokenName);
    if (nameInput && current?.nameInput !== nameInput) {
      current?.dispose();
      const view = apiTokensView(location.pathname);
      // On Edit WHM re-sends the token's own ACLs, drawn or not: the audit knows them.
      const editing = view?.view === 'edit' ? view.name : null;
      const sentUndrawn = () => (editing === null ? null : tokenAcls(audit, editing));
      current = new FormSession(ctx, page, nameInput, editing === null ? 'create' : 'edit', sentUndrawn);
    } else if (!nameInput && current) {
      current.dispose();
      current = null;
    }
  };
  watchPage(document, watch, { signal: ctx.signal });
  watch();

  // Holding Save: WHM's AngularJS re-enables its button whenever its own checks pass,
  // so the hold is enforced where the save starts — the click and the form submit —
  // before AngularJS sees them.
  const hold = (event: Event) => {
    const target = event.target as Element | null;
    // WHM's allowlist model lags its text by 250 ms (whm.md §4), and a synthetic click
    // (Enter in a field) does not blur it: commit it, so WHM sends what we checked.
    if (event.type === 'click' && target?.closest(WHM_SELECTORS.saveButton)) commitPendingAllowlist(document);
    if (!current?.blocked) return;
    const isSave = event.type === 'submit' ? target?.contains(current.nameInput) : !!target?.closest(WHM_SELECTORS.saveButton);
    if (!isSave) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    current.showHeld();
  };
  document.addEventListener('click', hold, true);
  document.addEventListener('submit', hold, true);
  ctx.onInvalidated(() => {
    current?.dispose();
    document.removeEventListener('click', hold, true);
    document.removeEventListener('submit', hold, true);
  });
  return { policyChanged: () => void current?.reloadContext() };
}

type FormSlot = 'presets' | 'name' | 'policy';

/** One opening of the form (AngularJS creates a new one on every visit of the route). */
class FormSession {
  readonly nameInput: HTMLInputElement;
  blocked = false;
  #ctx: ContentScriptContext;
  #page: PageContext;
  #mode: 'create' | 'edit';
  #abort = new AbortController();
  #context: FormContext | null = null;
  #problem: string | undefined;
  #chosenPreset: string | null = null;
  /** The user typed in the name field, or tried to save: from then on the name is judged. */
  #nameTouched = false;
  /** The user's own hand on the expiry controls, the privilege boxes or the name (trusted events only, never ours). */
  #userChose = { expiry: 0, acls: 0, name: 0 };
  #expiryApplies = 0;
  #containers: Partial<Record<FormSlot, HTMLElement>> = {};
  #aclWarnings = new Map<string, HTMLElement>();

  /** On Edit, the ACLs WHM will send back (the token's own); null on Generate (myprivs decides). */
  #editedAcls: () => readonly string[] | null;

  constructor(ctx: ContentScriptContext, page: PageContext, nameInput: HTMLInputElement, mode: 'create' | 'edit', editedAcls: () => readonly string[] | null) {
    this.#editedAcls = editedAcls;
    this.#ctx = ctx;
    this.#page = page;
    this.nameInput = nameInput;
    this.#mode = mode;
    // Only WHM's own controls: our UIs keep their own state, and re-rendering them from a
    // capture listener would reset a controlled input before it reads what was typed.
    // (Events from inside our shadow roots reach the document retargeted to the host.)
    const refresh = (event: Event) => {
      if ((event.target as Element | null)?.localName?.startsWith('token-warden-')) return;
      queueMicrotask(() => this.#render());
    };
    nameInput.addEventListener('input', () => (this.#nameTouched = true), { signal: this.#abort.signal });
    // Our own clicks are untrusted events: only the user's count as a choice to respect.
    const expiryControls = [WHM_SELECTORS.neverExpires, WHM_SELECTORS.expires, WHM_SELECTORS.expiryDateInput].join(', ');
    const noteChoice = (event: Event) => {
      const target = event.target as Element | null;
      if (!event.isTrusted || !target?.matches) return;
      if (target.matches(expiryControls)) this.#userChose.expiry++;
      else if (target.matches(WHM_SELECTORS.aclCheckbox)) this.#userChose.acls++;
      else if (target === this.nameInput) this.#userChose.name++;
    };
    // Before the bind, WHM's radios start unchecked: one checked already is the user's doing.
    const radios = document.querySelectorAll<HTMLInputElement>(`${WHM_SELECTORS.neverExpires}, ${WHM_SELECTORS.expires}`);
    if (!isFormBound(document) && [...radios].some((radio) => radio.checked)) this.#userChose.expiry++;
    document.addEventListener('change', noteChoice, { capture: true, signal: this.#abort.signal });
    document.addEventListener('input', noteChoice, { capture: true, signal: this.#abort.signal });
    document.addEventListener('input', refresh, { capture: true, signal: this.#abort.signal });
    document.addEventListener('change', refresh, { capture: true, signal: this.#abort.signal });
    document.addEventListener('click', refresh, { capture: true, signal: this.#abort.signal });
    void this.#start();
  }

  async #start(): Promise<void> {
    this.#mountUis();
    await this.reloadContext();
    const context = this.#context;
    if (!context || this.#abort.signal.aborted || this.#mode !== 'create') return this.#render();
    const { expiry } = context.policy;
    const never = document.querySelector<HTMLInputElement>(WHM_SELECTORS.neverExpires);
    if (never && !expiry.allowNever && context.policy.enforcement === 'block') {
      // Not clicked, only disabled: AngularJS keeps its model, we keep the user out.
      never.disabled = true;
      never.title = t('form.neverTitle');
    }
    await this.#setExpiry(defaultExpiryDate(new Date(), expiry), 0);
    this.#render();
  }

  /**
   * Sets WHM's expiry to `date` once the form is bound, unless the user has chosen an
   * expiry since `choices` (the policy's default: since the form opened; a preset's: since
   * it was picked).
   */
  #setExpiry(date: string, choices = this.#userChose.expiry): Promise<boolean> {
    // A later expiry of ours (a preset's) supersedes this one: never fight over it.
    const mine = ++this.#expiryApplies;
    return applyWhenBound(document, this.#abort.signal, {
      apply: () => setExpiryDate(document, date, this.#abort.signal),
      holds: () =>
        document.querySelector<HTMLInputElement>(WHM_SELECTORS.expires)?.checked === true &&
        document.querySelector<HTMLInputElement>(WHM_SELECTORS.expiryDateInput)?.value === date,
      stillWanted: () => this.#userChose.expiry === choices && this.#expiryApplies === mine,
    });
  }

  /** Fetches policy, presets and privileges (again after a policy change). */
  async reloadContext(): Promise<void> {
    const reply = await sendRequest({ type: 'form:context', origin: this.#page.origin, cpsess: this.#page.cpsess });
    if (this.#abort.signal.aborted) return;
    if (reply.ok) {
      this.#context = reply.value;
      this.#problem = undefined;
    } else {
      this.#problem = t('form.contextFailed', [reply.error.message]);
    }
    this.#render();
  }

  /** Our three UIs beside WHM's fields, each placed once its anchor exists (and again if AngularJS re-draws it). */
  #mountUis(): void {
    const firstAcl = () => document.querySelector(WHM_SELECTORS.aclCheckbox);
    const slots: Array<[FormSlot, `token-warden-${string}`, () => Element | null | undefined, 'before' | 'after']> = [
      // WHM draws its privilege list only after its own myprivs call returns.
      ['presets', 'token-warden-presets', () => firstAcl()?.closest('fieldset') ?? firstAcl()?.closest('ul.list-group'), 'before'],
      ['name', 'token-warden-name-check', () => this.nameInput, 'after'],
      ['policy', 'token-warden-form-policy', () => document.querySelector(WHM_SELECTORS.saveButton)?.parentElement, 'before'],
    ];
    for (const [slot, tag, anchor, append] of slots) {
      const ui = createShadowUi(document, tag, FORM_UI_CSS);
      keepBeside(document, ui, {
        anchor,
        append,
        signal: this.#abort.signal,
        onMount: () => {
          this.#containers[slot] = ui.container;
          this.#render();
        },
        onRemove: () => {
          render(null, ui.container);
          delete this.#containers[slot];
        },
      });
    }
  }

  #choosePreset(preset: PresetChoice): void {
    this.#chosenPreset = preset.id;
    const desired = new Set(preset.acls);
    const choices = this.#userChose.acls;
    void applyWhenBound(document, this.#abort.signal, {
      apply: () => setAclSelection(document, desired),
      // Only the boxes WHM draws: a preset ACL the form does not offer is reported, not retried.
      holds: () => aclCheckboxes(document).every((box) => box.checked === desired.has(aclOfCheckbox(box))),
      stillWanted: () => this.#chosenPreset === preset.id && this.#userChose.acls === choices,
    }).then(() => this.#render());
    const context = this.#context;
    if (this.#mode === 'create' && context && preset.expiryDays) {
      const days = Math.min(preset.expiryDays, context.policy.expiry.maxDays);
      void this.#setExpiry(toDateInput(addLocalDays(new Date(), days))).then(() => this.#render());
    }
    this.#render();
  }

  /** Types a name the template built, once the form is bound (a bind would empty the field). */
  #useName(name: string): void {
    const choices = this.#userChose.name;
    void applyWhenBound(document, this.#abort.signal, {
      apply: () => typeInto(this.nameInput, name),
      holds: () => this.nameInput.value === name,
      stillWanted: () => this.#userChose.name === choices,
    }).then(() => this.#render());
  }

  showHeld(): void {
    // Save was tried: an empty name is now worth a word.
    this.#nameTouched = true;
    this.#render();
    this.#containers.policy?.querySelector('[data-testid=form-policy]')?.scrollIntoView({ block: 'center' });
  }

  #render(): void {
    if (this.#abort.signal.aborted) return;
    const context = this.#context;
    const policy = context?.policy;
    const intent = readFormIntent(document, this.#mode === 'create' ? (context?.held ?? []) : (this.#editedAcls() ?? []));
    const titles = context?.aclTitles ?? {};
    const violations = policy ? policyViolations(intent, policy, new Date(), (acl) => titles[acl] ?? acl) : [];
    if (intent.expiryUnreadable) violations.push({ field: 'expiresAt', message: t('form.badDate') });
    this.blocked = this.#mode === 'create' && policy?.enforcement === 'block' && violations.length > 0;
    const save = document.querySelector<HTMLButtonElement>(WHM_SELECTORS.saveButton);
    if (save) save.toggleAttribute('data-token-warden-held', this.blocked);

    // A name already there (Edit) is judged at once; an empty one only once the user acts.
    const nameActive = this.#nameTouched || intent.name !== '';
    const notes: string[] = [];
    if (policy && !policy.expiry.allowNever) notes.push(t('form.requiresExpiry', [formatNumber(policy.expiry.maxDays)]));
    if (this.#mode === 'edit' && violations.length) notes.push(t('form.editWarnsOnly'));
    if (intent.undrawn.length) notes.push(t('form.undrawnAcls', [intent.undrawn.map((acl) => titles[acl] ?? acl).join(', ')]));

    if (this.#containers.presets) {
      render(
        <PresetPicker presets={context?.presets ?? []} titles={context?.aclTitles ?? {}} chosen={this.#chosenPreset} onChoose={(p) => this.#choosePreset(p)} problem={this.#problem} />,
        this.#containers.presets,
      );
    }
    if (this.#containers.name) {
      const naming = policy?.naming ?? { pattern: null, template: null, hint: null };
      const host = location.hostname;
      render(
        <NameCheck
          check={checkTokenName(intent.name, naming)}
          active={nameActive}
          convention={naming.pattern ? naming.hint?.trim() || naming.pattern : null}
          template={naming.template}
          templateFields={naming.template ? templateFields(naming.template) : []}
          choices={context?.nameChoices ?? {}}
          buildName={(values) => (naming.template ? buildName(naming.template, values, { date: new Date(), host }) : '')}
          onUseName={(name) => this.#useName(name)}
        />,
        this.#containers.name,
      );
    }
    if (this.#containers.policy) {
      render(
        <FormPolicyPanel
          violations={violations.filter((v) => v.field !== 'name')}
          nameBroken={nameActive && violations.some((v) => v.field === 'name')}
          blocked={this.blocked}
          policyName={policy?.name ?? null}
          notes={notes}
        />,
        this.#containers.policy,
      );
    }
    if (policy) {
      // The policy writes a plugin's ACL "plugin:x"; its checkbox is "x".
      const names = (list: string[]) => new Set(list.map(tokenAclName));
      this.#renderAclWarnings(names(policy.privileges.risky), names(policy.privileges.forbidden), context?.aclWarnings ?? {});
    }
  }

  /** A warning beside each checked privilege that is risky or forbidden by the policy. */
  #renderAclWarnings(risky: ReadonlySet<string>, forbidden: ReadonlySet<string>, reasons: Record<string, string>): void {
    for (const box of document.querySelectorAll<HTMLInputElement>(WHM_SELECTORS.aclCheckbox)) {
      const acl = aclOfCheckbox(box);
      const level = !box.checked ? null : forbidden.has(acl) ? 'forbidden' : risky.has(acl) ? 'risky' : null;
      let host = this.#aclWarnings.get(acl);
      if (!level) {
        host?.remove();
        this.#aclWarnings.delete(acl);
        continue;
      }
      if (!host || !host.isConnected) {
        host = document.createElement('token-warden-acl-warning');
        adoptCss(host.attachShadow({ mode: 'open' }), FORM_UI_CSS);
        box.closest('label')?.after(host);
        this.#aclWarnings.set(acl, host);
      }
      if (host.dataset.level === level) continue;
      host.dataset.level = level;
      host.dataset.acl = acl;
      const badge = document.createElement('span');
      badge.className = `tw-acl-warning${level === 'forbidden' ? ' tw-forbidden' : ''}`;
      badge.dataset.aclWarning = level;
      badge.textContent = level === 'forbidden' ? t('form.aclForbidden') : t('form.aclRisky');
      // What this privilege in particular lets a token do, on hover.
      if (reasons[acl]) badge.title = reasons[acl];
      host.shadowRoot!.querySelector('[data-acl-warning]')?.remove();
      host.shadowRoot!.append(badge);
    }
  }

  dispose(): void {
    this.#abort.abort();
    for (const host of this.#aclWarnings.values()) host.remove();
    this.#aclWarnings.clear();
    document.querySelector(WHM_SELECTORS.saveButton)?.removeAttribute('data-token-warden-held');
  }
}

/** The ACLs of `name` in the page's last audit, or null before it has one. */
function tokenAcls(audit: AuditStore, name: string): readonly string[] | null {
  const state = audit.state;
  if (state.phase !== 'ready') return null;
  return state.report.audit.tokens.find((t) => t.token.name === name)?.token.acls ?? null;
}
