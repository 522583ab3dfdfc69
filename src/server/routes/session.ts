/** Signing in and out, who am I, and the one-time setup of the first admin. */
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../api/errors.js';
import { SetupBody, SignInBody } from '../../api/schemas.js';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { endSession, startSession } from '../auth/sessions.js';
import { tokenHash } from '../auth/tokens.js';
import type { ServerContext } from '../context.js';
import { audit } from '../audit.js';
import { createUser } from '../users.js';
import { parse } from '../validate.js';

export function sessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/session', async (request) => ({
    user: request.auth?.user ?? null,
    csrfToken: request.auth?.csrfToken ?? null,
    setupNeeded: !(await adminExists(ctx)),
  }));

  app.post('/api/session', async (request, reply) => {
    const body = parse(SignInBody, request.body, 'body');
    const wait = Math.max(ctx.signInLimiter.retryAfter(body.email), ctx.addressLimiter.retryAfter(request.ip));
    if (wait > 0) throw new ApiError('SB_API_RATE_LIMITED', `too many sign-in attempts; try again in ${wait} s`, { 'retry-after': String(wait) });
    const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', body.email).executeTakeFirst();
    const valid = await verifyPassword(body.password, user?.password_hash ?? (await decoyHash()));
    if (!user || !valid) {
      ctx.signInLimiter.record(body.email);
      ctx.addressLimiter.record(request.ip);
      throw new ApiError('SB_API_BAD_CREDENTIALS');
    }
    ctx.signInLimiter.clear(body.email);
    const csrfToken = await startSession(ctx.db, reply, user.id, ctx.now(), ctx.secureCookies);
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, csrfToken };
  });

  app.delete('/api/session', async (request, reply) => {
    await endSession(ctx.db, reply, request.auth, ctx.secureCookies);
    return reply.code(204).send();
  });

  app.post('/api/setup', async (request, reply) => {
    const body = parse(SetupBody, request.body, 'body');
    const user = await ctx.db.transaction().execute(async (trx) => {
      const token = await trx.selectFrom('setup_tokens').selectAll().where('token_hash', '=', tokenHash(body.token)).executeTakeFirst();
      if (!token || token.used_at) throw new ApiError('SB_API_NOT_FOUND', 'this setup link is unknown or already used');
      if (await trx.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst()) throw new ApiError('SB_API_SETUP_DONE');
      await trx.updateTable('setup_tokens').set({ used_at: ctx.now().toISOString() }).where('token_hash', '=', token.token_hash).execute();
      return createUser(trx, { email: body.email, name: body.name, role: 'admin', passwordHash: await hashPassword(body.password) }, ctx.now());
    });
    await audit(ctx, user.id, 'setup.admin-created', `user:${user.id}`, {});
    const csrfToken = await startSession(ctx.db, reply, user.id, ctx.now(), ctx.secureCookies);
    return reply.code(201).send({ user, csrfToken });
  });
}

export async function adminExists(ctx: Pick<ServerContext, 'db'>): Promise<boolean> {
  return (await ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst()) !== undefined;
}
