import type { WhmErrorInfo } from './whm/errors';
import type { WhmToken } from './whm/schemas';

/**
 * The messages between the content script and the background. Types only: the
 * content script imports this file, and zod stays out of its bundle (the background
 * validates every request with `message-schema.ts`).
 */
export interface ListTokensRequest {
  type: 'tokens:list';
  /** The WHM origin the tab is on; the background checks it against the sender tab. */
  origin: string;
  cpsess: string;
}

export type Request = ListTokensRequest;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: WhmErrorInfo };

export interface ReplyFor {
  'tokens:list': Reply<{ tokens: WhmToken[] }>;
}
