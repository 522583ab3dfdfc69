/** Cohorts, their invites and assignments; trainees joining with an invite; a trainee's own assignments. */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { CodeParams, CreateAssignmentBody, CreateCohortBody, CreateInviteBody, IdParams, JoinBody } from '../../api/schemas.js';
import { managedCohort, signedIn, withRole } from '../access.js';
import { hashPassword } from '../auth/passwords.js';
import { startSession } from '../auth/sessions.js';
import { createAssignment, createCohort, createInvite, joinCohort } from '../cohorts.js';
import type { ServerContext } from '../context.js';
import { createUser } from '../users.js';
import { parse } from '../validate.js';

export function cohortRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const now = () => ctx.now().toISOString();

  app.post('/api/cohorts', async (request, reply) => {
    const auth = withRole(request, 'supervisor', 'admin');
    const { name } = parse(CreateCohortBody, request.body, 'body');
    const cohort = await createCohort(ctx, auth, name);
    return reply.code(201).send({ cohort: { id: cohort.id, name, ownerId: cohort.owner_id, createdAt: cohort.created_at } });
  });

  app.get('/api/cohorts', async (request) => {
    const auth = signedIn(request);
    let query = ctx.db.selectFrom('cohorts').select(['cohorts.id', 'cohorts.name', 'cohorts.owner_id as ownerId', 'cohorts.created_at as createdAt']);
    if (auth.user.role === 'supervisor') query = query.where('cohorts.owner_id', '=', auth.user.id);
    if (auth.user.role === 'trainee') {
      query = query.innerJoin('memberships', 'memberships.cohort_id', 'cohorts.id').where('memberships.user_id', '=', auth.user.id);
    }
    return { cohorts: await query.orderBy('cohorts.created_at').execute() };
  });

  app.get('/api/cohorts/:id', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const cohort = await managedCohort(ctx.db, withRole(request, 'supervisor', 'admin'), id);
    const members = await ctx.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.name', 'users.email', 'memberships.joined_at as joinedAt']).where('memberships.cohort_id', '=', id).orderBy('users.name').execute();
    return { cohort: { id: cohort.id, name: cohort.name, ownerId: cohort.owner_id, createdAt: cohort.created_at }, members };
  });

  app.post('/api/cohorts/:id/invites', async (request, reply) => {
    const { id } = parse(IdParams, request.params, 'params');
    const auth = withRole(request, 'supervisor', 'admin');
    await managedCohort(ctx.db, auth, id);
    const { days } = parse(CreateInviteBody, request.body, 'body');
    return reply.code(201).send({ invite: await createInvite(ctx, auth, id, days) });
  });

  app.get('/api/invites/:code', async (request) => {
    const { code } = parse(CodeParams, request.params, 'params');
    const invite = await liveInvite(code);
    return { invite: { cohortName: invite.cohortName, supervisorName: invite.supervisorName, expiresAt: invite.expires_at } };
  });

  app.post('/api/invites/:code/join', async (request, reply) => {
    const { code } = parse(CodeParams, request.params, 'params');
    const body = parse(JoinBody, request.body, 'body');
    const invite = await liveInvite(code);
    let userId: string;
    let csrfToken: string | null = null;
    if (request.auth) {
      if (request.auth.user.role !== 'trainee') throw new ApiError('SB_API_FORBIDDEN', 'only trainees join cohorts');
      userId = request.auth.user.id;
    } else {
      if (!body.email || !body.name || !body.password) throw new ApiError('SB_API_INVALID', 'body: email, name and password are needed to create your account');
      const user = await createUser(ctx.db, { email: body.email, name: body.name, role: 'trainee', passwordHash: await hashPassword(body.password) }, ctx.now());
      userId = user.id;
      csrfToken = await startSession(ctx.db, reply, user.id, ctx.now(), ctx.secureCookies);
    }
    await joinCohort(ctx, userId, { code, cohort_id: invite.cohort_id });
    return reply.code(201).send({ cohort: { id: invite.cohort_id, name: invite.cohortName }, csrfToken });
  });

  app.post('/api/cohorts/:id/assignments', async (request, reply) => {
    const { id } = parse(IdParams, request.params, 'params');
    const auth = withRole(request, 'supervisor', 'admin');
    await managedCohort(ctx.db, auth, id);
    const row = await createAssignment(ctx, auth, id, parse(CreateAssignmentBody, request.body, 'body'));
    return reply.code(201).send({ assignment: assignmentJson(row) });
  });

  app.get('/api/cohorts/:id/assignments', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    await managedCohort(ctx.db, withRole(request, 'supervisor', 'admin'), id);
    const rows = await ctx.db.selectFrom('assignments').selectAll().where('cohort_id', '=', id).orderBy('due_at').execute();
    return { assignments: rows.map(assignmentJson) };
  });

  /** The signed-in trainee's assignments across cohorts, with whether each is done. */
  app.get('/api/assignments', async (request) => {
    const auth = signedIn(request);
    const rows = await ctx.db.selectFrom('assignments').innerJoin('memberships', 'memberships.cohort_id', 'assignments.cohort_id')
      .innerJoin('cohorts', 'cohorts.id', 'assignments.cohort_id')
      .selectAll('assignments').select('cohorts.name as cohortName')
      .where('memberships.user_id', '=', auth.user.id).orderBy('assignments.due_at').execute();
    const finished = await ctx.db.selectFrom('attempts').select('assignment_id')
      .where('user_id', '=', auth.user.id).where('finished_at', 'is not', null).where('assignment_id', 'is not', null).execute();
    const done = new Set(finished.map((f) => f.assignment_id));
    return { assignments: rows.map((row) => ({ ...assignmentJson(row), cohortName: row.cohortName, done: done.has(row.id) })) };
  });

  async function liveInvite(code: string) {
    const invite = await ctx.db.selectFrom('invites').innerJoin('cohorts', 'cohorts.id', 'invites.cohort_id').innerJoin('users', 'users.id', 'cohorts.owner_id')
      .select(['invites.cohort_id', 'invites.expires_at', 'invites.revoked_at', 'cohorts.name as cohortName', 'users.name as supervisorName'])
      .where('invites.code', '=', code).executeTakeFirst();
    if (!invite || invite.revoked_at || invite.expires_at <= now()) throw new ApiError('SB_API_INVITE_INVALID');
    return invite;
  }
}

function assignmentJson(row: { id: string; cohort_id: string; scenario_id: string; mode: string; due_at: string; thresholds: string }) {
  return { id: row.id, cohortId: row.cohort_id, scenarioId: row.scenario_id, mode: row.mode, dueAt: row.due_at, thresholds: JSON.parse(row.thresholds) as unknown };
}
