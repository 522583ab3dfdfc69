/** Attempts: a trainee starts one, sends each turn, finishes; the server derives every score. */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { AttemptsQuery, FinishBody, IdParams, StartAttemptBody, StepBackBody, TurnBody } from '../../api/schemas.js';
import { managedCohort, maySeeUser, signedIn } from '../access.js';
import { appendTurn, finishAttempt, startAttempt, stepBack } from '../attempts.js';
import type { AttemptRow } from '../attempts.js';
import type { ServerContext } from '../context.js';
import type { TurnsTable } from '../db/tables.js';
import { parse } from '../validate.js';

export function attemptJson(row: AttemptRow) {
  return {
    id: row.id, userId: row.user_id, scenarioId: row.scenario_id, scenarioHash: row.scenario_hash, rubricHash: row.rubric_hash,
    scoringVersion: row.scoring_version, mode: row.mode, assignmentId: row.assignment_id, startedAt: row.started_at, finishedAt: row.finished_at,
    turnCount: row.turn_count, scores: { trust: row.trust, safety: row.safety, repair: row.repair }, ending: row.ending, outcome: row.outcome,
    flags: JSON.parse(row.flags) as string[],
    passed: row.passed === null ? null : row.passed === 1,
    signedOffAt: row.signed_off_at,
  };
}

export const turnJson = (turn: TurnsTable) => ({
  index: turn.idx, beatId: turn.beat_id, responseId: turn.response_id, at: turn.chosen_at, receivedAt: turn.received_at,
  rating: turn.rating, trust: turn.trust, safety: turn.safety,
});

export function attemptRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post('/api/attempts', async (request, reply) => {
    const auth = signedIn(request);
    const { attempt, created } = await startAttempt(ctx, auth, parse(StartAttemptBody, request.body, 'body'));
    return reply.code(created ? 201 : 200).send({ attempt: attemptJson(attempt) });
  });

  app.post('/api/attempts/:id/turns', async (request, reply) => {
    const { id } = parse(IdParams, request.params, 'params');
    const body = parse(TurnBody, request.body, 'body');
    if (body.attemptId !== id) throw new ApiError('SB_API_INVALID', `body.attemptId: must be the attempt in the path (${id})`);
    const { attempt, turn, duplicate } = await appendTurn(ctx, signedIn(request), body);
    return reply.code(duplicate ? 200 : 201).send({ attempt: attemptJson(attempt), turn: turnJson(turn), duplicate });
  });

  app.post('/api/attempts/:id/step-back', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const { index } = parse(StepBackBody, request.body, 'body');
    return { attempt: attemptJson(await stepBack(ctx, signedIn(request), id, index)) };
  });

  app.post('/api/attempts/:id/finish', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const { at } = parse(FinishBody, request.body, 'body');
    return { attempt: attemptJson(await finishAttempt(ctx, signedIn(request), id, at)) };
  });

  app.get('/api/attempts/:id', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const auth = signedIn(request);
    const attempt = await ctx.db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!attempt || !(await maySeeUser(ctx.db, auth, attempt.user_id))) throw new ApiError('SB_API_NOT_FOUND', 'no such attempt');
    const turns = await ctx.db.selectFrom('turns').selectAll().where('attempt_id', '=', id).orderBy('idx').execute();
    return { attempt: attemptJson(attempt), turns: turns.map(turnJson) };
  });

  /** Your own attempts; a supervisor's view of one trainee or one cohort; an admin's of anyone. */
  app.get('/api/attempts', { config: { query: true } }, async (request) => {
    const auth = signedIn(request);
    const query = parse(AttemptsQuery, request.query, 'query');
    let select = ctx.db.selectFrom('attempts').selectAll('attempts');
    if (query.cohortId) {
      await managedCohort(ctx.db, auth, query.cohortId);
      select = select.innerJoin('memberships', 'memberships.user_id', 'attempts.user_id').where('memberships.cohort_id', '=', query.cohortId);
    } else {
      const userId = query.userId ?? auth.user.id;
      if (!(await maySeeUser(ctx.db, auth, userId))) throw new ApiError('SB_API_NOT_FOUND', 'no such trainee');
      select = select.where('attempts.user_id', '=', userId);
    }
    const rows = await select.orderBy('attempts.started_at', 'desc').limit(500).execute();
    return { attempts: rows.map(attemptJson) };
  });
}
