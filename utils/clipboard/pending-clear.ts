/**
 * The clipboard clear that follows a copy of a secret, wherever it runs: Chrome's
 * offscreen document, or Firefox's background page. It outlives the tab, so the secret
 * is cleared after the delay even when the user has left WHM's page.
 *
 * Like Bitwarden and KeePassXC, it clears only while the clipboard still holds the
 * secret. Checking needs the optional `clipboardRead` permission; without it, the
 * clipboard is cleared unless the user was seen copying something else since (a
 * trusted copy or cut in WHM's page or our frame) — a copy in another program or tab
 * cannot be seen, and is then cleared too.
 */
export interface ClipboardAccess {
  write(text: string): Promise<boolean>;
  /** The clipboard's text, or null when this context may not read it. */
  read(): Promise<string | null>;
}

export type ClearOutcome = 'cleared' | 'left-alone' | 'failed';

interface Job {
  /** Kept only when it can be compared (clipboardRead granted); memory only. */
  secret: string | null;
  deadline: number;
  /** When our write of the secret finished (wall clock, the same in every context). */
  copiedAt: number;
  copiedElsewhere: boolean;
}

export class PendingClear {
  #job: Job | null = null;
  /**
   * The latest copy elsewhere heard of, even with no job yet: the page's copy event and
   * our frame's clear request travel separately, and either may arrive first.
   */
  #lastElsewhereAt = -Infinity;
  readonly #clipboard: ClipboardAccess;

  constructor(clipboard: ClipboardAccess) {
    this.#clipboard = clipboard;
  }

  /**
   * A new copy replaces any earlier job: the newest secret is what is on the clipboard.
   * A copy elsewhere counts only if it came after ours (`copiedAt`): one made before
   * it was overwritten by the secret, whatever order the messages arrived in.
   */
  schedule(secret: string | null, deadline: number, copiedAt: number): void {
    this.#job = { secret, deadline, copiedAt, copiedElsewhere: this.#lastElsewhereAt > copiedAt };
  }

  copiedElsewhere(at: number): void {
    this.#lastElsewhereAt = Math.max(this.#lastElsewhereAt, at);
    if (this.#job && at > this.#job.copiedAt) this.#job.copiedElsewhere = true;
  }

  get deadline(): number | null {
    return this.#job?.deadline ?? null;
  }

  /** Clears when the job is due; null when there is nothing (yet) to do. */
  async runIfDue(now: number): Promise<ClearOutcome | null> {
    const job = this.#job;
    if (!job || job.deadline > now) return null;
    this.#job = null;
    const current = job.secret === null ? null : await this.#clipboard.read();
    const ours = current === null ? !job.copiedElsewhere : current === job.secret;
    job.secret = null;
    if (!ours) return 'left-alone';
    return (await this.#clipboard.write('')) ? 'cleared' : 'failed';
  }
}
