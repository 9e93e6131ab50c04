/**
 * The small vocabulary every WHM failure is mapped to, so the UI can say what to do:
 * - session: the WHM session is gone (log in again)
 * - permission: the logged-in user lacks the privilege
 * - whm: WHM refused the request and said why (`reason` is WHM's own text)
 * - network: no answer (offline, refused, timed out)
 * - malformed: an answer came but is not what WHM's API documents
 */
export type WhmErrorKind = 'session' | 'permission' | 'whm' | 'network' | 'malformed';

export const WHM_ERROR_KINDS: readonly WhmErrorKind[] = ['session', 'permission', 'whm', 'network', 'malformed'];

export class WhmError extends Error {
  constructor(
    readonly kind: WhmErrorKind,
    message: string,
    /** WHM's own `metadata.reason`, kept verbatim (rendered as text, never markup). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'WhmError';
  }
}

/** A plain, cloneable form for messages between extension contexts. */
export interface WhmErrorInfo {
  kind: WhmErrorKind;
  message: string;
  reason?: string;
}

export function toErrorInfo(error: unknown): WhmErrorInfo {
  if (error instanceof WhmError) {
    return { kind: error.kind, message: error.message, ...(error.reason ? { reason: error.reason } : {}) };
  }
  return { kind: 'malformed', message: error instanceof Error ? error.message : String(error) };
}
