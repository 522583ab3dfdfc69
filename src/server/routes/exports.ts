/**
 * CSV exports of attempts and of turns, for a programme's own analysis. An
 * admin exports everything or one cohort; a supervisor one of their cohorts,
 * or all of them when no cohort is named; trainees do not export.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { ExportQuery } from '../../api/schemas.js';
import { managedCohort, withRole } from '../access.js';
import type { Auth } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { attemptsCsv, turnsCsv } from '../exports.js';
import type { ExportScope } from '../exports.js';
import { parse } from '../validate.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function exportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  async function scopeOf(auth: Auth, query: unknown): Promise<ExportScope> {
    const { cohortId, from, to } = parse(ExportQuery, query, 'query');
    const bounds = { from: from === undefined ? null : instant(from, 0), to: to === undefined ? null : instant(to, DAY_MS) };
    if (bounds.from !== null && bounds.to !== null && bounds.to <= bounds.from) throw new ApiError('SB_API_INVALID', 'query.to: must be after query.from');
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

  app.get('/api/exports/attempts.csv', async (request, reply) => {
    const scope = await scopeOf(withRole(request, 'supervisor', 'admin'), request.query);
    return sendCsv(reply, 'attempts', await attemptsCsv(ctx.db, ctx.content, scope));
  });

  app.get('/api/exports/turns.csv', async (request, reply) => {
    const scope = await scopeOf(withRole(request, 'supervisor', 'admin'), request.query);
    return sendCsv(reply, 'turns', await turnsCsv(ctx.db, scope));
  });
}

/** A date alone is midnight UTC, plus `dateShift` (a day for `to`, so the whole day is taken in). */
function instant(value: string, dateShift: number): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00Z`) + dateShift : Date.parse(value);
}
