/**
 * Deleting an account's data on request, in one transaction: its attempts and
 * their turns, the comments on them and their unsent xAPI statements, its
 * cohort memberships and sessions, and the account itself. The audit log
 * keeps that it happened, with counts and the account's opaque id only: the
 * programme can show a request was honoured without keeping whom it was for.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors.js';
import { audit } from './audit.js';
import type { ServerContext } from './context.js';
import type { Role, Tables } from './db/tables.js';

export interface DeletedCounts {
  readonly attempts: number;
  readonly turns: number;
  readonly comments: number;
  readonly xapiStatements: number;
  readonly memberships: number;
  readonly sessions: number;
}

export async function deleteAccount(ctx: Pick<ServerContext, 'db' | 'dialect' | 'now'>, actorId: string, user: { id: string; role: Role }): Promise<DeletedCounts> {
  if (user.id === actorId) throw new ApiError('SB_API_DELETE_REFUSED', 'you cannot delete your own account; ask another admin');
  return ctx.db.transaction().execute(async (trx) => {
    await refuseLastAdmin(trx, ctx.dialect, user);
    await refuseWhatOthersDependOn(trx, user.id);
    const theirAttempts = trx.selectFrom('attempts').select('id').where('user_id', '=', user.id);
    const count = async (query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) => Number((await query.executeTakeFirst()).numDeletedRows);
    // Children first, so the counts are what was removed whether or not the database cascades.
    const counts: DeletedCounts = {
      turns: await count(trx.deleteFrom('turns').where('attempt_id', 'in', theirAttempts)),
      comments: await count(trx.deleteFrom('comments').where('attempt_id', 'in', theirAttempts)),
      xapiStatements: await count(trx.deleteFrom('xapi_outbox').where('attempt_id', 'in', theirAttempts)),
      attempts: await count(trx.deleteFrom('attempts').where('user_id', '=', user.id)),
      memberships: await count(trx.deleteFrom('memberships').where('user_id', '=', user.id)),
      sessions: await count(trx.deleteFrom('sessions').where('user_id', '=', user.id)),
    };
    await trx.deleteFrom('users').where('id', '=', user.id).execute();
    await audit({ db: trx, now: ctx.now }, actorId, 'user.deleted', `user:${user.id}`, { role: user.role, removed: counts });
    return counts;
  });
}

/**
 * Never leave the server without an admin. On PostgreSQL the admins' rows are
 * locked first, so two admins deleting each other at once cannot both succeed;
 * SQLite runs one write transaction at a time anyway.
 */
async function refuseLastAdmin(trx: Kysely<Tables>, dialect: ServerContext['dialect'], user: { id: string; role: Role }): Promise<void> {
  if (user.role !== 'admin') return;
  const admins = await trx.selectFrom('users').select('id').where('role', '=', 'admin')
    .$if(dialect === 'postgres', (q) => q.forUpdate()).execute();
  if (admins.every((a) => a.id === user.id)) throw new ApiError('SB_API_DELETE_REFUSED', 'this is the last admin account; create another admin first');
}

/** Other people's records point at this account: deleting it would break them or silently lose who did what. */
async function refuseWhatOthersDependOn(trx: Kysely<Tables>, userId: string): Promise<void> {
  const [cohorts, assignments, invites, comments, signOffs] = await Promise.all([
    trx.selectFrom('cohorts').select('id').where('owner_id', '=', userId).executeTakeFirst(),
    trx.selectFrom('assignments').select('id').where('created_by', '=', userId).executeTakeFirst(),
    trx.selectFrom('invites').select('code').where('created_by', '=', userId).executeTakeFirst(),
    trx.selectFrom('comments').innerJoin('attempts', 'attempts.id', 'comments.attempt_id').select('comments.id')
      .where('comments.author_id', '=', userId).where('attempts.user_id', '!=', userId).executeTakeFirst(),
    trx.selectFrom('attempts').select('id').where('signed_off_by', '=', userId).where('user_id', '!=', userId).executeTakeFirst(),
  ]);
  const blocking = [cohorts && 'owns cohorts', assignments && 'set assignments', invites && 'made invites', comments && 'commented on others\' attempts', signOffs && 'signed off others\' attempts'].filter(Boolean);
  if (blocking.length) throw new ApiError('SB_API_DELETE_REFUSED', `this account ${blocking.join(', ')}; those records would lose their author, so it cannot be deleted`);
}
