/**
 * CSV exports of attempts and of turns, for a programme's own analysis. An
 * admin exports everything or one cohort; a supervisor one of their cohorts,
 * or all of them when no cohort is named; trainees do not export.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ExportQuery } from '../../api/schemas.js';
import { managedCohort, withRole } from '../access.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { attemptsCsv, turnsCsv } from '../exports.js';
import type { ExportScope } from '../exports.js';
import { timeRange } from '../range.js';
import { parse } from '../validate.js';

export function exportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  async function scopeOf(auth: Auth, query: unknown): Promise<ExportScope> {
    const { cohortId, from, to } = parse(ExportQuery, query, 'query');
    const bounds = timeRange(from, to);
    if (cohortId) return { cohortIds: [(await managedCohort(ctx.db, auth, cohortId)).id], ...bounds };
    if (auth.user.role === 'admin') return { cohortIds: null, ...bounds };
    const owned = await ctx.db.selectFrom('cohorts').select('id').where('owner_id', '=', auth.user.id).execute();
    return { cohortIds: owned.map((c) => c.id), ...bounds };
  }

  const sendCsv = (reply: FastifyReply, what: string, csv: string) => reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="securebase-${what}-${ctx.now().toISOString().slice(0, 10)}.csv"`)
    .header('cache-control', 'no-store')
    .send(csv);

  app.get('/api/exports/attempts.csv', { config: { query: true } }, async (request, reply) => {
    const scope = await scopeOf(withRole(request, 'supervisor', 'admin'), request.query);
    return sendCsv(reply, 'attempts', await attemptsCsv(ctx.db, ctx.content, scope));
  });

  app.get('/api/exports/turns.csv', { config: { query: true } }, async (request, reply) => {
    const scope = await scopeOf(withRole(request, 'supervisor', 'admin'), request.query);
    return sendCsv(reply, 'turns', await turnsCsv(ctx.db, scope));
  });
}
