import { render, type ComponentChildren } from 'preact';
import { SecretPanel, type PanelExportFormat, type SecretPanelInfo, type SecretPanelState } from '../../components/SecretPanel';
import { passphraseStrength } from '../../utils/export/passphrase-strength';
import type { TokenEntry } from '../../utils/export/token-entry';
import { t } from '../../utils/i18n';
import type { PageContext } from '../../utils/whm/page-context';
import { downloadFile } from '../../utils/download-file';
import { sendRequest } from './send-request';

const TOKEN_NAME = /^[A-Za-z0-9_-]{1,50}$/;

export interface SecretSessionOptions {
  page: PageContext;
  secret: string;
  info: SecretPanelInfo;
  container: HTMLElement;
  clipboardClearSeconds: number;
  vaultAddress: string | null;
  /** Our own panels (rotation) can be closed from inside; WHM's callout cannot. */
  onClose?: () => void;
  /** What to do once the user chose to leave without saving. */
  onLeaveAnyway?: () => void;
  extra?: () => ComponentChildren;
}

/**
 * One new token's secret, from the moment it is shown until the panel closes. The
 * secret lives only in this object (memory): never in storage, never logged, and gone
 * from the page when the panel closes. Saved = copied, exported, or the user says so.
 */
export class SecretSession {
  #options: SecretSessionOptions;
  #secret: string;
  #info: SecretPanelInfo;
  #state: SecretPanelState = { clipboardSecondsLeft: null, clipboardNote: null, saved: false, confirmingLeave: false };
  #timer: ReturnType<typeof setInterval> | undefined;
  #copiedElsewhere = false;
  #disposed = false;
  readonly #onCopyEvent = () => {
    // The user copied something else in this page: never wipe their newer clipboard.
    if (this.#state.clipboardSecondsLeft !== null) this.#copiedElsewhere = true;
  };

  constructor(options: SecretSessionOptions) {
    this.#options = options;
    this.#secret = options.secret;
    this.#info = options.info;
    document.addEventListener('copy', this.#onCopyEvent, true);
    document.addEventListener('cut', this.#onCopyEvent, true);
    this.render();
  }

  get saved(): boolean {
    return this.#state.saved;
  }

  update(info: Partial<SecretPanelInfo>): void {
    this.#info = { ...this.#info, ...info };
    this.render();
  }

  setState(patch: Partial<SecretPanelState>): void {
    this.#state = { ...this.#state, ...patch };
    this.render();
  }

  render(): void {
    if (this.#disposed) return;
    const { page, vaultAddress, onClose, extra } = this.#options;
    render(
      <SecretPanel
        info={this.#info}
        secret={this.#secret}
        state={this.#state}
        vaultAddress={vaultAddress}
        actions={{
          copy: () => void this.#copy(),
          exportFile: (format, passphrase) => this.#export(format, passphrase),
          pushToVault: (vaultToken) => this.#pushToVault(vaultToken),
          test: async (user) => {
            const name = TOKEN_NAME.test(this.#info.name) ? this.#info.name : undefined;
            const reply = await sendRequest({ type: 'token:test', origin: page.origin, cpsess: page.cpsess, user, secret: this.#secret, ...(name ? { name } : {}) });
            return reply.ok ? reply.value : { error: reply.error.message };
          },
          passphraseStrength,
          markSaved: () => this.setState({ saved: true, confirmingLeave: false }),
          stay: () => this.setState({ confirmingLeave: false }),
          leaveAnyway: () => {
            this.setState({ confirmingLeave: false, saved: true });
            this.#options.onLeaveAnyway?.();
          },
          ...(onClose ? { close: () => (this.#state.saved ? onClose() : this.setState({ confirmingLeave: true })) } : {}),
        }}
      >
        {extra?.()}
      </SecretPanel>,
      this.#options.container,
    );
  }

  entry(): TokenEntry | null {
    const { info } = { info: this.#info };
    if (!info.user) return null;
    return {
      origin: this.#options.page.origin,
      host: new URL(this.#options.page.origin).hostname,
      user: info.user,
      name: info.name,
      secret: this.#secret,
      acls: info.acls ?? [],
      expiresAt: info.expiresAt ?? null,
      whitelistIps: info.whitelistIps ?? [],
      createdAt: Math.floor(Date.now() / 1000),
    };
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.#secret);
    } catch (error) {
      this.setState({ clipboardNote: t('secret.copyFailed', [error instanceof Error ? error.message : String(error)]) });
      return;
    }
    this.#copiedElsewhere = false;
    const seconds = this.#options.clipboardClearSeconds;
    this.setState({ saved: true, confirmingLeave: false, clipboardNote: seconds ? null : t('secret.copiedNoClear'), clipboardSecondsLeft: seconds || null });
    clearInterval(this.#timer);
    if (!seconds) return;
    this.#timer = setInterval(() => {
      const left = (this.#state.clipboardSecondsLeft ?? 1) - 1;
      if (left > 0) return this.setState({ clipboardSecondsLeft: left });
      clearInterval(this.#timer);
      void this.#clearClipboard(this.#secret).then((note) => this.setState({ clipboardSecondsLeft: null, clipboardNote: note }));
    }, 1000);
  }

  /**
   * Clears the clipboard only while it still holds the secret (like Bitwarden and
   * KeePassXC). Without permission to read it back, it is cleared unless the user
   * copied something else in this page since.
   */
  async #clearClipboard(secret: string): Promise<string> {
    let current: string | null = null;
    try {
      current = await navigator.clipboard.readText();
    } catch {
      current = null;
    }
    const ours = current === null ? !this.#copiedElsewhere : current === secret;
    if (!ours) return t('secret.clipboardLeftAlone');
    try {
      await navigator.clipboard.writeText('');
      return t('secret.clipboardCleared');
    } catch {
      // Writing needs the page to be focused: finish the job when the user comes back.
      window.addEventListener('focus', () => void this.#clearClipboard(secret), { once: true });
      return t('secret.clipboardOnReturn');
    }
  }

  async #export(format: PanelExportFormat, passphrase?: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.entry();
    if (!entry) return { ok: false, message: t('secret.needUserForFiles') };
    const { page } = this.#options;
    const reply = await sendRequest({ type: 'token:export', origin: page.origin, cpsess: page.cpsess, format, entry, ...(passphrase ? { passphrase } : {}) });
    if (!reply.ok) return { ok: false, message: reply.error.message };
    downloadFile(document, reply.value.fileName, reply.value.content, reply.value.mimeType);
    this.setState({ saved: true, confirmingLeave: false });
    return {
      ok: true,
      message: reply.value.plaintextSecret
        ? t('secret.savedPlaintext', [reply.value.fileName])
        : t('secret.savedEncrypted', [reply.value.fileName]),
    };
  }

  async #pushToVault(vaultToken: string): Promise<{ ok: boolean; message: string }> {
    const entry = this.entry();
    if (!entry) return { ok: false, message: t('secret.needUser') };
    const { page } = this.#options;
    const reply = await sendRequest({ type: 'vault:push', origin: page.origin, cpsess: page.cpsess, entry, vaultToken });
    if (!reply.ok) return { ok: false, message: reply.error.message };
    this.setState({ saved: true, confirmingLeave: false });
    const { path, version } = reply.value;
    return { ok: true, message: version ? t('secret.storedInVaultVersion', [path, version]) : t('secret.storedInVault', [path]) };
  }

  /** Ends the session: clears the clipboard if it still holds the secret and forgets it. */
  dispose(): void {
    if (this.#disposed) return;
    if (this.#state.clipboardSecondsLeft !== null) void this.#clearClipboard(this.#secret);
    clearInterval(this.#timer);
    document.removeEventListener('copy', this.#onCopyEvent, true);
    document.removeEventListener('cut', this.#onCopyEvent, true);
    render(null, this.#options.container);
    this.#disposed = true;
    this.#secret = '';
  }
}
