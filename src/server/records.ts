/**
 * A trainee's full record, as one JSON document: what a trainee may ask to
 * see of everything stored about them. Never the password hash or session
 * tokens; those are secrets, not records.
 */
import type { Kysely } from 'kysely';
import type { Tables } from './db/tables.js';
import { attemptJson, turnJson } from './routes/attempts.js';

/** The record of `userId`, or null if there is no such account. */
export async function traineeRecord(db: Kysely<Tables>, userId: string, exportedAt: string) {
  const account = await db.selectFrom('users').select(['id', 'email', 'name', 'role', 'created_at as createdAt']).where('id', '=', userId).executeTakeFirst();
  if (!account) return null;
  const [cohorts, attempts, turns, comments] = await Promise.all([
    db.selectFrom('memberships').innerJoin('cohorts', 'cohorts.id', 'memberships.cohort_id').innerJoin('users as owner', 'owner.id', 'cohorts.owner_id')
      .select(['cohorts.id', 'cohorts.name', 'memberships.joined_at as joinedAt', 'owner.id as supervisorId', 'owner.name as supervisorName'])
      .where('memberships.user_id', '=', userId).orderBy('memberships.joined_at').execute(),
    db.selectFrom('attempts').leftJoin('users as signer', 'signer.id', 'attempts.signed_off_by')
      .selectAll('attempts').select('signer.name as signerName')
      .where('attempts.user_id', '=', userId).orderBy('attempts.started_at').orderBy('attempts.id').execute(),
    db.selectFrom('turns').innerJoin('attempts', 'attempts.id', 'turns.attempt_id')
      .selectAll('turns').where('attempts.user_id', '=', userId).orderBy('turns.idx').execute(),
    db.selectFrom('comments').innerJoin('attempts', 'attempts.id', 'comments.attempt_id').leftJoin('users as author', 'author.id', 'comments.author_id')
      .select(['comments.id', 'comments.attempt_id', 'comments.turn_index', 'comments.body', 'comments.created_at', 'comments.author_id', 'author.name as authorName'])
      .where('attempts.user_id', '=', userId).orderBy('comments.created_at').execute(),
  ]);
  return {
    exportedAt,
    account,
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, joinedAt: c.joinedAt, supervisor: { id: c.supervisorId, name: c.supervisorName } })),
    attempts: attempts.map((attempt) => ({
      ...attemptJson(attempt),
      signOff: attempt.signed_off_at ? { at: attempt.signed_off_at, by: { id: attempt.signed_off_by, name: attempt.signerName } } : null,
      turns: turns.filter((t) => t.attempt_id === attempt.id).map(turnJson),
      comments: comments.filter((c) => c.attempt_id === attempt.id).map((c) => ({
        id: c.id, turnIndex: c.turn_index, body: c.body, createdAt: c.created_at, author: { id: c.author_id, name: c.authorName },
      })),
    })),
  };
}
