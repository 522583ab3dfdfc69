/** The one-time link that creates the first admin, printed at start while there is none. */
import type { ServerContext } from './context.js';
import { newToken, tokenHash } from './auth/tokens.js';

export async function newSetupLink(ctx: Pick<ServerContext, 'db' | 'now'>): Promise<string> {
  const token = newToken();
  await ctx.db.insertInto('setup_tokens').values({ token_hash: tokenHash(token), created_at: ctx.now().toISOString(), used_at: null }).execute();
  return token;
}
