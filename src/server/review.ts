/**
 * A supervisor's part in a review: comments on turns and the sign-off. The
 * routes check who may review the attempt; these store what they decided.
 */
import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import type { AttemptRow } from './attempts.js';
import { audit } from './audit.js';
import type { Auth } from './auth/sessions.js';
import type { ServerContext } from './context.js';

type Ctx = Pick<ServerContext, 'db' | 'now'>;

/** A comment on one turn (by index) or, with a null index, on the whole attempt. */
export async function addComment(ctx: Ctx, author: Auth, attempt: AttemptRow, turnIndex: number | null, body: string) {
  if (turnIndex !== null && turnIndex >= attempt.turn_count) {
    throw new ApiError('SB_API_INVALID', `body.turnIndex: the attempt has ${attempt.turn_count} turns (0 to ${attempt.turn_count - 1})`);
  }
  const comment = { id: randomUUID(), attempt_id: attempt.id, turn_index: turnIndex, author_id: author.user.id, body, created_at: ctx.now().toISOString() };
  await ctx.db.insertInto('comments').values(comment).execute();
  return { id: comment.id, turnIndex: comment.turn_index, body: comment.body, createdAt: comment.created_at, author: author.user.name };
}

/** Signs a finished attempt off; the first sign-off stands, so signing again is harmless. */
export async function signOff(ctx: Ctx, by: Auth, attempt: AttemptRow): Promise<{ at: string; by: string | null }> {
  if (!attempt.finished_at) throw new ApiError('SB_API_NOT_FINISHED');
  if (attempt.signed_off_at) {
    const signer = attempt.signed_off_by ? await ctx.db.selectFrom('users').select('name').where('id', '=', attempt.signed_off_by).executeTakeFirst() : undefined;
    return { at: attempt.signed_off_at, by: signer?.name ?? null };
  }
  const at = ctx.now().toISOString();
  await ctx.db.updateTable('attempts').set({ signed_off_at: at, signed_off_by: by.user.id }).where('id', '=', attempt.id).execute();
  await audit(ctx, by.user.id, 'attempt.signed-off', `attempt:${attempt.id}`, {});
  return { at, by: by.user.name };
}
