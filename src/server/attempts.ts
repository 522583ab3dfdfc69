/**
 * Attempts on the server: start, append a turn, finish. The client sends only
 * choices; the server replays every stored turn plus the new one through the
 * engine and stores the scores it derives, in the same transaction as the turn.
 * A turn is idempotent by (attempt, index): the same choice again is accepted
 * once, a different one is refused.
 */
import type { Kysely, Transaction } from 'kysely';
import { ApiError } from '../api/errors.js';
import type { StartAttempt, TurnRequest } from '../api/schemas.js';
import { DEFAULT_THRESHOLDS, ENGINE_SCORING_VERSION, SecureBaseError, judgeAttempt, markerEncounterAt, replay } from '../engine/index.js';
import type { AttemptResult, Rubric, Scenario, Thresholds } from '../engine/index.js';
import type { Auth } from './auth/sessions.js';
import type { ServerContext } from './context.js';
import type { AttemptsTable, Tables, TurnsTable } from './db/tables.js';
import { enqueue, retractLastSelected } from './xapi/outbox.js';
import type { XapiAttempt } from './xapi/statements.js';

/** What xAPI statements say about an attempt: who, which scenario, which versions. */
function xapiAttempt(attempt: AttemptsTable, auth: Auth, scenario: Scenario): XapiAttempt {
  return {
    id: attempt.id, userId: attempt.user_id, userName: auth.user.name, scenarioId: attempt.scenario_id, scenarioTitle: scenario.title,
    scenarioHash: attempt.scenario_hash, rubricHash: attempt.rubric_hash, mode: attempt.mode, startedAt: attempt.started_at,
  };
}

export type AttemptRow = AttemptsTable;

/** An attempt's columns the engine derives from its choices. */
export function derived(result: AttemptResult, thresholds: Thresholds) {
  return {
    passed: result.ending === null ? null : Number(judgeAttempt(result, thresholds).passed),
    turn_count: result.turns.length,
    trust: result.scores.trust,
    safety: result.scores.safety,
    repair: result.scores.repair,
    ending: result.ending,
    outcome: result.outcome,
    flags: JSON.stringify(result.flags.map((f) => f.flag)),
  };
}

/**
 * A turn's columns the engine derives: its rating, the client's trust and felt
 * safety after it, and the rupture marker its beat showed with whether the reply engaged it.
 */
export function turnDerived(scenario: Scenario, rubric: Rubric, result: AttemptResult, index: number): Pick<TurnsTable, 'rating' | 'trust' | 'safety' | 'marker' | 'engaged'> {
  const played = result.turns[index]!;
  const encounter = markerEncounterAt(scenario, rubric, result, index);
  return { rating: played.rating, trust: played.trust, safety: played.safety, marker: encounter?.marker ?? null, engaged: encounter ? Number(encounter.engaged) : null };
}

/** The pass marks an attempt is judged by: its assignment's, or the defaults. */
export async function thresholdsOf(db: Kysely<Tables>, assignmentId: string | null): Promise<Thresholds> {
  if (!assignmentId) return DEFAULT_THRESHOLDS;
  const row = await db.selectFrom('assignments').select('thresholds').where('id', '=', assignmentId).executeTakeFirst();
  return row ? (JSON.parse(row.thresholds) as Thresholds) : DEFAULT_THRESHOLDS;
}

export async function contentOf(ctx: Pick<ServerContext, 'db' | 'content'>, scenarioId: string, scenarioHash: string, rubricHash: string, db: Kysely<Tables> = ctx.db): Promise<{ scenario: Scenario; rubric: Rubric }> {
  const scenario = await ctx.content.scenario(scenarioId, scenarioHash, db);
  if (!scenario) throw new ApiError('SB_API_UNKNOWN_CONTENT', `this server has no version ${scenarioHash.slice(0, 12)}… of scenario "${scenarioId}"`);
  const rubric = await ctx.content.rubric(rubricHash, db);
  if (!rubric) throw new ApiError('SB_API_UNKNOWN_CONTENT', `this server has no rubric version ${rubricHash.slice(0, 12)}…`);
  return { scenario, rubric };
}

/** Starts an attempt with the id the client chose; the same start again returns the stored attempt. */
export async function startAttempt(ctx: ServerContext, auth: Auth, body: StartAttempt): Promise<{ attempt: AttemptRow; created: boolean }> {
  const { scenario, rubric } = await contentOf(ctx, body.scenarioId, body.scenarioHash, body.rubricHash);
  if (body.assignmentId) await checkAssignment(ctx.db, auth, body);
  const existing = await ctx.db.selectFrom('attempts').selectAll().where('id', '=', body.id).executeTakeFirst();
  if (existing) {
    const same = existing.user_id === auth.user.id && existing.scenario_id === body.scenarioId && existing.scenario_hash === body.scenarioHash
      && existing.rubric_hash === body.rubricHash && existing.mode === body.mode && existing.assignment_id === body.assignmentId;
    if (!same) throw new ApiError('SB_API_CONFLICT', `attempt ${body.id} already exists with other details`);
    return { attempt: existing, created: false };
  }
  const attempt: AttemptRow = {
    id: body.id, user_id: auth.user.id, scenario_id: body.scenarioId, scenario_hash: body.scenarioHash, rubric_hash: body.rubricHash,
    scoring_version: ENGINE_SCORING_VERSION, mode: body.mode, assignment_id: body.assignmentId, started_at: body.startedAt, finished_at: null,
    signed_off_at: null, signed_off_by: null,
    ...derived(replay(scenario, rubric, []), DEFAULT_THRESHOLDS),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('attempts').values(attempt).execute();
    if (ctx.xapi) await enqueue(trx, attempt.id, [ctx.xapi.statements.initialized(xapiAttempt(attempt, auth, scenario))], ctx.now().toISOString());
  });
  return { attempt, created: true };
}

async function checkAssignment(db: Kysely<Tables>, auth: Auth, body: StartAttempt): Promise<void> {
  const assignment = await db.selectFrom('assignments').innerJoin('memberships', 'memberships.cohort_id', 'assignments.cohort_id')
    .select(['assignments.scenario_id', 'assignments.mode'])
    .where('assignments.id', '=', body.assignmentId!).where('memberships.user_id', '=', auth.user.id).executeTakeFirst();
  if (!assignment) throw new ApiError('SB_API_NOT_FOUND', 'no such assignment for you');
  if (assignment.scenario_id !== body.scenarioId || assignment.mode !== body.mode) {
    throw new ApiError('SB_API_INVALID', `the assignment is "${assignment.scenario_id}" in ${assignment.mode} mode`);
  }
}

export interface TurnOutcome {
  readonly attempt: AttemptRow;
  readonly turn: TurnsTable;
  /** True when this exact turn was already stored (a retry). */
  readonly duplicate: boolean;
}

/** Appends one turn. Safe to retry: the same (index, response) is stored once. */
export async function appendTurn(ctx: ServerContext, auth: Auth, body: TurnRequest): Promise<TurnOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) => appendIn(trx, ctx, auth, body));
    } catch (error) {
      // Two copies of the same turn raced: the loser re-reads and answers as a retry (or a conflict).
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function appendIn(trx: Transaction<Tables>, ctx: ServerContext, auth: Auth, body: TurnRequest): Promise<TurnOutcome> {
  const attempt = await trx.selectFrom('attempts').selectAll().where('id', '=', body.attemptId).where('user_id', '=', auth.user.id).executeTakeFirst();
  if (!attempt) throw new ApiError('SB_API_NOT_FOUND', 'no such attempt of yours');
  const turns = await trx.selectFrom('turns').selectAll().where('attempt_id', '=', attempt.id).orderBy('idx').execute();
  const stored = turns[body.index];
  if (stored) {
    if (stored.response_id === body.responseId && stored.beat_id === body.beatId) return { attempt, turn: stored, duplicate: true };
    throw new ApiError('SB_API_TURN_CONFLICT', `turn ${body.index} is already stored as "${stored.response_id}" at "${stored.beat_id}"`);
  }
  if (attempt.finished_at) throw new ApiError('SB_API_ATTEMPT_FINISHED');
  if (body.index > turns.length) throw new ApiError('SB_API_TURN_GAP', `the next turn is ${turns.length}, not ${body.index}`);

  const { scenario, rubric } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash, trx);
  const result = replayOrRefuse(scenario, rubric, [...turns.map((t) => t.response_id), body.responseId]);
  const played = result.turns[body.index]!;
  if (played.beat !== body.beatId) {
    throw new ApiError('SB_API_TURN_NOT_OFFERED', `turn ${body.index} is played at beat "${played.beat}", not "${body.beatId}"`);
  }
  const turn: TurnsTable = {
    attempt_id: attempt.id, idx: body.index, beat_id: body.beatId, response_id: body.responseId, chosen_at: body.at,
    received_at: ctx.now().toISOString(), ...turnDerived(scenario, rubric, result, body.index),
  };
  await trx.insertInto('turns').values(turn).execute();
  const update = derived(result, await thresholdsOf(trx, attempt.assignment_id));
  await trx.updateTable('attempts').set(update).where('id', '=', attempt.id).execute();
  if (ctx.xapi) {
    const statement = ctx.xapi.statements.selected(xapiAttempt(attempt, auth, scenario), { beat: played.beat, response: played.response, rating: played.rating, at: body.at }, result.scores);
    await enqueue(trx, attempt.id, [statement], turn.received_at);
  }
  return { attempt: { ...attempt, ...update }, turn, duplicate: false };
}

function replayOrRefuse(scenario: Scenario, rubric: Rubric, choices: string[]): AttemptResult {
  try {
    return replay(scenario, rubric, choices);
  } catch (error) {
    if (error instanceof SecureBaseError) throw new ApiError('SB_API_TURN_NOT_OFFERED', error.message);
    throw error;
  }
}

/**
 * Practice mode's step back: removes the last turn and re-derives the scores.
 * Stepping back a turn that is already gone is harmless, so a retry is safe.
 */
export async function stepBack(ctx: ServerContext, auth: Auth, attemptId: string, index: number): Promise<AttemptRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const attempt = await trx.selectFrom('attempts').selectAll().where('id', '=', attemptId).where('user_id', '=', auth.user.id).executeTakeFirst();
    if (!attempt) throw new ApiError('SB_API_NOT_FOUND', 'no such attempt of yours');
    if (index === attempt.turn_count) return attempt;
    if (attempt.mode !== 'practice' || attempt.finished_at || index !== attempt.turn_count - 1) {
      throw new ApiError('SB_API_STEP_BACK_REFUSED', `turn ${index} cannot be stepped back: the attempt is ${attempt.mode}${attempt.finished_at ? ', finished' : ''}, with ${attempt.turn_count} turns`);
    }
    const turns = await trx.selectFrom('turns').select('response_id').where('attempt_id', '=', attemptId).orderBy('idx').execute();
    const { scenario, rubric } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash, trx);
    const update = derived(replay(scenario, rubric, turns.slice(0, index).map((t) => t.response_id)), await thresholdsOf(trx, attempt.assignment_id));
    await trx.deleteFrom('turns').where('attempt_id', '=', attemptId).where('idx', '=', index).execute();
    await trx.updateTable('attempts').set(update).where('id', '=', attemptId).execute();
    if (ctx.xapi) await retractLastSelected(trx, attemptId, ctx.now().toISOString());
    return { ...attempt, ...update };
  });
}

/** Marks an attempt finished; only once it has reached an ending. Finishing twice is harmless. */
export async function finishAttempt(ctx: ServerContext, auth: Auth, attemptId: string, at: string): Promise<AttemptRow> {
  const attempt = await ctx.db.selectFrom('attempts').selectAll().where('id', '=', attemptId).where('user_id', '=', auth.user.id).executeTakeFirst();
  if (!attempt) throw new ApiError('SB_API_NOT_FOUND', 'no such attempt of yours');
  if (attempt.finished_at) return attempt;
  if (!attempt.ending) throw new ApiError('SB_API_ATTEMPT_NOT_ENDED', `the attempt is still in progress after ${attempt.turn_count} turns`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('attempts').set({ finished_at: at }).where('id', '=', attemptId).execute();
    if (!ctx.xapi) return;
    const { scenario } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash, trx);
    const about = xapiAttempt(attempt, auth, scenario);
    const scores = { trust: attempt.trust, safety: attempt.safety, repair: attempt.repair };
    const statements = [ctx.xapi.statements.completed(about, scores, JSON.parse(attempt.flags) as string[], at)];
    if (attempt.mode === 'assessment') statements.push(ctx.xapi.statements.judged(about, attempt.passed === 1, scores, at));
    await enqueue(trx, attempt.id, statements, ctx.now().toISOString());
  });
  return { ...attempt, finished_at: at };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
