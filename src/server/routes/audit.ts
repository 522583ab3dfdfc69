/** The audit log, for admins: newest first, so a deletion or a sign-off just made is at the top. */
import type { FastifyInstance } from 'fastify';
import { AuditQuery } from '../../api/schemas.js';
import { withRole } from '../access.js';
import type { ServerContext } from '../context.js';
import { parse } from '../validate.js';

export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/audit', { config: { query: true } }, async (request) => {
    withRole(request, 'admin');
    const { limit, subject } = parse(AuditQuery, request.query, 'query');
    const rows = await ctx.db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.name as actorName', 'audit_log.action', 'audit_log.subject', 'audit_log.detail'])
      .$if(subject !== undefined, (q) => q.where('audit_log.subject', '=', subject!))
      .orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute();
    return {
      entries: rows.map((r) => ({
        id: r.id, at: r.at, actor: r.actor_id ? { id: r.actor_id, name: r.actorName } : null,
        action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as unknown,
      })),
    };
  });
}
