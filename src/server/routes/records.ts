/**
 * Data requests about one person: their full record as a JSON download, and
 * deleting their data. Exporting someone else's record and every deletion are
 * written to the audit log.
 */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { DeleteUserBody, IdParams } from '../../api/schemas.js';
import { maySeeUser, signedIn, withRole } from '../access.js';
import { audit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { deleteAccount } from '../deletion.js';
import { traineeRecord } from '../records.js';
import { parse } from '../validate.js';

export function recordRoutes(app: FastifyInstance, ctx: ServerContext): void {
  /** The trainee themself, a supervisor of one of their cohorts, or an admin. */
  app.get('/api/users/:id/record', async (request, reply) => {
    const { id } = parse(IdParams, request.params, 'params');
    const auth = signedIn(request);
    const exportedAt = ctx.now().toISOString();
    const record = (await maySeeUser(ctx.db, auth, id)) ? await traineeRecord(ctx.db, id, exportedAt) : null;
    if (!record) throw new ApiError('SB_API_NOT_FOUND', 'no such trainee');
    if (auth.user.id !== id) await audit(ctx, auth.user.id, 'user.record-exported', `user:${id}`, { attempts: record.attempts.length });
    return reply
      .header('content-disposition', `attachment; filename="securebase-record-${id}-${exportedAt.slice(0, 10)}.json"`)
      .header('cache-control', 'no-store')
      .send(record);
  });

  /** Admins only, with the account's email typed again as `{ confirm }`. */
  app.delete('/api/users/:id', async (request) => {
    const { id } = parse(IdParams, request.params, 'params');
    const auth = withRole(request, 'admin');
    const { confirm } = parse(DeleteUserBody, request.body, 'body');
    const user = await ctx.db.selectFrom('users').select(['id', 'email', 'role']).where('id', '=', id).executeTakeFirst();
    if (!user) throw new ApiError('SB_API_NOT_FOUND', 'no such account');
    if (user.email !== confirm) throw new ApiError('SB_API_INVALID', 'body.confirm: must be the email of the account being deleted');
    return { deleted: { id, removed: await deleteAccount(ctx, auth.user.id, user) } };
  });
}
