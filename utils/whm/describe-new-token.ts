import type { WhmClient } from './client';
import type { WhmToken } from './schemas';

/**
 * What WHM says about a token we hold the secret of: `api_token_get_details` when WHM
 * answers it (since WHM 98), else the list entry of the name the page showed.
 *
 * The lookup is a convenience, never a verdict: an older WHM answers "Unknown app", a
 * reseller may be refused it, and the session may have ended while the token itself
 * works. So a failed lookup falls back to the list, and a failed list to nothing — the
 * token test then judges by the token's own answer alone.
 */
export async function describeNewToken(
  client: Pick<WhmClient, 'tokenDetails' | 'listTokens'>,
  secret: string,
  name: string | undefined,
): Promise<WhmToken | null> {
  const details = await client.tokenDetails(secret).catch(() => null);
  if (details) return details;
  if (!name) return null;
  const listed = await client.listTokens().catch(() => []);
  return listed.find((token) => token.name === name) ?? null;
}
