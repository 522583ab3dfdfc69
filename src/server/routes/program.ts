/** The programme page's data: admins only, for a date range (the last twelve weeks unless asked). */
import type { FastifyInstance } from 'fastify';
import { ProgramQuery } from '../../api/schemas.js';
import { withRole } from '../access.js';
import type { ServerContext } from '../context.js';
import { programOverview } from '../program.js';
import { timeRange } from '../range.js';
import { parse } from '../validate.js';

const DAY_MS = 86_400_000;
/** Twelve weeks and today. */
const DEFAULT_DAYS = 7 * 12 + 1;

export function programRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/program', { config: { query: true } }, async (request) => {
    withRole(request, 'admin');
    const query = parse(ProgramQuery, request.query, 'query');
    const range = timeRange(query.from, query.to);
    const now = ctx.now();
    const to = range.to ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
    const from = range.from ?? to - DEFAULT_DAYS * DAY_MS;
    return programOverview(ctx.db, { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, now.toISOString());
  });
}
