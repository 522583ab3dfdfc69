/**
 * A cohort's status board: for every trainee and assignment, whether it is done,
 * in progress, not started or overdue, and critical flags first, so a
 * supervisor's first look lands on what needs them.
 */
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../api/schemas.js';
import { managedCohort, withRole } from '../access.js';
import type { ServerContext } from '../context.js';
import { parse } from '../validate.js';

export type BoardStatus = 'done' | 'in_progress' | 'not_started' | 'overdue';

export function boardRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/cohorts/:id/board', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    await managedCohort(ctx.db, withRole(request, 'supervisor', 'admin'), id);
    const [members, assignments, attempts] = await Promise.all([
      ctx.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
        .select(['users.id', 'users.name']).where('memberships.cohort_id', '=', id).orderBy('users.name').execute(),
      ctx.db.selectFrom('assignments').select(['id', 'scenario_id', 'mode', 'due_at']).where('cohort_id', '=', id).orderBy('due_at').execute(),
      ctx.db.selectFrom('attempts').innerJoin('memberships', 'memberships.user_id', 'attempts.user_id')
        .select(['attempts.id', 'attempts.user_id', 'attempts.assignment_id', 'attempts.scenario_id', 'attempts.finished_at', 'attempts.started_at', 'attempts.flags', 'attempts.passed', 'attempts.signed_off_at'])
        .where('memberships.cohort_id', '=', id).orderBy('attempts.started_at', 'desc').execute(),
    ]);
    const now = ctx.now().toISOString();
    const rows = members.map((member) => ({
      trainee: member,
      cells: assignments.map((assignment) => {
        const mine = attempts.filter((a) => a.user_id === member.id && a.assignment_id === assignment.id);
        const finished = mine.find((a) => a.finished_at !== null);
        const latest = finished ?? mine[0];
        const status: BoardStatus = finished ? 'done' : assignment.due_at < now ? 'overdue' : mine.length ? 'in_progress' : 'not_started';
        return { assignmentId: assignment.id, status, attemptId: latest?.id ?? null, passed: finished ? finished.passed === 1 : null };
      }),
    }));
    const flagged = attempts.filter((a) => (JSON.parse(a.flags) as string[]).length > 0).map((a) => ({
      attemptId: a.id, trainee: members.find((m) => m.id === a.user_id)?.name ?? '', scenarioId: a.scenario_id,
      flags: JSON.parse(a.flags) as string[], at: a.finished_at ?? a.started_at, signedOff: a.signed_off_at !== null,
    }));
    return {
      assignments: assignments.map((a) => ({ id: a.id, scenarioId: a.scenario_id, mode: a.mode, dueAt: a.due_at })),
      flagged,
      rows,
      overdue: rows.reduce((n, row) => n + row.cells.filter((c) => c.status === 'overdue').length, 0),
    };
  });
}
