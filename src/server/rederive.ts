/**
 * Stored attempts re-derived under the engine's scoring rules. Every attempt
 * records the scoring version its figures were derived under; when the engine's
 * rules change (ENGINE_SCORING_VERSION goes up), the server, on starting,
 * replays each older attempt's stored choices against its own scenario and
 * rubric versions and stores what the current rules derive from them: the
 * attempt's scores, ending, flags and verdict, and each turn's figures. The
 * engine keeps one version of the rules, never two.
 *
 * One transaction per attempt, which first claims the attempt with a
 * conditional update (`scoring_version < N`): of two servers starting at once on
 * one database, one re-derives each attempt and the other finds it done. An
 * attempt whose choices no longer replay is kept as it is, under its old version,
 * and named in the log; it never stops the server.
 */
import type { Transaction } from 'kysely';
import { ZodError } from 'zod';
import { ApiError } from '../api/errors.js';
import { ENGINE_SCORING_VERSION, SecureBaseError, replay } from '../engine/index.js';
import { contentOf, derived, thresholdsOf, turnDerived } from './attempts.js';
import type { ServerContext } from './context.js';
import type { Tables } from './db/tables.js';

export interface RederiveSummary {
  /** Attempts this server re-derived. */
  readonly rederived: number;
  /** Attempts another server re-derived first. */
  readonly doneElsewhere: number;
  /** Attempts that could not be replayed, with why; they keep their figures and version. */
  readonly kept: readonly { readonly id: string; readonly reason: string }[];
}

/** Raised inside an attempt's transaction to undo its claim when the attempt cannot be replayed. */
class NotReplayable extends Error {}

/**
 * Re-derives every attempt stored under an older scoring version; `say` gets
 * a line for each attempt kept as it was and a one-line summary (nothing when
 * every attempt is current).
 */
export async function rederiveAttempts(ctx: Pick<ServerContext, 'db' | 'content'>, say: (line: string) => void): Promise<RederiveSummary> {
  const stale = await ctx.db.selectFrom('attempts').select('id').where('scoring_version', '<', ENGINE_SCORING_VERSION).orderBy('started_at').orderBy('id').execute();
  let rederived = 0;
  let doneElsewhere = 0;
  const kept: { id: string; reason: string }[] = [];
  for (const { id } of stale) {
    try {
      if (await ctx.db.transaction().execute((trx) => rederiveOne(trx, ctx, id))) rederived++;
      else doneElsewhere++;
    } catch (error) {
      if (!(error instanceof NotReplayable)) throw error;
      kept.push({ id, reason: error.message });
      say(`Attempt ${id} cannot be replayed under scoring version ${ENGINE_SCORING_VERSION}, so it keeps its figures and its version: ${error.message}`);
    }
  }
  if (stale.length) {
    say(`Scoring version ${ENGINE_SCORING_VERSION}: re-derived ${rederived} stored ${rederived === 1 ? 'attempt' : 'attempts'} from their choices`
      + `${doneElsewhere ? `, ${doneElsewhere} done by another server` : ''}`
      + `${kept.length ? `, ${kept.length} kept as ${kept.length === 1 ? 'it was' : 'they were'} (not replayable)` : ''}.`);
  }
  return { rederived, doneElsewhere, kept };
}

/** Re-derives one attempt; false when another server already has. */
async function rederiveOne(trx: Transaction<Tables>, ctx: Pick<ServerContext, 'db' | 'content'>, id: string): Promise<boolean> {
  // The claim comes first: it takes the row's lock, so a second server waits here and then finds the attempt done.
  const claim = await trx.updateTable('attempts').set({ scoring_version: ENGINE_SCORING_VERSION })
    .where('id', '=', id).where('scoring_version', '<', ENGINE_SCORING_VERSION).executeTakeFirst();
  if (Number(claim.numUpdatedRows) === 0) return false;
  const attempt = await trx.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const turns = await trx.selectFrom('turns').select(['idx', 'beat_id', 'response_id']).where('attempt_id', '=', id).orderBy('idx').execute();
  const { scenario, rubric } = await replayable(() => contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash, trx));
  const result = await replayable(async () => replay(scenario, rubric, turns.map((turn) => turn.response_id)));
  for (const turn of turns) {
    const played = result.turns[turn.idx];
    if (played?.beat !== turn.beat_id) throw new NotReplayable(`turn ${turn.idx} was played at beat "${turn.beat_id}" but now comes at "${played?.beat}"`);
    await trx.updateTable('turns').set(turnDerived(scenario, rubric, result, turn.idx)).where('attempt_id', '=', id).where('idx', '=', turn.idx).execute();
  }
  await trx.updateTable('attempts').set(derived(result, await thresholdsOf(trx, attempt.assignment_id))).where('id', '=', id).execute();
  return true;
}

/** Runs `step`; a failure of the attempt's own content or choices (not of the database) becomes NotReplayable. */
async function replayable<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ZodError) throw new NotReplayable(`its scenario or rubric version no longer reads: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (error instanceof ApiError || error instanceof SecureBaseError) throw new NotReplayable(error.message);
    throw error;
  }
}
