/** Messages between the background and the clipboard clearer (offscreen document in Chrome). */
export const OFFSCREEN_CLIPBOARD = 'tw-offscreen-clipboard';
/** Sent when a clear ran, so an open frame can say what happened (a runtime broadcast from Chrome's offscreen document, a message to each tab from Firefox's background). */
export const CLIPBOARD_OUTCOME = 'tw-clipboard-outcome';

export type OffscreenClipboardMessage =
  | { target: typeof OFFSCREEN_CLIPBOARD; type: 'schedule'; secret: string | null; deadline: number; copiedAt: number }
  | { target: typeof OFFSCREEN_CLIPBOARD; type: 'copied-elsewhere'; at: number }
  | { target: typeof OFFSCREEN_CLIPBOARD; type: 'status' };

export interface ClipboardOutcomeMessage {
  target: typeof CLIPBOARD_OUTCOME;
  outcome: 'cleared' | 'left-alone' | 'failed';
  deadline: number | null;
}

export function isClipboardTraffic(message: unknown): boolean {
  const target = (message as { target?: unknown } | null)?.target;
  return target === OFFSCREEN_CLIPBOARD || target === CLIPBOARD_OUTCOME;
}
