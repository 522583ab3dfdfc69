/** Puts statements in the outbox, inside the caller's transaction, so a statement exists exactly when what it reports does. */
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { Statement } from './statements.js';
import { VERBS, voiding } from './statements.js';

/** Orders statements written in the same millisecond, so they leave in the order they were made. */
let sequence = 0;

export async function enqueue(db: Kysely<Tables>, attemptId: string, statements: readonly Statement[], now: string): Promise<void> {
  if (!statements.length) return;
  await db.insertInto('xapi_outbox').values(statements.map((statement) => ({
    id: statement.id, attempt_id: attemptId, created_at: now, ordinal: sequence++, statement: JSON.stringify(statement),
    sent_at: null, tries: 0, next_try_at: now, last_error: null,
  }))).execute();
}

/**
 * Takes back the attempt's latest `selected` statement: deleted if it has not
 * left yet, otherwise voided at the LRS by a new statement.
 */
export async function retractLastSelected(db: Kysely<Tables>, attemptId: string, now: string): Promise<void> {
  const rows = await db.selectFrom('xapi_outbox').select(['id', 'statement', 'sent_at']).where('attempt_id', '=', attemptId)
    .orderBy('created_at', 'desc').orderBy('ordinal', 'desc').execute();
  const last = rows.find((row) => (JSON.parse(row.statement) as { verb: { id: string } }).verb.id === VERBS.selected);
  if (!last) return;
  if (last.sent_at === null) await db.deleteFrom('xapi_outbox').where('id', '=', last.id).execute();
  else await enqueue(db, attemptId, [voiding(JSON.parse(last.statement) as Statement, now)], now);
}
