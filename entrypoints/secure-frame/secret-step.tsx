import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SecretPanel, type PanelExportFormat, type SecretPanelInfo, type SecretPanelState } from '../../components/SecretPanel';
import { CLIPBOARD_OUTCOME, type ClipboardOutcomeMessage } from '../../utils/clipboard/offscreen-messages';
import { downloadFile } from '../../utils/download-file';
import { exportToken } from '../../utils/export/export-token';
import { passphraseStrength } from '../../utils/export/passphrase-strength';
import { vaultKvUrl } from '../../utils/export/vault-kv';
import type { TokenEntry } from '../../utils/export/token-entry';
import { formatNumber, t } from '../../utils/i18n';
import type { ClaimedFrameTask } from '../../utils/messages';
import { sendRequest } from '../../utils/send-request';
import { revealAndFocus, type FrameLink } from './frame-link';

const TOKEN_NAME = /^[A-Za-z0-9_-]{1,50}$/;

export interface SecretStepProps {
  link: FrameLink;
  claimed: ClaimedFrameTask;
  /** Memory only: this frame's copy, gone with the frame. */
  secret: string;
  info: SecretPanelInfo;
  /** Our own panels (rotation) can be closed from inside; WHM's callout cannot. */
  onClose?: () => void;
  children?: preact.ComponentChildren;
}

/**
 * One new token's secret, in the extension's own origin: copy (the clipboard is cleared
 * by the background after the policy's delay, wherever the user went), exports built
 * and downloaded here, a Vault push and a token test through the background. Stored =
 * exported, pushed, or the user says so; a copy alone is not stored.
 */
export function SecretStep({ link, claimed, secret, info, onClose, children }: SecretStepProps) {
  const [state, setState] = useState<SecretPanelState>({ clipboardSecondsLeft: null, clipboardNote: null, saved: false, confirmingLeave: false });
  const saved = useRef(false);
  const patch = (next: Partial<SecretPanelState>) => {
    // Told at once, not after the next render: WHM's button may be pressed right after.
    if (next.saved !== undefined && next.saved !== saved.current) link.send({ type: 'saved', saved: (saved.current = next.saved) });
    setState((s) => ({ ...s, ...next }));
  };
  const root = useRef<HTMLDivElement>(null);
  const clearsAt = useRef<number | null>(null);
  const { origin, cpsess, policy } = claimed;

  useEffect(() => link.send({ type: 'saved', saved: false }), []);

  // WHM's "Yes, I saved my token" before the host knew it was stored: warn, unless it
  // just was (the host's news was late), then let WHM's button through after all.
  useEffect(
    () =>
      link.onHostMessage((m) => {
        if (m.type !== 'confirm-leave') return;
        if (saved.current) link.send({ type: 'leave' });
        else patch({ confirmingLeave: true });
      }),
    [],
  );
  useEffect(() => {
    if (state.confirmingLeave) revealAndFocus(link, root.current?.querySelector<HTMLElement>('[data-testid=leave-confirm] button'), onClose ? 'modal' : 'inline');
  }, [state.confirmingLeave]);

  // The countdown is only what we show; the clear itself is the background's.
  useEffect(() => {
    const tick = setInterval(() => {
      if (clearsAt.current === null) return;
      const left = Math.ceil((clearsAt.current - Date.now()) / 1000);
      patch({ clipboardSecondsLeft: left > 0 ? left : null });
    }, 500);
    const onOutcome = (message: unknown) => {
      const m = message as ClipboardOutcomeMessage;
      if (m?.target !== CLIPBOARD_OUTCOME || clearsAt.current === null) return;
      clearsAt.current = null;
      patch({ clipboardSecondsLeft: null, clipboardNote: m.outcome === 'cleared' ? t('secret.clipboardCleared') : m.outcome === 'left-alone' ? t('secret.clipboardLeftAlone') : t('secret.clipboardNotCleared') });
    };
    browser.runtime.onMessage.addListener(onOutcome);
    // Copying something else in this frame: the clipboard is no longer ours to wipe. Told
    // even before our own clear is scheduled: the background orders them by time.
    const onCopy = (event: Event) => {
      if (event.isTrusted) void sendRequest({ type: 'clipboard:copied-elsewhere', origin, cpsess, at: Date.now() });
    };
    document.addEventListener('copy', onCopy, true);
    document.addEventListener('cut', onCopy, true);
    return () => {
      clearInterval(tick);
      browser.runtime.onMessage.removeListener(onOutcome);
      document.removeEventListener('copy', onCopy, true);
      document.removeEventListener('cut', onCopy, true);
    };
  }, []);

  const entry = (): TokenEntry | null =>
    info.user
      ? {
          origin,
          host: new URL(origin).hostname,
          user: info.user,
          name: info.name,
          secret,
          acls: info.acls ?? [],
          expiresAt: info.expiresAt ?? null,
          whitelistIps: info.whitelistIps ?? [],
          createdAt: Math.floor(Date.now() / 1000),
        }
      : null;

  const vaultTarget = (): string | null => {
    const e = entry();
    if (!e || !policy.vault.address) return null;
    try {
      return vaultKvUrl(e, policy.vault as { address: string; mount: string; pathTemplate: string }, new Date());
    } catch {
      return null; // a template the push itself will refuse, with its reason
    }
  };

  const copy = async () => {
    try {
      // In the user's click, in our own document: WHM's page never sees this write.
      await navigator.clipboard.writeText(secret);
    } catch (error) {
      patch({ clipboardNote: t('secret.copyFailed', [error instanceof Error ? error.message : String(error)]) });
      return;
    }
    const copiedAt = Date.now();
    const seconds = policy.clipboardClearSeconds;
    if (!seconds) return patch({ clipboardNote: t('secret.copiedNoClear'), clipboardSecondsLeft: null });
    const ask = () => sendRequest({ type: 'clipboard:clear-later', origin, cpsess, secret, seconds, copiedAt });
    // A worker that was stopping as we asked wakes up for a second try.
    let reply = await ask();
    if (!reply.ok && reply.error.kind === 'network') reply = await ask();
    if (!reply.ok) return patch({ clipboardNote: t('secret.clearNotScheduled', [reply.error.message]) });
    clearsAt.current = reply.value.clearsAt;
    // Not a word on the leave question: a copy is not a store, and the person may have
    // pressed WHM's button while this copy was still being scheduled.
    patch({ clipboardNote: t('panel.pasteNow', [formatNumber(seconds)]), clipboardSecondsLeft: seconds });
  };

  const exportFile = async (format: PanelExportFormat, passphrase?: string) => {
    const e = entry();
    if (!e) return { ok: false, message: t('secret.needUserForFiles') };
    try {
      const file = await exportToken(e, format, { now: new Date(), ...(passphrase ? { passphrase } : {}) });
      // Downloaded from this frame's document: no blob: link ever enters WHM's page.
      downloadFile(document, file.fileName, file.content, file.mimeType);
      patch({ saved: true, confirmingLeave: false });
      return { ok: true, message: file.plaintextSecret ? t('secret.savedPlaintext', [file.fileName]) : t('secret.savedEncrypted', [file.fileName]) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };

  const pushToVault = async (vaultToken: string) => {
    const e = entry();
    if (!e) return { ok: false, message: t('secret.needUser') };
    const reply = await sendRequest({ type: 'vault:push', origin, cpsess, entry: e, vaultToken });
    if (!reply.ok) return { ok: false, message: reply.error.message };
    patch({ saved: true, confirmingLeave: false });
    const { path, version } = reply.value;
    return { ok: true, message: version ? t('secret.storedInVaultVersion', [path, version]) : t('secret.storedInVault', [path]) };
  };

  return (
    <div ref={root}>
      <SecretPanel
        info={info}
        secret={secret}
        state={state}
        vaultAddress={policy.vault.address}
        vaultTarget={vaultTarget()}
        actions={{
          copy: () => void copy(),
          exportFile,
          pushToVault,
          test: async (user) => {
            const name = TOKEN_NAME.test(info.name) ? info.name : undefined;
            const reply = await sendRequest({ type: 'token:test', origin, cpsess, user, secret, ...(name ? { name } : {}) });
            return reply.ok ? reply.value : { error: reply.error.message };
          },
          passphraseStrength,
          markSaved: () => patch({ saved: true, confirmingLeave: false }),
          stay: () => patch({ confirmingLeave: false }),
          leaveAnyway: () => {
            patch({ confirmingLeave: false, saved: true });
            if (onClose) onClose();
            else link.send({ type: 'leave' });
          },
          ...(onClose ? { close: () => (state.saved ? onClose() : patch({ confirmingLeave: true })) } : {}),
        }}
      >
        {children}
      </SecretPanel>
    </div>
  );
}
