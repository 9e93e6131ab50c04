/**
 * Hand-offs from a WHM tab to one of our framed extension pages (the secure step, the
 * rotation, a revoke or fix confirmation), kept in the background's memory only.
 *
 * The content script asks for a task; it gets back an unguessable handle and passes it
 * to the frame it created (by postMessage to the extension's origin, never in a URL).
 * The frame claims the task once; the background checks that the claimant is our own
 * frame page in the same tab. A task that is not claimed in time, or whose tab
 * navigates or closes, is dropped — its secret with it.
 */
import type { FrameTaskRequest } from '../../utils/frame-protocol';
import { isOwnPage } from '../../utils/message-schema';

/** The two tab events a hand-off follows (`browser.tabs`, or a stand-in in tests). */
export interface TabEvents {
  onRemoved: { addListener(listener: (tabId: number) => void): void };
  onUpdated: { addListener(listener: (tabId: number, change: { url?: string }) => void): void };
}

export interface FrameTask {
  tabId: number;
  /** The WHM origin and session of the tab that asked. */
  origin: string;
  cpsess: string;
  task: FrameTaskRequest;
  /** A new token's secret (kind `new-token`), memory only. */
  secret?: string;
}

interface Entry {
  task: FrameTask;
  expiresAt: number;
}

/** Who claims: what runtime.MessageSender says about the frame. */
export interface FrameClaimant {
  tabId: number | undefined;
  url: string | undefined;
}

/** Unclaimed tasks live this long: the frame claims within a second of loading. */
export const UNCLAIMED_TTL_MS = 2 * 60_000;

export class FrameTasks {
  readonly #entries = new Map<string, Entry>();
  readonly #frameUrl: string;
  readonly #now: () => number;
  readonly #randomHandle: () => string;

  constructor(options: { frameUrl: string; now?: () => number; randomHandle?: () => string }) {
    this.#frameUrl = options.frameUrl;
    this.#now = options.now ?? Date.now;
    this.#randomHandle = options.randomHandle ?? randomHandle;
  }

  open(task: FrameTask): string {
    this.sweep();
    const handle = this.#randomHandle();
    this.#entries.set(handle, { task, expiresAt: this.#now() + UNCLAIMED_TTL_MS });
    return handle;
  }

  /** The task, once, for our frame page in the task's own tab; null for anyone else. */
  claim(handle: string, claimant: FrameClaimant): FrameTask | null {
    this.sweep();
    const entry = this.#entries.get(handle);
    if (!entry || !isOwnPage(claimant.url, this.#frameUrl) || claimant.tabId !== entry.task.tabId) return null;
    this.#entries.delete(handle);
    return entry.task;
  }

  /** The tab navigated or closed: whatever it had not handed over is gone. */
  dropTab(tabId: number): void {
    for (const [handle, entry] of this.#entries) if (entry.task.tabId === tabId) this.#entries.delete(handle);
  }

  /**
   * Drops a tab's tasks when it closes or navigates (a new URL: WHM's own page left, or
   * reloaded). Only a URL change counts: a title or favicon update leaves the panel open.
   */
  followTabs(tabs: TabEvents): void {
    tabs.onRemoved.addListener((tabId) => this.dropTab(tabId));
    tabs.onUpdated.addListener((tabId, change) => {
      if (change.url !== undefined) this.dropTab(tabId);
    });
  }

  sweep(): void {
    const now = this.#now();
    for (const [handle, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(handle);
  }

  get size(): number {
    return this.#entries.size;
  }
}

function randomHandle(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
