/**
 * Reviewing an attempt: the turns with every reply that was on offer, in the
 * order the trainee saw them, and its rating; the rupture episodes; critical
 * flags and notes in plain words; and the supervisor's comments and sign-off.
 * The trainee sees the same review of their own attempt, comments included.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { CommentBody, IdParams, SignOffBody } from '../../api/schemas.js';
import { replay, reviewTurns, vocabulary } from '../../engine/index.js';
import { maySeeUser, signedIn, withRole } from '../access.js';
import { contentOf } from '../attempts.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { addComment, signOff } from '../review.js';
import { parse } from '../validate.js';
import { attemptJson } from './attempts.js';

export function reviewRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The attempt, if `auth` may see its trainee's work. */
  async function visibleAttempt(auth: Auth, id: string) {
    const attempt = await ctx.db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!attempt || !(await maySeeUser(ctx.db, auth, attempt.user_id))) throw new ApiError('SB_API_NOT_FOUND', 'no such attempt');
    return attempt;
  }

  /** A supervisor of the attempt's trainee, or an admin; never the trainee themself. */
  async function reviewable(request: Parameters<typeof signedIn>[0], id: string) {
    const auth = withRole(request, 'supervisor', 'admin');
    return { auth, attempt: await visibleAttempt(auth, id) };
  }

  app.get('/api/attempts/:id/review', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const attempt = await visibleAttempt(signedIn(request), id);
    const { scenario, rubric } = await contentOf(ctx, attempt.scenario_id, attempt.scenario_hash, attempt.rubric_hash);
    const choices = await ctx.db.selectFrom('turns').select('response_id').where('attempt_id', '=', id).orderBy('idx').execute();
    const result = replay(scenario, rubric, choices.map((c) => c.response_id));
    const [trainee, comments, signer] = await Promise.all([
      ctx.db.selectFrom('users').select(['id', 'name']).where('id', '=', attempt.user_id).executeTakeFirstOrThrow(),
      ctx.db.selectFrom('comments').innerJoin('users', 'users.id', 'comments.author_id')
        .select(['comments.id', 'comments.turn_index as turnIndex', 'comments.body', 'comments.created_at as createdAt', 'users.name as author'])
        .where('comments.attempt_id', '=', id).orderBy('comments.created_at').execute(),
      attempt.signed_off_by ? ctx.db.selectFrom('users').select('name').where('id', '=', attempt.signed_off_by).executeTakeFirst() : undefined,
    ]);
    return {
      attempt: attemptJson(attempt),
      trainee,
      scenario: { id: scenario.id, title: scenario.title, client: scenario.client.name, initial: scenario.initial },
      turns: reviewTurns(scenario, rubric, result, attempt.id),
      episodes: result.episodes.map((e) => ({ type: e.type, markers: e.markers.map((m) => m.marker), status: e.status, openedAt: e.openedAt, resolvedAt: e.resolvedAt })),
      flags: result.flags.map((f) => ({ flag: f.flag, label: vocabulary.CRITICAL_FLAG_LABELS[f.flag], turn: f.turn, beat: f.beat, message: f.message })),
      notes: result.notes.map((n) => ({ flag: n.flag, label: vocabulary.NOTE_LABELS[n.flag], turn: n.turn, beat: n.beat, message: n.message })),
      comments,
      signOff: attempt.signed_off_at ? { at: attempt.signed_off_at, by: signer?.name ?? null } : null,
    };
  });

  app.post('/api/attempts/:id/comments', async (request, reply) => {
    const { id } = parse(IdParams, request.params, 'params');
    const body = parse(CommentBody, request.body, 'body');
    const { auth, attempt } = await reviewable(request, id);
    return reply.code(201).send({ comment: await addComment(ctx, auth, attempt, body.turnIndex, body.body) });
  });

  app.post('/api/attempts/:id/sign-off', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    parse(SignOffBody, request.body ?? {}, 'body');
    const { auth, attempt } = await reviewable(request, id);
    return { signOff: await signOff(ctx, auth, attempt) };
  });
}
