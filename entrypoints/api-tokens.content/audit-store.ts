import type { AuditReport } from '../../utils/messages';
import type { WhmErrorInfo } from '../../utils/whm/errors';
import type { PageContext } from '../../utils/whm/page-context';
import { sendRequest } from '../../utils/send-request';
import { downloadFile } from '../../utils/download-file';

export type AuditState =
  | { phase: 'loading' }
  | { phase: 'ready'; report: AuditReport; refreshing: boolean }
  | { phase: 'error'; error: WhmErrorInfo };

/**
 * The page's one audit, shared by the banner and the row badges so both always show
 * the same numbers. Requests may overlap (WHM reloads while we revoke); only the
 * newest answer is kept.
 */
export class AuditStore {
  #state: AuditState = { phase: 'loading' };
  #listeners = new Set<(state: AuditState) => void>();
  #generation = 0;

  constructor(private readonly page: PageContext) {}

  get state(): AuditState {
    return this.#state;
  }

  subscribe(listener: (state: AuditState) => void, signal: AbortSignal): void {
    this.#listeners.add(listener);
    signal.addEventListener('abort', () => this.#listeners.delete(listener));
    listener(this.#state);
  }

  async refresh(): Promise<void> {
    const generation = ++this.#generation;
    if (this.#state.phase === 'ready') this.#set({ ...this.#state, refreshing: true });
    else this.#set({ phase: 'loading' });
    const reply = await sendRequest({ type: 'audit:run', origin: this.page.origin, cpsess: this.page.cpsess });
    if (generation !== this.#generation) return;
    this.#set(reply.ok ? { phase: 'ready', report: reply.value, refreshing: false } : { phase: 'error', error: reply.error });
  }

  /**
   * Downloads the audit report (of the list as WHM has it now, formatted by the
   * background). A failure shows in the banner like a failed audit: what went wrong, and Retry.
   */
  async exportReport(format: 'csv' | 'json'): Promise<void> {
    const reply = await sendRequest({ type: 'audit:export', origin: this.page.origin, cpsess: this.page.cpsess, format });
    if (!reply.ok) return this.#set({ phase: 'error', error: reply.error });
    const { fileName, text, mimeType } = reply.value;
    downloadFile(document, fileName, text, mimeType);
  }

  #set(state: AuditState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
