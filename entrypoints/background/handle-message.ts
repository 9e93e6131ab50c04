import { RequestSchema, refuseSender, type SenderInfo } from '../../utils/message-schema';
import type { Reply } from '../../utils/messages';
import { WhmClient } from '../../utils/whm/client';
import { toErrorInfo } from '../../utils/whm/errors';

export interface MessageDeps {
  extensionId: string;
  makeClient: (origin: string, cpsess: string) => WhmClient;
}

/**
 * The background's single entry for content-script requests: validate the shape,
 * bind it to the sender tab's origin and session, then act. Every failure comes back
 * as a reply with an error kind — the caller never sees an exception.
 */
export async function handleMessage(message: unknown, sender: SenderInfo, deps: MessageDeps): Promise<Reply<unknown>> {
  const parsed = RequestSchema.safeParse(message);
  if (!parsed.success) return { ok: false, error: { kind: 'malformed', message: 'Token Warden refused a request it does not understand.' } };
  const request = parsed.data;
  const refused = refuseSender(sender, deps.extensionId, request);
  if (refused) return { ok: false, error: { kind: 'permission', message: `Token Warden refused the request: ${refused}.` } };
  try {
    const client = deps.makeClient(request.origin, request.cpsess);
    switch (request.type) {
      case 'tokens:list':
        return { ok: true, value: { tokens: await client.listTokens() } };
    }
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
