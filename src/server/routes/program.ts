/** The programme pages' data: admins only, for a date range (the last twelve weeks unless asked). */
import type { FastifyInstance } from 'fastify';
import { ProgramQuery } from '../../api/schemas.js';
import { withRole } from '../access.js';
import type { ServerContext } from '../context.js';
import { programOverview } from '../program.js';
import { parse } from '../validate.js';

const DAY = 86_400_000;
export const DEFAULT_PROGRAM_DAYS = 7 * 12;

/** A day names the whole of that day (UTC): `to=2027-03-01` includes the 1st of March. */
const startOf = (value: string) => new Date(value).toISOString();
const endOf = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(Date.parse(value) + DAY).toISOString() : new Date(value).toISOString();

export function programRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/program', { config: { query: true } }, async (request) => {
    withRole(request, 'admin');
    const query = parse(ProgramQuery, request.query, 'query');
    const now = ctx.now();
    const to = query.to ? endOf(query.to) : new Date(now.getTime() + DAY).toISOString();
    const from = query.from ? startOf(query.from) : new Date(Date.parse(to) - (DEFAULT_PROGRAM_DAYS + 1) * DAY).toISOString();
    return programOverview(ctx.db, { from, to }, now.toISOString());
  });
}
